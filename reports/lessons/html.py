"""The lessons-learnt report's HTML twin: the same sections, headings, sentences and tables as the
PDF (reports.lessons.sections), from the same gathered Report, as an accessible page fragment
(GOV.UK patterns; every chart an SVG with its table beside it). Built in the worker and stored
with the PDF (reports.lessons.stored); /staff/reports shows it inside the staff layout.

The fragment starts at <h2>: the page that shows it gives the one <h1>."""
from dataclasses import dataclass, field

from flask import current_app

from reports import charts as svg
from reports.dashboard_data import NAMES, fmt
from reports.lessons import words
from reports.lessons.sections import _action_rows, _figure_rows, _headlines, _shares, _shares_topics, phrase_lines


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
    section.p(f"{NAMES['items']}: {fmt(found.total.value, 'count')} in {report.period} "
              f"({fmt(found.total.previous, 'count')} in {report.previous_period}).")
    section.h3("By type")
    section.table("Feedback by type", _shares(found.by_kind, "Type"))
    section.h3("By channel")
    section.chart(svg.bars("lessons-by-channel", "Feedback by channel, this month and last",
                           [(r.label, r.count, r.previous_count) for r in found.by_channel]))
    section.table("Feedback by channel", _shares(found.by_channel, "Channel"))
    return section


def sentiment(report):
    section = Section("How people felt", "felt")
    section.p(words.change(words.HEADLINES["negative_share"], report.negative_share, report.period,
                           report.previous_period))
    section.chart(svg.sentiment_columns("lessons-sentiment", "Sentiment by month, for 12 months", report.trend))
    section.table("Sentiment by month", [["Month", "Feedback", "Negative", "Neutral", "Positive", "Negative share"]] + [
        [f"{m.month:%B %Y}", fmt(m.items, "count"), fmt(m.negative, "count"), fmt(m.neutral, "count"),
         fmt(m.positive, "count"), fmt(m.negative_share, "percent")] for m in report.trend])
    return section


def topics(report):
    section = Section("Topics and emerging issues", "topics")
    section.h3("Top topics")
    section.table_or("Top topics", [["Topic", "This month", "Last month", "Change", "Negative share"]] + [
        [t.name, fmt(t.count, "count"), fmt(t.previous_count, "count"),
         words.count_change(t.count, t.previous_count), fmt(t.negative_share, "percent")] for t in report.topics],
        f"No feedback about {report.service.name} was given a topic in {report.period}.")
    section.lines("What people said about them", phrase_lines(report.topics, report.phrases))
    section.h3("Emerging issues raised this month")
    section.table_or("Emerging issues raised this month", [["First seen", "Items here", "Key phrases"]] + [
        [f"{i.first_seen:%-d %B %Y}", fmt(i.matching, "count"), ", ".join(i.key_phrases) or "None yet"]
        for i in report.emerging], f"No new issue emerged in {report.period}.")
    return section


def complaints(report):
    found, work, section = report.complaints, report.casework, Section("Complaints", "complaints")
    remedies = work.remedies
    section.h3("By stage")
    section.table("Complaints by stage", _shares(work.stages, "Stage"))
    section.h3("Timeliness against the Complaint Handling Code")
    section.table("Timeliness against the Complaint Handling Code", _figure_rows(found.timeliness()))
    section.h3("Outcomes of complaints closed this month")
    section.table_or("Outcomes of complaints closed this month", _shares(work.outcomes, "Outcome"),
                     f"No complaint was closed in {report.period}.")
    section.p(words.change(words.HEADLINES["upheld"], found.upheld, report.period, report.previous_period)
              + f" ({fmt(found.upheld.base, 'count')} decided).")
    section.table("Escalation and upheld complaints", _figure_rows([found.escalation, found.upheld]))
    section.h3("Remedies")
    section.p(f"{fmt(remedies.closed, 'count')} complaints closed; payments came to "
              f"{words.pounds(remedies.financial_pence)}.")
    section.table("Remedies", [["Remedy", "Complaints", "Share of those closed"]] + [
        [name, fmt(count, "count"), words.share_of(count, remedies.closed)]
        for name, count in (("An apology", remedies.apology), ("Something put right", remedies.action),
                            ("A payment", remedies.financial))])
    section.h3("Ombudsman cases")
    section.p(f"{NAMES['ombudsman']}: {fmt(found.ombudsman.value, 'count')} in {report.period} "
              f"({fmt(found.ombudsman.previous, 'count')} in {report.previous_period}); the Ombudsman "
              f"decided {fmt(work.ombudsman_decided, 'count')} of the service's cases this month.")
    if work.ombudsman_referred:
        section.table("Ombudsman cases", _shares(work.ombudsman_referred, "Ombudsman"))
    return section


def root_causes(report):
    section = Section("Why complaints were upheld, and what we are doing", "root-causes")
    section.h3("Root causes of upheld complaints")
    section.table_or("Root causes of upheld complaints", [["Root cause", "Upheld", "Decided", "Closed", "Last month"]] + [
        [r.name, fmt(r.upheld, "count"), fmt(r.decided, "count"), fmt(r.count, "count"),
         fmt(r.previous_count, "count")] for r in report.root_causes],
        f"No complaint closed in {report.period} was upheld with a root cause.")
    lists = report.actions
    for title, lines, evidence, empty in (
            ("Actions done this month", lists.done, True, "No action was finished this month."),
            ("Actions due this month and next", lists.due, False, "No open action falls due."),
            (f"Actions overdue on {lists.as_of:%-d %B %Y}", lists.overdue, False, "No action is overdue.")):
        section.h3(title)
        section.table_or(title, _action_rows(lines, evidence), empty, numeric_from=9)
    return section


def went_well(report):
    section = Section("What went well", "went-well")
    section.h3("Compliments by theme")
    section.table_or("Compliments by theme", _shares_topics(report.compliments),
                     f"No compliment about {report.service.name} was given a theme in {report.period}.")
    section.lines("What people praised", phrase_lines(report.compliments, report.compliment_phrases))
    section.h3("In residents' words")
    if not report.quotes:
        section.p("No quote has been approved in a published “You said, we did” for this service yet.")
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
    return page.render(report=report, council_name=council_name, headlines=_headlines(report),
                       sections=sections(report))
