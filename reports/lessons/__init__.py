"""Lessons-learnt reports: for one service and one month, what residents told the council, how
its complaints were handled against the Code, why they were upheld and what is being done, in a
PDF a service lead reads in five minutes. Every figure comes from the dashboard's query layer.

    report = gather.gather(service, 2026, 3)   # the figures
    content = lessons_pdf(report, council_name=..., council_colour=...)   # the PDF's bytes
"""


def lessons_pdf(report, *, council_name, council_colour):
    from reports.lessons import pdf, sections

    return pdf.build(report, sections.story, council_name=council_name, council_colour=council_colour)
