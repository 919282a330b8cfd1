"""The council's safeguarding threshold, calibrated from officers' decisions.

Every flag an officer marks "confirmed concern" or "reviewed, not a concern" is a decision.
`recalibrate` (the learning.calibrate_safeguarding task: after each decision and daily) reads
the last year's decisions on flags scored by the model in use and asks
classifiers.safeguarding_head.calibrate for the threshold they support: it rises from the
model's default only as far as the dismissed flags justify, stays below every confirmed
concern, and never passes the model's ceiling, so the flag stays on the side of flagging.
Each change is a SafeguardingCalibration row (the newest is in force) and an audit entry.

Reads numpy only (the head's .npz), never torch: the urgent page shows the threshold.
"""
import datetime
import functools
from dataclasses import dataclass

from app.audit import services as audit
from app.db import utcnow
from app.feedback.models import FeedbackItem
from app.learning.models import SafeguardingCalibration, SafeguardingFlag
from app.queue import transaction

LOOKBACK_DAYS = 365
DECISIONS = ("concern", "not_concern")


@functools.lru_cache(maxsize=1)
def shipped_head():
    from classifiers.safeguarding_head import load_shipped

    return load_shipped()


@dataclass(frozen=True)
class InForce:
    """The threshold in force and where it came from (for the urgent page)."""

    threshold: float
    default: float
    ceiling: float
    decisions: int
    confirmed: int
    dismissed: int
    computed_at: datetime.datetime | None
    head_version: str


def latest(head_version):
    return (SafeguardingCalibration.select().where(SafeguardingCalibration.head_version == head_version)
            .order_by(SafeguardingCalibration.computed_at.desc(), SafeguardingCalibration.id.desc()).first())


def in_force(head=None):
    head = head or shipped_head()
    row = latest(head.version)
    if row is None:
        return InForce(head.threshold, head.threshold, head.ceiling, 0, 0, 0, None, head.version)
    threshold = min(max(row.threshold, head.threshold), head.ceiling)
    return InForce(threshold, head.threshold, head.ceiling, row.decisions, row.confirmed, row.dismissed,
                   row.computed_at, head.version)


def threshold(head=None):
    return in_force(head).threshold


def decided_values(head, now=None):
    """(confirmed, dismissed): the effective values of the last year's decided flags that
    `head` scored (a decision on another model's score says nothing about this one's)."""
    from classifiers.safeguarding import firm_evidence, pattern_hits
    from classifiers.safeguarding_head import effective

    since = (now or utcnow()) - datetime.timedelta(days=LOOKBACK_DAYS)
    query = (SafeguardingFlag.select(SafeguardingFlag.score, SafeguardingFlag.decision, FeedbackItem.text)
             .join(FeedbackItem)
             .where(SafeguardingFlag.head_version == head.version, SafeguardingFlag.decision.in_(DECISIONS),
                    SafeguardingFlag.reviewed_at >= since))
    confirmed, dismissed = [], []
    for score, decision, text in query.tuples():
        value = effective(float(score), firm_evidence(pattern_hits(text or "")))
        (confirmed if decision == "concern" else dismissed).append(value)
    return confirmed, dismissed


def recalibrate(head=None, now=None):
    """Recompute the threshold from officers' decisions; a new SafeguardingCalibration row
    (and audit entry) when the threshold or the decisions behind it changed. Returns the row
    in force (None while there has never been one). Safe to run twice."""
    from classifiers.safeguarding_head import calibrate

    head = head or shipped_head()
    confirmed, dismissed = decided_values(head, now)
    value = calibrate(head.threshold, head.ceiling, confirmed, dismissed)
    counts = {"decisions": len(confirmed) + len(dismissed), "confirmed": len(confirmed),
              "dismissed": len(dismissed)}
    current = latest(head.version)
    if current is not None and (current.threshold, current.decisions, current.confirmed,
                                current.dismissed) == (value, *counts.values()):
        return current
    if current is None and not counts["decisions"]:
        return None
    with transaction():
        row = SafeguardingCalibration.create(head_version=head.version, threshold=value,
                                             default_threshold=head.threshold, ceiling=head.ceiling,
                                             computed_at=now or utcnow(), **counts)
        audit.record("learning.safeguarding_calibrated", obj=row,
                     summary=f"Safeguarding threshold {value:.3f} from {counts['decisions']} decisions",
                     details={"threshold": value, "default": head.threshold, **counts})
    return row
