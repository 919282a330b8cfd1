"""Similar past cases: closed cases whose feedback reads like this one's.

With embeddings (app.learning stores one per classified item) the score is the best cosine
similarity between any item of this case and any item of a closed case. Without them, closed
cases about the same service that share a topic with this case stand in, newest first.
Only cases the officer may see are ever considered (app.cases.access.visible_cases).
"""
from dataclasses import dataclass

from app.cases import access
from app.cases.models import Case, CaseItem
from app.learning.models import ItemEmbedding, ItemTopic

LIMIT = 5
THRESHOLD = 0.5
CANDIDATE_ITEMS = 5000  # the most recent items of closed cases that are compared


@dataclass
class Similar:
    case: Case
    similarity: float | None  # None when found by shared topic and service
    why: str


def similar_cases(case, user, limit=LIMIT):
    found = _by_embeddings(case, user, limit)
    if found is None:
        found = _by_topic_and_service(case, user, limit)
    return found


def _closed_visible(case, user):
    return access.visible_cases(user, Case.select(Case.id)).where(
        Case.status == "closed", Case.id != case.id)


def _case_items(case):
    return [row.item_id for row in CaseItem.select(CaseItem.item).where(CaseItem.case == case)]


def _by_embeddings(case, user, limit):
    """Cases by similarity, or None when this case's items have no embeddings to compare."""
    import numpy as np

    from app.learning.predictions import embeddings_for

    mine = _case_items(case)
    first = ItemEmbedding.select(ItemEmbedding.encoder_version).where(
        ItemEmbedding.item.in_(mine or [0])).order_by(ItemEmbedding.id.desc()).first()
    if first is None:
        return None
    version = first.encoder_version
    _, ours = embeddings_for(mine, version)
    links = list(CaseItem.select(CaseItem.item, CaseItem.case)
                 .join(ItemEmbedding, on=(ItemEmbedding.item == CaseItem.item))
                 .where(CaseItem.case.in_(_closed_visible(case, user)),
                        ItemEmbedding.encoder_version == version)
                 .order_by(CaseItem.id.desc()).limit(CANDIDATE_ITEMS))
    if not links or not len(ours):
        return None
    case_of = {link.item_id: link.case_id for link in links}
    ids, theirs = embeddings_for(list(case_of), version)
    scores = _unit(theirs) @ _unit(ours).T
    best = {}
    for item_id, score in zip(ids, np.max(scores, axis=1)):
        key = case_of[item_id]
        best[key] = max(best.get(key, -1.0), float(score))
    ranked = sorted(((s, c) for c, s in best.items() if s >= THRESHOLD), reverse=True)[:limit]
    cases = {c.id: c for c in Case.select().where(Case.id.in_([c for _, c in ranked] or [0]))}
    return [Similar(cases[c], round(s, 2), f"{s * 100:.0f}% similar") for s, c in ranked if c in cases]


def _unit(matrix):
    import numpy as np

    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return np.divide(matrix, norms, out=np.zeros_like(matrix), where=norms > 0)


def _by_topic_and_service(case, user, limit):
    if case.service_id is None:
        return []
    assigned = ItemTopic.assigned == True  # noqa: E712  (not runners-up)
    topics = ItemTopic.select(ItemTopic.topic).where(ItemTopic.item.in_(_case_items(case) or [0]), assigned)
    sharing = (CaseItem.select(CaseItem.case)
               .join(ItemTopic, on=(ItemTopic.item == CaseItem.item))
               .where(ItemTopic.topic.in_(topics), assigned))
    query = (Case.select().where(Case.id.in_(_closed_visible(case, user)), Case.id.in_(sharing),
                                 Case.service == case.service_id)
             .order_by(Case.closed_at.desc(), Case.id.desc()).limit(limit))
    return [Similar(row, None, "same service and topic") for row in query]
