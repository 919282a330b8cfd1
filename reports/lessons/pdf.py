"""The lessons-learnt report as an A4 PDF on Heard's report page (reports.pdf_pages): every page
carries the council's name and colour, the service and the period, and its page number; section
headings feed the contents list on the cover. The words come from sections.py."""
from reports.pdf_pages import heading, p, render, table

__all__ = ["build", "heading", "p", "table"]


def build(report, story_of, *, council_name, council_colour):
    """The PDF's bytes: `story_of(report, styles, toc)` gives the flowables (sections.story)."""
    service = report.service.name
    return render(lambda style_set, toc: story_of(report, style_set, toc), council_name=council_name,
                  council_colour=council_colour, header=f"Lessons learnt: {service}",
                  footer=f"{service} · {report.period}", title=f"Lessons learnt: {service}, {report.period}",
                  subject=f"Complaints and feedback, {service}, {report.period}")
