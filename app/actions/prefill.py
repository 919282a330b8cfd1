"""A new action started from somewhere else ("What drives complaints" links here):
`/staff/actions/new?service=<slug>&case=<id>&case=<id>...&topic=<theme key>&from=YYYY-MM-DD
&to=YYYY-MM-DD&root_cause=<key>`. Every value is checked: an unknown service, a case the
officer may not see, a topic that is not a theme, a date that is not real, or a period that
ends before it starts is left out, never an error page."""
import datetime
from dataclasses import dataclass, field

from app.actions import access
from app.cases import access as case_access
from app.cases.models import ROOT_CAUSES, Case
from app.learning.models import Topic
from app.org.models import ServiceArea

MAX_CASES = 50


@dataclass
class Prefill:
    service_id: int = None
    cases: list = field(default_factory=list)  # [(case id, reference)]
    topic: Topic = None
    start: datetime.date = None
    end: datetime.date = None
    root_cause: str = ""

    @property
    def title(self):
        if self.root_cause and self.topic:
            return f"{ROOT_CAUSES[self.root_cause]}: {self.topic.name}"
        if self.root_cause:
            return f"Put right the root cause: {ROOT_CAUSES[self.root_cause].lower()}"
        if self.topic:
            return f"Fewer complaints about {self.topic.name.lower()}"
        return ""

    @property
    def theme(self):
        """(topic id, first day, last day), or None."""
        return (self.topic.id, self.start, self.end) if self.topic and self.start and self.end else None


def _date(value):
    try:
        return datetime.date.fromisoformat(str(value or "").strip())
    except ValueError:
        return None


def _case_ids(values):
    ids = []
    for value in values:
        text = str(value or "").strip()
        if text.isdigit() and 0 < int(text) < 2 ** 31 and int(text) not in ids:
            ids.append(int(text))
    return ids


def visible_cases(user, values):
    """[(id, reference)] of the cases among `values` (ids as text) that `user` may see, most
    recent first, at most MAX_CASES."""
    ids = _case_ids(values)
    if not ids:
        return []
    query = (case_access.visible_cases(user, Case.select(Case.id, Case.reference))
             .where(Case.id.in_(ids)).order_by(Case.received_at.desc(), Case.id.desc()).limit(MAX_CASES))
    return [(case.id, case.reference) for case in query]


def theme_of(key_or_id, start, end):
    """(topic, first day, last day) for a theme and period, each None when not valid."""
    text = str(key_or_id or "").strip()
    where = Topic.id == int(text) if text.isdigit() and int(text) < 2 ** 31 else Topic.key == text
    topic = Topic.get_or_none(where & (Topic.kind == "theme")) if text else None
    start, end = _date(start), _date(end)
    if topic is None or start is None or end is None or end < start:
        return topic, None, None
    return topic, start, end


def from_args(args, user):
    """What the query string asks for, checked against what `user` may see and choose."""
    prefill = Prefill()
    slug = str(args.get("service", "")).strip()
    service = ServiceArea.get_or_none(ServiceArea.slug == slug) if slug else None
    if service is not None and service.id in {s.id for s in access.services_for(user)}:
        prefill.service_id = service.id
    prefill.cases = visible_cases(user, args.getlist("case"))
    prefill.topic, prefill.start, prefill.end = theme_of(args.get("topic"), args.get("from"), args.get("to"))
    root_cause = str(args.get("root_cause", "")).strip()
    prefill.root_cause = root_cause if root_cause in ROOT_CAUSES else ""
    return prefill
