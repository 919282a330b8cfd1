"""The case queues as SQL: which cases each queue holds, the filters, the tab counts and one
page of rows. Everything sorts and filters on the denormalised Case columns (status,
next_due_on, paused, urgent, assigned_to, service) and their indexes, so a queue page stays
fast with 100,000 cases (tests/benchmarks/bench_case_queues.py).

Queues (open cases only, except "all"):
  mine               assigned to me
  team               in one of my services (UserService)
  unassigned         nobody assigned
  urgent             a safeguarding flag, or marked urgent at triage; most severe first, then oldest
  due_soon           the next deadline is today or within clocks.DUE_SOON_WORKING_DAYS
  overdue            the next deadline has passed
  awaiting_resident  the clock is paused: waiting for the resident
  all                every case I may see, open or closed, newest first
Paused cases are never "due soon" or "overdue": their clock is stopped.
"""
import datetime
from dataclasses import dataclass

from peewee import SQL, Case as SqlCase, Select, fn

from app.auth.models import User
from app.auth.roles import SERVICE_LEAD
from app.cases import access, clocks
from app.cases.models import Case, CaseItem
from app.feedback.models import FeedbackItem
from app.learning.models import ItemTopic, OfficerLabel, Prediction, Topic
from app.org.models import ServiceArea

QUEUES = {
    "mine": "My cases",
    "team": "My team's",
    "unassigned": "Unassigned",
    "urgent": "Urgent",
    "due_soon": "Due soon",
    "overdue": "Overdue",
    "awaiting_resident": "Awaiting resident",
    "all": "All cases",
}
HEADINGS = {
    "mine": "My cases",
    "team": "My team's cases",
    "unassigned": "Unassigned cases",
    "urgent": "Urgent cases",
    "due_soon": "Cases due soon",
    "overdue": "Overdue cases",
    "awaiting_resident": "Cases awaiting the resident",
    "all": "All cases",
}
PAGE_SIZE = 25
SUMMARY_WORDS = 20
DEADLINE_COLOURS = {"overdue": "red", "due_soon": "yellow", "ok": "blue"}


@dataclass(frozen=True)
class Filters:
    """Chosen filter values (None: no filter). Build through QueueFilterForm.filters()."""

    service: int | None = None
    stage: int | None = None
    topic: int | None = None
    sentiment: str | None = None
    channel: str | None = None
    kind: str | None = None

    def active(self):
        return {k: v for k, v in self.__dict__.items() if v is not None}


@dataclass(frozen=True)
class Row:
    case: Case
    summary: str
    service: str
    assignee: str
    deadline: str  # "due in 3 working days", "paused", "Closed", …
    deadline_colour: str  # a govuk-tag colour
    deadline_what: str  # "Acknowledge" / "Respond" / ""


def default_queue(user):
    return "all" if user.role == SERVICE_LEAD else "mine"


def midnight(day):
    return datetime.datetime.combine(day, datetime.time())


def queue_condition(queue, user, today):
    """The WHERE clause for `queue` (None for "all")."""
    is_open = Case.status == "open"
    start = midnight(today)
    if queue == "mine":
        return is_open & (Case.assigned_to == user.id)
    if queue == "team":
        return is_open & Case.service.in_(sorted(user.service_ids()) or [0])
    if queue == "unassigned":
        return is_open & Case.assigned_to.is_null()
    if queue == "urgent":
        return is_open & (Case.urgent == True)  # noqa: E712
    if queue == "due_soon":
        until = midnight(clocks.due_soon_until(today))
        return (is_open & (Case.next_due_on >= start) & (Case.next_due_on <= until)
                & (Case.paused == False))  # noqa: E712
    if queue == "overdue":
        return is_open & (Case.next_due_on < start) & (Case.paused == False)  # noqa: E712
    if queue == "awaiting_resident":
        return is_open & (Case.paused == True)  # noqa: E712
    return None


def _topic_cases(topic_id):
    """Cases with an item about the topic (a service area or a theme): where an officer has
    answered for that head, the officer's answer; otherwise the model's (its service area, or
    the themes over their thresholds), the same rule as the item page."""
    answered = OfficerLabel.alias("answered")
    has_answer = (answered.select(SQL("1"))
                  .where((answered.item == ItemTopic.item) & (answered.task == ItemTopic.head)
                         & (answered.superseded == False)))  # noqa: E712
    about = (CaseItem.select(CaseItem.case).join(ItemTopic, on=(ItemTopic.item == CaseItem.item))
             .where(ItemTopic.topic == topic_id))
    # Two halves of a UNION rather than an OR, so the NOT EXISTS can become an anti-join.
    return (about.where(ItemTopic.source == "officer")
            | about.where((ItemTopic.source == "model") & (ItemTopic.assigned == True)  # noqa: E712
                          & ~fn.EXISTS(has_answer)))


