"""Evidence of effect, computed and never typed: for a done action, each linked theme's
complaints per month and share of negative sentiment in the action's service, for the three
calendar months before the month it was done and the three after. A month not yet over is
marked "so far"; a month that has not begun is not shown. The sentence compares the monthly
average before with the average over the months after that are over."""
import re
from dataclasses import dataclass

from flask_babel import gettext

from app.actions.models import ActionTheme
from app.learning.models import Topic
from app.languages import N_
from app.learning.trends import topic_months
from app.timefmt import add_months
from app.timefmt import to_london

MONTHS = 3
SPANS = {1: N_("in the month after"), 2: N_("in the two months after"), 3: N_("in the three months after")}
FELL = N_("Complaints about %(topic)s fell from %(was)s a month to %(now)s a month %(span)s.")
ROSE = N_("Complaints about %(topic)s rose from %(was)s a month to %(now)s a month %(span)s.")
STAYED = N_("Complaints about %(topic)s stayed at %(was)s a month %(span)s.")
TOO_SOON = N_("It is too soon to compare: no full month has passed since the action was done. "
              "Complaints about %(topic)s averaged %(before)s a month before.")
OWNERS_NOTE = N_("The owner's note: %(note)s")  # as reports.overview adds the owner's note
_PATTERNS = []  # (message, the English sentence it makes as a pattern): in_language


@dataclass(frozen=True)
class Month:
    figure: object  # app.learning.trends.MonthFigure
    after: bool  # one of the months after the month the action was done
    so_far: bool  # not over yet: counted up to today

    @property
    def month(self):
        return self.figure.month


@dataclass(frozen=True)
class ThemeEvidence:
    topic: Topic
    months: list  # [Month], before then after, oldest first
    sentence: str

    @property
    def before(self):
        return [m for m in self.months if not m.after]

    @property
    def after(self):
        return [m for m in self.months if m.after]

    @property
    def largest(self):
        return max([m.figure.count for m in self.months] + [1])


def _number(value):
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


def sentence(topic_name, before, after):
    """The plain sentence under the figures: before and after are lists of Month. In the
    language in force: English for staff and in the worker, Welsh on a Welsh public page."""
    over = [m for m in after if not m.so_far]
    if not over:
        return gettext(TOO_SOON, topic=topic_name, before=_number(_average(before)))
    was, now = _average(before), _average(over)
    figures = {"topic": topic_name, "was": _number(was), "now": _number(now), "span": gettext(SPANS[len(over)])}
    if now < was:
        return gettext(FELL, **figures)
    if now > was:
        return gettext(ROSE, **figures)
    return gettext(STAYED, **figures)


def in_language(said):
    """A sentence Heard wrote in English about an action's effect (kept so, with a report's
    figures), in the language in force: its figures and the topic's name as they were. Anything
    else (an officer's words) is returned as it is."""
    for message, pattern in _patterns():
        found = pattern.fullmatch(said)
        if found:
            values = found.groupdict()
            if "span" in values:
                values["span"] = gettext(values["span"])
            return gettext(message, **values)
    return said


def _patterns():
    if not _PATTERNS:
        spans = "|".join(re.escape(span) for span in SPANS.values())
        for message in (FELL, ROSE, STAYED, TOO_SOON, OWNERS_NOTE):
            pattern = re.escape(message).replace(r"%\(span\)s", f"(?P<span>{spans})")
            pattern = re.sub(r"%\\\((\w+)\\\)s", r"(?P<\1>.+?)", pattern)
            _PATTERNS.append((message, re.compile(pattern, re.DOTALL)))
    return _PATTERNS


def _average(months):
    return sum(m.figure.count for m in months) / len(months) if months else 0


def for_theme(action, topic, today):
    """ThemeEvidence for one topic of a done action, as it stands on `today` (London date)."""
    done_month = to_london(action.done_at).date().replace(day=1)
    services = (action.service_id,) if action.service_id else None
    start = add_months(done_month, -MONTHS)
    figures = topic_months(topic.id, services=services, start_month=start, months=MONTHS)
    after_start = add_months(done_month, 1)
    figures += [f for f in topic_months(topic.id, services=services, start_month=after_start, months=MONTHS)
                if f.month <= today]
    months = [Month(f, after=f.month > done_month, so_far=add_months(f.month, 1) > today) for f in figures]
    before = [m for m in months if not m.after]
    after = [m for m in months if m.after]
    return ThemeEvidence(topic=topic, months=months, sentence=sentence(topic.name, before, after))


def for_action(action, today=None):
    """[ThemeEvidence] for each theme linked to a done action (one per topic); [] otherwise."""
    if action.status != "done" or action.done_at is None:
        return []
    from app.actions.queries import london_today

    today = today or london_today()
    topics = (Topic.select().join(ActionTheme).where(ActionTheme.action == action)
              .distinct().order_by(Topic.name))
    return [for_theme(action, topic, today) for topic in topics]
