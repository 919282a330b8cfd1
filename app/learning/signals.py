"""What else the models notice: safeguarding flags, one resident's repeated complaint,
and clusters of similar new items (emerging issues)."""
import datetime
import json
import logging

from app.audit import services as audit
from app.db import utcnow
from app.feedback import hooks
from app.feedback.models import FeedbackItem
from app.learning.models import DuplicateLink, EmergingIssue, SafeguardingFlag
from app.learning.predictions import embeddings_for, model_text
from app.queue import transaction

log = logging.getLogger(__name__)

DUPLICATE_THRESHOLD = 0.8
DUPLICATE_LOOKBACK_DAYS = 180
EMERGING_WINDOW_DAYS = 7
EMERGING_MIN_SIZE = 5
EMERGING_THRESHOLD = 0.6
EMERGING_LOOKBACK_DAYS = 14


def assess_safeguarding(item, result=None, *, head_version="", threshold=None):
    """Flag the item (once) when `result` (the worker's classifiers.safeguarding result: the
    trained head on the item's embedding) says someone may be at risk; without a result the
    patterns decide alone. Returns the new flag or None. After commit, the item's case is
    marked urgent (hooks.on_safeguarding_flagged) and the alert emails go out."""
    from classifiers.safeguarding import assess

    if SafeguardingFlag.select().where(SafeguardingFlag.item == item).exists():
        return None
    result = result if result is not None else assess(model_text(item.text))
    if not result.flagged:
        return None
    from app.learning.tasks import safeguarding_alerts

    with transaction() as tx:
        flag = SafeguardingFlag.create(item=item, reasons=json.dumps(list(result.reasons)),
                                       evidence=json.dumps(list(result.evidence)),
                                       score=float(result.score or 0.0), severity=result.severity or 3,
                                       head_version=head_version, threshold=threshold)
        audit.record("learning.safeguarding_flagged", obj=item,
                     summary=f"Possible safeguarding concern: {', '.join(result.reasons)[:300]}",
                     details={"reasons": list(result.reasons), "severity": flag.severity})
        hooks.send_after_commit(tx, hooks.safeguarding_flagged, item.id)
        tx.on_commit(safeguarding_alerts, flag.id)
    return flag


class DecisionError(ValueError):
    pass


def review_flag(flag, decision, *, actor):
    """An officer's decision on a flag: "concern" (confirmed) or "not_concern" (reviewed, not
    a concern). It closes the flag, is audited, and recalibrates the threshold after commit.
    The same decision twice changes nothing; a different one replaces it."""
    from app.learning.models import SAFEGUARDING_DECISIONS
    from app.learning.tasks import calibrate_safeguarding

    if decision not in SAFEGUARDING_DECISIONS:
        raise DecisionError("Choose confirmed concern or not a concern")
    if flag.status == "reviewed" and flag.decision == decision:
        return flag
    with transaction() as tx:
        flag.status, flag.decision, flag.reviewed_by, flag.reviewed_at = "reviewed", decision, actor, utcnow()
        flag.save()
        audit.record("learning.safeguarding_reviewed", actor=actor, obj=flag.item,
                     summary=f"Safeguarding flag: {SAFEGUARDING_DECISIONS[decision].lower()}",
                     details={"decision": decision, "flag_id": flag.id})
        tx.on_commit(calibrate_safeguarding)
    return flag


def link_duplicates(item, encoder_version):
    """Link the item to the same resident's recent items that say the same thing."""
    from classifiers.similarity import near_duplicates

    if item.person_id is None:
        return []
    since = item.received_at - datetime.timedelta(days=DUPLICATE_LOOKBACK_DAYS)
    ids = [row.id for row in FeedbackItem.select(FeedbackItem.id).where(
        FeedbackItem.person == item.person_id, FeedbackItem.received_at >= since)]
    ids, vectors = embeddings_for(ids, encoder_version)
    if item.id not in ids or len(ids) < 2:
        return []
    created = []
    for pair in near_duplicates(vectors, ids, threshold=DUPLICATE_THRESHOLD, groups=None):
        a, b, similarity = _pair(pair)
        if item.id not in (a, b):
            continue
        a, b = min(a, b), max(a, b)
        inserted = (DuplicateLink.insert(item_a=a, item_b=b, similarity=float(similarity))
                    .on_conflict_ignore().execute())
        if inserted:
            created.append((a, b))
    return created


