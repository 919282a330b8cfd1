"""What the service is doing about its complaints, for a lessons-learnt report: the root-cause
actions done in the month (with the evidence of their effect, app.actions.evidence), those due
in the month or next, and those overdue, each with its owner; and three to five quotes that
officers approved for the service's published "You said, we did" (reports.yswd.reads, which
checks again that each is still quotable, redacted and never special-category)."""
import datetime
from dataclasses import dataclass

from app.actions import evidence
from app.actions.models import OPEN_STATUSES, Action
from app.timefmt import add_months, utc_bounds
from reports.yswd import reads
from reports.yswd.models import Publication

MAX_QUOTES = 5
NO_OWNER = "No owner yet"


@dataclass(frozen=True)
class ActionLine:
    title: str
    owner: str
    status: str
    due_on: datetime.date | None
    evidence: tuple = ()  # plain sentences, for a done action


@dataclass(frozen=True)
class ActionLists:
    done: tuple
    due: tuple
    overdue: tuple
    as_of: datetime.date  # overdue on this day


@dataclass(frozen=True)
class Quote:
    text: str  # redacted
    theme: str
    publication: str


def as_of(filters, today):
    """The day a past month's report is about (its last), or today for the month still running."""
    return min(filters.end, today)


def _owner(action):
    return action.owner.name if action.owner_id and action.owner else NO_OWNER


def _line(action, today=None):
    sentences = ()
    if action.status == "done":
        sentences = tuple(found.sentence for found in evidence.for_action(action, today=today))
    return ActionLine(title=action.title, owner=_owner(action), status=action.status_label,
                      due_on=action.due_on, evidence=sentences)


def _service(query, filters):
    if filters.services is not None:
        query = query.where(Action.service.in_(list(filters.services) or [0]))
    return query


def actions(filters, today):
    day = as_of(filters, today)
    start, end = utc_bounds(filters.start, filters.end)
    done = _service(Action.select(), filters).where(Action.status == "done", Action.done_at >= start,
                                                    Action.done_at < end).order_by(Action.done_at, Action.id)
    still_open = _service(Action.select(), filters).where(Action.status.in_(list(OPEN_STATUSES)))
    horizon = add_months(filters.start, 2) - datetime.timedelta(days=1)  # the month and the next
    due = still_open.where(Action.due_on >= day, Action.due_on <= horizon).order_by(Action.due_on, Action.id)
    overdue = still_open.where(Action.due_on < day).order_by(Action.due_on, Action.id)
    return ActionLists(done=tuple(_line(a, today) for a in done), due=tuple(_line(a) for a in due),
                       overdue=tuple(_line(a) for a in overdue), as_of=day)


def _publications(filters):
    query = Publication.select().where(Publication.status == "published", Publication.period_start <= filters.end)
    if filters.services is not None:
        query = query.where(Publication.service.in_(list(filters.services) or [0]))
    return query.order_by(Publication.period_start.desc(), Publication.id.desc())


def quotes(filters):
    """Up to MAX_QUOTES approved quotes, from the newest published reports of the service that
    began by the period's end; none shown from a report about the whole council."""
    found = []
    for publication in _publications(filters).limit(12):
        themes = {theme.id: theme.name for theme in publication.themes}
        for theme_id, shown in reads.public_quotes(publication).items():
            found += [Quote(q.text, themes.get(theme_id, ""), publication.title) for q in shown]
        if len(found) >= MAX_QUOTES:
            break
    return tuple(found[:MAX_QUOTES])
