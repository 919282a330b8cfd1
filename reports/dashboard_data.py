"""What each dashboard view shows, as tables (with a chart where one helps): the page renders
them and the CSV export writes the very same rows, so the two never disagree. Every number
comes from the query layer (reports.queries)."""
from dataclasses import dataclass, field

from markupsafe import Markup

from app.languages import N_
from reports import charts
from reports.queries import complaints, contacts, emerging, satisfaction, sentiment, volumes
from reports.queries.definitions import DEFINITIONS
from reports.queries.figures import Figure
from reports.queries.topic_figures import top_topics

VIEWS = {"overview": "Overview", "volumes": "Volumes", "complaints": "Complaints",
         "sentiment": "Sentiment", "topics": "Topics and emerging issues"}
# Marked for the catalogue (N_): the published annual report shows them translated; English here.
NAMES = {"csat": N_("Satisfaction (CSAT)"), "nps": N_("Net Promoter Score (NPS)"),
         "ces": N_("Customer effort (CES)"), "fcr_survey": N_("First contact resolution (survey)"),
         "fcr_repeat": N_("First contact resolution (repeat contact)"),
         "fcr_recorded": N_("First contact resolution (recorded)"), "repeat_contacts": N_("Repeat contacts"),
         "items": N_("Feedback received"), "responses": N_("Survey responses"),
         "ack1": N_("Stage 1 acknowledged in time"), "resp1": N_("Stage 1 responded in time"),
         "ack2": N_("Stage 2 acknowledged in time"), "resp2": N_("Stage 2 responded in time"),
         "escalation": N_("Escalated to stage 2"), "upheld": N_("Upheld or partly upheld"),
         "ombudsman": N_("Ombudsman referrals"), "negative_share": N_("Negative sentiment"),
         "positive_share": N_("Positive sentiment"), "emerging": N_("Emerging issues")}


@dataclass(frozen=True)
class Cell:
    value: object  # what the CSV holds
    text: str  # what the page shows
    numeric: bool = False


@dataclass
class Table:
    key: str
    caption: str
    columns: list
    rows: list = field(default_factory=list)
    chart: Markup = None
    definitions: list = field(default_factory=list)


FORMATS = {"percent": "{:.1f}%", "score": "{:+.1f}", "mean": "{:.2f}", "count": "{:,}"}
CHANGES = {"percent": "{:+.1f} points", "score": "{:+.1f}", "mean": "{:+.2f}", "count": "{:+,}"}


def fmt(value, unit, formats=FORMATS, missing="No data"):
    return missing if value is None else formats.get(unit, "{}").format(value)


def fmt_change(change, unit):
    return fmt(change, unit, CHANGES, "No comparison")


def _num(value, unit):
    return Cell(value, fmt(value, unit), True)


def kpi_table(key, caption, figures, chart_title=None):
    table = Table(key, caption, ["Measure", "This period", "Previous period", "Change", "Based on",
                                 "Previous based on"])
    for figure in figures:
        table.rows.append([Cell(NAMES[figure.key], NAMES[figure.key]), _num(figure.value, figure.unit),
                           _num(figure.previous, figure.unit),
                           Cell(figure.change, fmt_change(figure.change, figure.unit), True),
                           _num(figure.base, "count"), _num(figure.previous_base, "count")])
        table.definitions.append(DEFINITIONS[figure.key])
    if chart_title:
        rates = [f for f in figures if f.unit == "percent"]
        table.chart = charts.bars(f"chart-{key}", chart_title,
                                  [(NAMES[f.key], f.value, f.previous) for f in rates], unit="percent")
    return table


def share_table(key, caption, label, shares, definition):
    table = Table(key, caption, [label, "This period", "Previous period", "Change"], definitions=[definition])
    for share in shares:
        table.rows.append([Cell(share.label, share.label), _num(share.count, "count"),
                           _num(share.previous_count, "count"), Cell(share.change, fmt_change(share.change, "count"), True)])
    table.chart = charts.bars(f"chart-{key}", caption, [(s.label, s.count, s.previous_count) for s in shares])
    return table


def overview(filters, without_special):
    found = volumes.volumes(filters)
    cases = complaints.complaints(filters)
    now, before = emerging.emerging_count(filters, without_special=without_special)
    issues = Figure("emerging", now, now, before, before, "count")
    figures = (satisfaction.all_figures(filters) + contacts.all_figures(filters) + [found.total, found.responses]
               + cases.all()
               + [sentiment.negative_share(filters), issues])
    return [kpi_table("key-figures", "Key figures", figures, chart_title="Key percentages, this period and the previous")]