def _pair(pair):
    if isinstance(pair, (tuple, list)):
        return pair[0], pair[1], pair[2]
    return pair.a, pair.b, pair.similarity


def duplicates_of(item):
    links = DuplicateLink.select().where((DuplicateLink.item_a == item) | (DuplicateLink.item_b == item))
    others = {(link.item_b_id if link.item_a_id == item.id else link.item_a_id): link.similarity
              for link in links}
    items = FeedbackItem.select().where(FeedbackItem.id.in_(list(others) or [0])).order_by(FeedbackItem.received_at)
    return [(other, others[other.id]) for other in items]


def detect_emerging(encoder_version, now=None):
    """Raise clusters of ≥ 5 similar items within 7 days as emerging issues (once per cluster)."""
    from classifiers.similarity import emerging_clusters

    now = now or utcnow()
    recent = {row.id: row for row in FeedbackItem.select(FeedbackItem.id, FeedbackItem.received_at, FeedbackItem.text)
              .where(FeedbackItem.received_at >= now - datetime.timedelta(days=EMERGING_LOOKBACK_DAYS))}
    ids, vectors = embeddings_for(list(recent), encoder_version)
    if len(ids) < EMERGING_MIN_SIZE:
        return []
    clusters = emerging_clusters(vectors, ids, [recent[i].received_at for i in ids],
                                 window_days=EMERGING_WINDOW_DAYS, min_size=EMERGING_MIN_SIZE,
                                 threshold=EMERGING_THRESHOLD, now=now)
    return [issue for cluster in clusters if (issue := _raise(cluster, recent)) is not None]


def _raise(cluster, recent):
    """A new EmergingIssue, or None when an existing one already covers most of the cluster
    (that one grows to include the new items instead)."""
    from classifiers.keyphrases import key_phrases

    members = sorted(int(i) for i in cluster.ids)
    for issue in EmergingIssue.select():
        known = set(issue.id_list)
        if len(known & set(members)) * 2 >= min(len(known), len(members)):
            merged = sorted(known | set(members))
            if merged != sorted(known):
                issue.item_ids, issue.size = json.dumps(merged), len(merged)
                issue.last_seen = max(filter(None, [issue.last_seen, cluster.last_seen]))
                issue.save()
            return None
    phrases = key_phrases([model_text(recent[i].text) for i in members], top_n=5, min_count=2)
    with transaction():
        issue = EmergingIssue.create(
            item_ids=json.dumps(members), representative=int(cluster.representative_id),
            size=len(members), first_seen=cluster.first_seen, last_seen=cluster.last_seen,
            key_phrases=json.dumps([_phrase(p) for p in phrases]))
        audit.record("learning.emerging_issue", obj=issue,
                     summary=f"Emerging issue: {len(members)} similar items")
    return issue


def _phrase(p):
    return p[0] if isinstance(p, (tuple, list)) else str(p)


def set_emerging_status(issue, status, *, actor):
    if status not in ("dismissed", "acknowledged", "open"):
        raise ValueError(status)
    with transaction():
        issue.status, issue.reviewed_by, issue.reviewed_at = status, actor, utcnow()
        issue.save()
        audit.record(f"learning.emerging_{status}", actor=actor, obj=issue,
                     summary=f"Emerging issue {status}")
    return issue


def emerging_items(issue):
    return list(FeedbackItem.select().where(FeedbackItem.id.in_(issue.id_list or [0]))
                .order_by(FeedbackItem.received_at))
