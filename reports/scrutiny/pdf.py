"""The scrutiny pack as an A4 PDF on Heard's report page (reports.pdf_pages): a cover with the
quarter's headline figures and how they changed, a contents list, then the sections of
reports.scrutiny.content, printed by the annual report's own block printer (reports.annual.pdf)
with the quarter's columns chart beside it. The council's name and colour, the quarter on every
page, page numbers."""
from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Spacer

from reports.annual.pdf import flowables
from reports.pdf_pages import heading, p, render
from reports.scrutiny import charts, content

TITLE = "Complaints scrutiny pack"


def _block(block, s):
    if block[0] != "columns":
        return flowables(block, s, content.QUARTER)
    regular, bold = s["fonts"]
    return [charts.columns(block[1], block[2], block[3], regular, bold, s["colour"]), Spacer(1, 4 * mm)]


def story(pack, s, toc):
    found = [p("Quarterly report to the councillor responsible for complaints", s["caption"]),
             p(TITLE, s["title"]), p(pack.period, s["caption"]), Spacer(1, 6 * mm),
             p("The quarter at a glance", s["h1"]), p(f"Compared with {pack.previous_period}:", s["body"])]
    found += [p(line, s["headline"]) for line in content.headlines(pack)]
    found += [Spacer(1, 4 * mm), p(content.about(pack), s["body"]), p("Contents", s["h1"]), toc, PageBreak()]
    for section in content.sections(pack):
        found.append(heading(section.title, s["h1"]))
        for block in section.blocks:
            found += _block(block, s)
    return found


def build(pack, *, council_name, council_colour):
    """The PDF's bytes for a gathered Pack (reports.scrutiny.gather)."""
    return render(lambda s, toc: story(pack, s, toc), council_name=council_name, council_colour=council_colour,
                  header=TITLE, footer=f"{council_name} · {pack.period}", title=f"{TITLE}: {pack.period}",
                  subject=f"Complaints and feedback for the councillor responsible for complaints, {pack.period}")
