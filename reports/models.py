"""Pre-computed summaries the dashboard reads instead of scanning raw tables per request.

Every summary table holds counts for one *span*: a London calendar day ("d"), a month ("m",
`day` its first day) or a year ("y", `day` 1 January), over the dimensions every figure can be
filtered by (service, channel, touchpoint). Day rows are computed from the raw tables
(reports.summaries*); month rows are the sums of their days and year rows the sums of their
months, so a period of any length reads at most a few hundred rows. `SummaryState` remembers
how far the last refresh got (reports.summaries_refresh).

Ids of services, touchpoints and topics are plain integers (0: none), not foreign keys: a
summary never blocks deleting what it counts, and the next refresh forgets it.
"""
from peewee import CharField, DateField, DateTimeField, IntegerField

from app.db import BaseModel

SPANS = {"d": "Day", "m": "Month", "y": "Year"}


def _summary(model):
    """Give a summary table its span, day and dimension columns."""
    for name, field in (("span", CharField(max_length=1)), ("day", DateField()),
                        ("service_id", IntegerField(default=0)),
                        ("channel", CharField(max_length=20, default="")),
                        ("touchpoint_id", IntegerField(default=0))):
        model._meta.add_field(name, field)
    return model


@_summary
class ItemSummary(BaseModel):
    """Feedback items received, with their current sentiment (app.learning.current) and, for
    contacts, how many were followed by another contact within 14 days (reports.summaries)."""

    kind = CharField(max_length=20)
    items = IntegerField(default=0)
    negative = IntegerField(default=0)
    neutral = IntegerField(default=0)
    positive = IntegerField(default=0)
    contacts = IntegerField(default=0)
    repeats = IntegerField(default=0)

    class Meta:
        table_name = "report_item_summary"
        indexes = ((("span", "day"), False),)


@_summary
class TopicSummary(BaseModel):
    """Feedback items received per current topic (a theme, or a service area: `head`)."""

    kind = CharField(max_length=20)
    head = CharField(max_length=20)
    topic_id = IntegerField()
    items = IntegerField(default=0)
    negative = IntegerField(default=0)
    neutral = IntegerField(default=0)
    positive = IntegerField(default=0)

    class Meta:
        table_name = "report_topic_summary"
        # span and day first, as in every summary, so each span of a period's cover is an index range
        indexes = ((("span", "day", "head"), False),)


@_summary
class SurveySummary(BaseModel):
    """Survey answers to the scored questions: how many gave each value (fcr: 1 yes, 0 no)."""

    question_kind = CharField(max_length=20)
    value = IntegerField()
    answers = IntegerField(default=0)

    class Meta:
        table_name = "report_survey_summary"
        indexes = ((("span", "day"), False),)


@_summary
class CaseSummary(BaseModel):
    """Complaint measures counted on their day (reports.summaries_cases.MEASURES)."""

    measure = CharField(max_length=20)
    cases = IntegerField(default=0)

    class Meta:
        table_name = "report_case_summary"
        indexes = ((("span", "day"), False),)


class CaseMeasure(BaseModel):
    """What one complaint case counts towards, and on which day: the source of CaseSummary day
    rows, kept per case so a changed case moves its counts from its old days to its new."""

    case_id = IntegerField(index=True)
    day = DateField(index=True)
    service_id = IntegerField(default=0)
    channel = CharField(max_length=20, default="")
    measure = CharField(max_length=20)

    class Meta:
        table_name = "report_case_measure"


class SummaryState(BaseModel):
    """How far the summaries are up to date: the highest id seen of each watched table, the
    London day open cases were last recounted, when the last refresh finished."""

    name = CharField(max_length=40, primary_key=True)
    value = IntegerField(default=0)
    updated_at = DateTimeField(null=True)

    class Meta:
        table_name = "report_summary_state"
