"""The lessons-learnt report's HTML twin: the same sections, headings, sentences and tables as the
PDF (reports.lessons.sections), from the same gathered Report and the same rows and sentences
(reports.lessons.rows), as an accessible page fragment (GOV.UK patterns; every chart an SVG
with its table beside it). Built in the worker and stored
with the PDF (reports.lessons.stored); /staff/reports shows it inside the staff layout.

The fragment starts at <h2>: the page that shows it gives the one <h1>."""
from dataclasses import dataclass, field

from flask import current_app

from reports import charts as svg
from reports.lessons import rows


@dataclass
class Section:
    title: str
    anchor: str
    blocks: list = field(default_factory=list)

    def p(self, text):
        self.blocks.append({"type": "p", "text": text})

    def h3(self, text):
        self.blocks.append({"type": "h3", "text": text})

    def lines(self, title, lines):
        """A sub-heading and one paragraph per line; nothing when there are no lines."""
        if lines:
            self.h3(title)
            for line in lines:
                self.p(line)

    def table(self, caption, rows, numeric_from=1):
        self.blocks.append({"type": "table", "caption": caption, "head": rows[0], "rows": rows[1:],
                            "numeric_from": numeric_from})

    def table_or(self, caption, rows, empty, numeric_from=1):
        """The table when `rows` (after its header row) has any, else the sentence `empty`."""
        if len(rows) > 1:
            self.table(caption, rows, numeric_from)
        else:
            self.p(empty)

    def chart(self, svg_markup):
        self.blocks.append({"type": "chart", "svg": svg_markup})

    def quote(self, text, attribution):
        self.blocks.append({"type": "quote", "text": text, "attribution": attribution})


def volumes(report):
    found, section = report.volumes, Section("What people told us", "told-us")
    section.p(rows.received(report))
    section.h3("By type")
    section.table("Feedback by type", rows.shares(found.by_kind, "Type"))
    section.h3("By channel")
    section.chart(svg.bars("lessons-by-channel", "Feedback by channel, this month and last",
                           [(r.label, r.count, r.previous_count) for r in found.by_channel]))
    section.table("Feedback by channel", rows.shares(found.by_channel, "Channel"))
    return section


def sentiment(report):
    section = Section("How people felt", "felt")
    section.p(rows.felt(report))
    section.chart(svg.sentiment_columns("lessons-sentiment", "Sentiment by month, for 12 months", report.trend))
    section.table("Sentiment by month", rows.trend(report))
    return section


def topics(report):
    section = Section("Topics and emerging issues", "topics")
    section.h3("Top topics")
    section.table_or("Top topics", rows.topics(report), rows.no_topics(report))
    section.lines("What people said about them", rows.phrase_lines(report.topics, report.phrases))
    section.h3("Emerging issues raised this month")
    section.table_or("Emerging issues raised this month", rows.emerging(report),
                     f"No new issue emerged in {report.period}.")
    return section


def complaints(report):
    found, work, section = report.complaints, report.casework, Section("Complaints", "complaints")
    section.h3("By stage")
    section.table("Complaints by stage", rows.shares(work.stages, "Stage"))
    section.h3("Timeliness against the Complaint Handling Code")
    section.table("Timeliness against the Complaint Handling Code", rows.figures(found.timeliness()))
    section.h3("Outcomes of complaints closed this month")
    section.table_or("Outcomes of complaints closed this month", rows.shares(work.outcomes, "Outcome"),
                     f"No complaint was closed in {report.period}.")
    section.p(rows.upheld(report))
    section.table("Escalation and upheld complaints", rows.figures([found.escalation, found.upheld]))
    section.h3("Remedies")
    section.p(rows.remedies_said(report))
    section.table("Remedies", rows.remedies(report))
    section.h3("Ombudsman cases")
    section.p(rows.ombudsman(report))
    if work.ombudsman_referred:
        section.table("Ombudsman cases", rows.shares(work.ombudsman_referred, "Ombudsman"))
    return section


def root_causes(report):
    section = Section("Why complaints were upheld, and what we are doing", "root-causes")
    section.h3("Root causes of upheld complaints")
    section.table_or("Root causes of upheld complaints", rows.root_causes(report),
                     f"No complaint closed in {report.period} was upheld with a root cause.")
    for title, found, _evidence, empty in rows.action_lists(report):
        section.h3(title)
        section.table_or(title, found, empty, numeric_from=9)
    return section


def went_well(report):
    section = Section("What went well", "went-well")
    section.h3("Compliments by theme")
    section.table_or("Compliments by theme", rows.topic_shares(report.compliments), rows.no_compliments(report))
    section.lines("What people praised", rows.phrase_lines(report.compliments, report.compliment_phrases))
    section.h3("In residents' words")
    if not report.quotes:
        section.p(rows.NO_QUOTES)
    for quote in report.quotes:
        section.quote(quote.text, f"On {quote.theme}, from {quote.publication}")
    return section


def sections(report):
    return [volumes(report), sentiment(report), topics(report), complaints(report), root_causes(report),
            went_well(report)]


def render(report, *, council_name):
    """The HTML fragment (text) for a gathered Report; needs an app context (its Jinja, without
    the request's context processors: the worker has no request)."""
    page = current_app.jinja_env.get_template("lessons/html_twin.html")
    return page.render(report=report, council_name=council_name, headlines=rows.headlines(report),
                       sections=sections(report))