def volume_tables(filters, without_special):
    found = volumes.volumes(filters)
    return [kpi_table("totals", "Totals", [found.total, found.responses, contacts.repeat_contacts(filters)]),
            share_table("by-channel", "Feedback by channel", "Channel", found.by_channel, DEFINITIONS["items"]),
            share_table("by-service", "Feedback by service", "Service", found.by_service, DEFINITIONS["items"]),
            share_table("by-kind", "Feedback by type", "Type", found.by_kind, DEFINITIONS["items"]),
            share_table("by-touchpoint", "Survey responses by touchpoint", "Touchpoint", found.by_touchpoint,
                        DEFINITIONS["responses"])]


def complaint_tables(filters, without_special):
    cases = complaints.complaints(filters)
    return [kpi_table("timeliness", "Timeliness against the Complaint Handling Code", cases.timeliness(),
                      chart_title="Deadlines met in time, by stage"),
            kpi_table("outcomes", "Escalation, outcomes and the Ombudsman", [cases.escalation, cases.upheld,
                                                                             cases.ombudsman])]


def sentiment_tables(filters, without_special):
    months = sentiment.trend(filters)
    trend = Table("trend", "Sentiment by month", ["Month", "Feedback", "Negative", "Neutral", "Positive",
                                                  "Negative share"], definitions=[DEFINITIONS["negative_share"]])
    for m in months:
        trend.rows.append([Cell(f"{m.month:%Y-%m}", f"{m.month:%B %Y}"), _num(m.items, "count"),
                           _num(m.negative, "count"), _num(m.neutral, "count"), _num(m.positive, "count"),
                           _num(m.negative_share, "percent")])
    trend.chart = charts.sentiment_columns("chart-trend", "Share of negative, neutral and positive feedback by month",
                                           months)
    return [kpi_table("shares", "Sentiment in the period", [sentiment.negative_share(filters),
                                                            sentiment.positive_share(filters)]), trend]


def topic_tables(filters, without_special):
    found = top_topics(filters, limit=10)
    table = Table("top-topics", "Top topics", ["Topic", "This period", "Previous period", "Change", "Negative",
                                               "Neutral", "Positive", "Negative share"],
                  definitions=[DEFINITIONS["topics"]])
    for topic in found:
        table.rows.append([Cell(topic.name, topic.name), _num(topic.count, "count"), _num(topic.previous_count, "count"),
                           Cell(topic.count - topic.previous_count, fmt_change(topic.count - topic.previous_count,
                                                                               "count"), True),
                           _num(topic.negative, "count"), _num(topic.neutral, "count"), _num(topic.positive, "count"),
                           _num(topic.negative_share, "percent")])
    table.chart = charts.bars("chart-top-topics", "Top topics, this period and the previous",
                              [(t.name, t.count, t.previous_count) for t in found])
    issues = Table("emerging", "Emerging issues", ["First seen", "Last seen", "Matching items", "Items in all",
                                                   "Key phrases"], definitions=[DEFINITIONS["emerging"]])
    for issue in emerging.emerging(filters, without_special=without_special):
        phrases = ", ".join(issue.key_phrases)
        issues.rows.append([Cell(issue.first_seen.isoformat(), f"{issue.first_seen:%-d %B %Y}"),
                            Cell(issue.last_seen.isoformat(), f"{issue.last_seen:%-d %B %Y}"),
                            _num(issue.matching, "count"), _num(issue.size, "count"), Cell(phrases, phrases)])
    return [table, issues]


BUILDERS = {"overview": overview, "volumes": volume_tables, "complaints": complaint_tables,
            "sentiment": sentiment_tables, "topics": topic_tables}


def tables(view, filters, *, without_special=False):
    return BUILDERS[view](filters, without_special)


def csv_rows(view, filters, tables_):
    """The rows of a view's CSV: what it is about, then each table with its definitions."""
    rows = [["Heard dashboard", VIEWS[view]], ["From", filters.start.isoformat(), "To", filters.end.isoformat()],
            ["Previous period from", filters.previous().start.isoformat(), "to", filters.previous().end.isoformat()]]
    for table in tables_:
        rows += [[], [table.caption], table.columns]
        rows += [[_csv_value(cell.value) for cell in row] for row in table.rows]
        rows += [["Definition", text] for text in table.definitions]
    return rows


def _csv_value(value):
    return round(value, 2) if isinstance(value, float) else value
