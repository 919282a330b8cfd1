"""The annual report as an A4 PDF on Heard's report page (reports.pdf_pages): the council's name
and colour, the period on every page, page numbers, a contents list, and charts drawn with
reportlab.graphics beside tables of the same figures (reports.lessons.charts)."""
from flask_babel import gettext
from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Spacer

from reports.annual import content
from reports.lessons import charts
from reports.pdf_pages import heading, p, render, table

FULL = 174 * mm


def _widths(columns):
    first = 64 * mm if columns > 2 else 120 * mm
    rest = (FULL - first) / max(columns - 1, 1)
    return [first] + [rest] * (columns - 1)


def flowables(block, s, span=content.YEAR):
    """The flowables of one of content's blocks; a chart's bars are named as `span` names its periods."""
    kind = block[0]
    if kind == "p":
        return [p(block[1], s["body"])]
    if kind == "h2":
        return [p(block[1], s["h2"])]
    if kind == "table":
        rows = block[1]
        return [table(rows, _widths(len(rows[0])), s)]
    regular, bold = s["fonts"]
    return [charts.bars(block[1], block[2][:12], regular, bold, s["colour"], span.now, span.before),
            Spacer(1, 4 * mm)]


def story(report, overview, assessments, s, toc):
    found = [p(gettext("Complaints performance and service improvement"), s["caption"]),
             p(content.title_words(report), s["title"]), p(content.period_words(report), s["caption"]),
             Spacer(1, 6 * mm),
             p(gettext("This report is made under section 8 of the Complaint Handling Code. Every figure comes "
                       "from the council's complaints and feedback system, Heard, for the whole year."), s["body"]),
             p(gettext("Contents"), s["h1"]), toc, PageBreak()]
    for section in content.sections(report, overview, assessments):
        found.append(heading(section.title, s["h1"]))
        for block in section.blocks:
            found += flowables(block, s)
    return found


def build(report, overview, assessments, *, council_name, council_colour):
    """The PDF's bytes for `report` (a saved AnnualReport, or an unsaved draft from the CLI), its own
    words in the language in force (English in the worker; reports.annual.public_views builds
    another language's copy when a resident asks for it)."""
    period = content.period_words(report)
    return render(lambda s, toc: story(report, overview, assessments, s, toc), council_name=council_name,
                  council_colour=council_colour, header=gettext("Annual complaints report"),
                  footer=f"{council_name} · {period}", title=content.title_words(report),
                  subject=gettext("Complaints performance and service improvement, %(period)s", period=period))


def draft(start, *, council_name, council_colour):
    """(PDF bytes, end) of the draft for the 12 months from `start`, saving nothing: the figures
    computed now and a self-assessment holding only Heard's computed evidence (`flask reports
    annual-report`, and the benchmark)."""
    from reports.annual import code, services
    from reports.annual.models import AnnualReport, Assessment

    start, end = services.period_of(start)
    overview = services.compute(start, end)
    report = AnnualReport(period_start=start, period_end=end, title=services.title_of(start, end))
    computed = code.english_evidence(overview, report.title)
    rows = [Assessment(section=n, evidence="\n".join(computed[n])) for n in code.SECTIONS]
    return build(report, overview, rows, council_name=council_name, council_colour=council_colour), end
