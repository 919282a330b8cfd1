"""The scrutiny pack as a stored report (reports.archive kind "scrutiny", scope "council"):
built in the worker from one gathered Pack, as its PDF and its HTML twin, so the two say the same."""
from reports.lessons.stored import page_count
from reports.scrutiny import content, html, pdf
from reports.scrutiny.gather import gather
from reports.scrutiny.quarters import Quarter


def build(report, settings):
    """(pdf bytes, html text, pages, headline lines) of the council's quarter (the archive's builder)."""
    from reports.tasks import refresh_now

    if report.service_id is not None:
        raise ValueError("a scrutiny pack is for the whole council")
    refresh_now()  # the summaries up to date, under the worker's lock
    pack = gather(Quarter(report.period_start))
    found = pdf.build(pack, council_name=settings.council_name, council_colour=settings.council_colour)
    lines = content.headlines(pack)
    return found, html.render(pack, council_name=settings.council_name), page_count(found), lines[:4]