def _sentiment_cases(value):
    """Cases with an item of this sentiment: the officer's label where there is one (not
    superseded), otherwise the latest prediction."""
    labelled = (OfficerLabel.task == "sentiment") & (OfficerLabel.superseded == False)  # noqa: E712
    by_officer = (CaseItem.select(CaseItem.case)
                  .join(OfficerLabel, on=(OfficerLabel.item == CaseItem.item))
                  .where(labelled & (OfficerLabel.value == value)))
    label = OfficerLabel.alias("label")
    newer = Prediction.alias("newer")
    not_superseded = label.superseded == False  # noqa: E712
    no_label = ~fn.EXISTS(label.select(SQL("1")).where(
        (label.item == CaseItem.item) & (label.task == "sentiment") & not_superseded))
    latest = ~fn.EXISTS(newer.select(SQL("1")).where(
        (newer.item == Prediction.item) & (newer.id > Prediction.id)))
    by_model = (CaseItem.select(CaseItem.case)
                .join(Prediction, on=(Prediction.item == CaseItem.item))
                .where((Prediction.sentiment == value) & latest & no_label))
    return by_officer | by_model


def filtered(query, filters):
    """`query` with the filters. Topic and sentiment look through the case's items in a
    MATERIALIZED common table expression, worked out once per statement: left to
    themselves, PostgreSQL runs the subquery once per case and SQLite (as a correlated
    EXISTS) scans the topic's every row once per case."""
    if filters.service is not None:
        query = query.where(Case.service == filters.service)
    if filters.stage is not None:
        query = query.where(Case.stage == filters.stage)
    if filters.channel is not None:
        query = query.where(Case.channel == filters.channel)
    if filters.kind is not None:
        query = query.where(Case.kind == filters.kind)
    ctes = []
    for name, wanted, build in (("topic_cases", filters.topic, _topic_cases),
                                ("sentiment_cases", filters.sentiment, _sentiment_cases)):
        if wanted is not None:
            cte = build(wanted).cte(name, columns=("case_id",), materialized=True)
            query = query.where(Case.id.in_(Select([cte], [cte.c.case_id])))
            ctes.append(cte)
    return query.with_cte(*ctes) if ctes else query


def cases(user, queue, filters=Filters(), today=None):
    """The cases in `queue` that `user` may see, filtered, in queue order (unpaged)."""
    today = today or clocks.today()
    query = access.visible_cases(user, Case.select())
    condition = queue_condition(queue, user, today)
    if condition is not None:
        query = query.where(condition)
    query = filtered(query, filters)
    if queue == "all":
        return query.order_by(Case.received_at.desc(), Case.id.desc())
    if queue == "urgent":
        # Most severe safeguarding flag first (1 risk to life or to a child, 2 abuse, 3 the
        # rest; cases marked urgent at triage without a flag last), then the oldest.
        severity = SqlCase(None, [(Case.severity.is_null(), 9)], Case.severity)
        return query.order_by(severity, Case.received_at, Case.id)
    # Running deadlines first, most urgent (longest overdue) first; then paused clocks;
    # cases with no deadline last.
    group = SqlCase(None, [(Case.next_due_on.is_null(), 2), (Case.paused == True, 1)], 0)  # noqa: E712
    return query.order_by(group, Case.next_due_on, Case.received_at, Case.id)


def count(user, queue, filters=Filters(), today=None):
    return cases(user, queue, filters, today).order_by().count()


def tab_counts(user, today=None):
    """{queue: number of cases} for the tabs (unfiltered: the size of each queue)."""
    today = today or clocks.today()
    counts = {}
    for queue in QUEUES:
        query = access.visible_cases(user, Case.select(fn.COUNT(Case.id)))
        condition = queue_condition(queue, user, today)
        counts[queue] = (query.where(condition) if condition is not None else query).scalar() or 0
    return counts


