"""The scrutiny pack's HTML twin: the PDF's sections (reports.scrutiny.content) as an accessible
page fragment, every chart drawn as SVG beside its table. Built in the worker and stored with the
PDF (reports.scrutiny.stored); /staff/reports shows it inside the staff layout."""
from flask import current_app

from reports import charts
from reports.scrutiny import content


def sections(pack):
    return charts.drawn(content.sections(pack), "scrutiny-chart")


def render(pack, *, council_name):
    """The HTML fragment (text); needs an app context (its Jinja, without a request)."""
    page = current_app.jinja_env.get_template("scrutiny/html_twin.html")
    return page.render(pack=pack, council_name=council_name, headlines=content.headlines(pack),
                       about=content.about(pack), sections=sections(pack))
