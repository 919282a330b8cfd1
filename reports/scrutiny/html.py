"""The scrutiny pack's HTML twin: the PDF's sections (reports.scrutiny.content) as an accessible
page fragment, every chart drawn as SVG beside its table. Built in the worker and stored with the
PDF (reports.scrutiny.stored); /staff/reports shows it inside the staff layout."""
from flask import current_app

from reports import charts as svg
from reports.scrutiny import charts, content


def _drawn(block, chart_id):
    if block[0] == "chart":
        return ("svg", svg.bars(chart_id, block[1], block[2]))
    if block[0] == "columns":
        return ("svg", charts.columns_svg(chart_id, block[1], block[2], block[3]))
    return block


def sections(pack):
    found = content.sections(pack)
    for number, section in enumerate(found):
        section.blocks = [_drawn(block, f"scrutiny-chart-{number}-{n}") for n, block in enumerate(section.blocks)]
    return found


def render(pack, *, council_name):
    """The HTML fragment (text); needs an app context (its Jinja, without a request)."""
    page = current_app.jinja_env.get_template("scrutiny/html_twin.html")
    return page.render(pack=pack, council_name=council_name, headlines=content.headlines(pack),
                       about=content.about(pack), sections=sections(pack))