def page(user, queue, filters=Filters(), number=1, today=None, size=PAGE_SIZE):
    """(rows, total, page number, pages) for one page of a queue; the page is clamped.
    With a topic or sentiment filter, one query gives the page's ids and the total (a window
    count, over ids only), so the subquery behind the filter runs once."""
    today = today or clocks.today()
    query = cases(user, queue, filters, today)
    number, total, found = max(1, number), None, None
    if filters.topic is not None or filters.sentiment is not None:
        counted = list(query.select(Case.id, fn.COUNT(Case.id).over()).paginate(number, size).tuples())
        by_id = {case.id: case for case in Case.select().where(Case.id.in_([i for i, _ in counted]))}
        found, total = [by_id[i] for i, _ in counted if i in by_id], (counted[0][1] if counted else None)
    if total is None:
        total = query.order_by().count()
    pages = max(1, -(-total // size))
    if found is None or number > pages:
        number = min(number, pages)
        found = list(query.paginate(number, size)) if total else []
    return rows_for(found, today), total, number, pages


def rows_for(found, today):
    """Table rows for these cases: three small queries, whatever the page size."""
    ids = [c.id for c in found]
    services = dict(ServiceArea.select(ServiceArea.id, ServiceArea.name).tuples())
    user_ids = {c.assigned_to_id for c in found if c.assigned_to_id}
    users = dict(User.select(User.id, User.name).where(User.id.in_(list(user_ids) or [0])).tuples())
    texts = opening_texts(found)
    suggested = service_suggestions(found)
    return [Row(case=c, summary=_summary(c, texts.get(c.id, "")),
                service=services.get(c.service_id) or (f"Not known (suggested: {suggested[c.id]})"
                                                       if c.id in suggested else "Not known"),
                assignee=users.get(c.assigned_to_id, ""),
                **_deadline(c, today)) for c in found] if ids else []


def service_suggestions(found):
    """{case id: "Highways (41%)"} for cases with no service: the service-area model's best
    choice among their items. Shown only: it was not sure enough to route the case."""
    ids = [c.id for c in found if c.service_id is None]
    query = (CaseItem.select(CaseItem.case, Topic.name, ItemTopic.confidence)
             .join(ItemTopic, on=(ItemTopic.item == CaseItem.item))
             .join(Topic, on=(Topic.id == ItemTopic.topic))
             .where(CaseItem.case.in_(ids or [0]), ItemTopic.source == "model", ItemTopic.head == "service",
                    ItemTopic.assigned == True)  # noqa: E712
             .order_by(ItemTopic.confidence.desc()).tuples())
    suggested = {}
    for case_id, name, confidence in query:
        suggested.setdefault(case_id, f"{name}, {confidence:.0%}")
    return suggested


def opening_texts(found):
    """{case id: the start of the resident's words} from each case's opening item (the item
    whose reference is the case's; else the first item linked)."""
    if not found:
        return {}
    references = {c.id: c.reference for c in found}
    query = (CaseItem.select(CaseItem.case, FeedbackItem.reference, fn.SUBSTR(FeedbackItem.text, 1, 400))
             .join(FeedbackItem, on=(FeedbackItem.id == CaseItem.item))
             .where(CaseItem.case.in_(list(references)))
             .order_by(CaseItem.linked_at, CaseItem.id).tuples())
    texts = {}
    for case_id, reference, text in query:
        if case_id not in texts or reference == references[case_id]:
            texts[case_id] = text or ""
    return texts


def _summary(case, text):
    if case.title:
        return case.title
    words = text.split()
    return " ".join(words[:SUMMARY_WORDS]) + ("…" if len(words) > SUMMARY_WORDS else "")


def _deadline(case, today):
    if case.status != "open":
        return {"deadline": case.status_label, "deadline_colour": "grey", "deadline_what": ""}
    if case.kind != "complaint":
        return {"deadline": "Not on the clock", "deadline_colour": "grey", "deadline_what": ""}
    what = clocks.WHAT.get(case.next_due_what, "")
    if case.paused:
        return {"deadline": clocks.describe(case.next_due_on, today, paused=True),
                "deadline_colour": "grey", "deadline_what": what}
    if case.next_due_on is None:
        return {"deadline": "Nothing due", "deadline_colour": "grey", "deadline_what": ""}
    return {"deadline": clocks.describe(case.next_due_on, today),
            "deadline_colour": DEADLINE_COLOURS[clocks.status(case.next_due_on, today)],
            "deadline_what": what}


def assignable_users():
    """Staff a case can be assigned to: active complaints officers and administrators."""
    return list(User.select().where((User.active == True)  # noqa: E712
                                    & User.role.in_(list(access.CHANGE_ROLES)))
                .order_by(User.name, User.id))

