"""The lessons-learnt report as a stored report (reports.archive kind "lessons"): built in the
worker from one gathered Report, as its PDF and its HTML twin, so the two say the same."""
import re

from reports.lessons import html, lessons_pdf
from reports.lessons.gather import gather
from reports.lessons.rows import headlines as cover_lines

PAGE = re.compile(rb"/Type\s*/Page(?![A-Za-z])")


def build(report, settings):
    """(pdf bytes, html text, pages, headline lines) of a service's month (reports.archive's builder)."""
    from reports.tasks import refresh_now

    if report.service is None:
        raise ValueError("a lessons-learnt report is for one service")
    refresh_now()  # the summaries up to date, under the worker's lock
    lessons = gather(report.service, report.period_start.year, report.period_start.month)
    pdf = lessons_pdf(lessons, council_name=settings.council_name, council_colour=settings.council_colour)
    return pdf, html.render(lessons, council_name=settings.council_name), page_count(pdf), headlines(lessons)


def headlines(lessons):
    """Three of the cover's plain-words lines for the monthly email: feedback received,
    complaints answered in time at stage 1, and the share upheld."""
    lines = cover_lines(lessons)
    return [lines[0], lines[2], lines[3]]


def page_count(pdf):
    """Pages in a ReportLab PDF (its page objects are written uncompressed)."""
    return len(PAGE.findall(pdf))
