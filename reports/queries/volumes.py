"""How much feedback arrived: items by channel, service and kind, and survey responses by
touchpoint, each beside the previous period."""
import collections
from dataclasses import dataclass

from peewee import fn

from app.feedback.models import CHANNELS, KINDS
from app.org.models import ServiceArea
from reports.models import ItemSummary, SurveySummary
from reports.queries.figures import Figure, Share
from reports.queries.spans import where
from reports.summaries import RESPONSES
from surveys.models import RESPONSE_CHANNELS, Touchpoint

CHANNEL_LABELS = dict(RESPONSE_CHANNELS, **CHANNELS)


@dataclass(frozen=True)
class Volumes:
    total: Figure
    responses: Figure
    by_channel: tuple
    by_service: tuple
    by_kind: tuple
    by_touchpoint: tuple


def _items(filters):
    """{(service_id, channel, kind): items}"""
    query = (ItemSummary.select(ItemSummary.service_id, ItemSummary.channel, ItemSummary.kind,
                                fn.SUM(ItemSummary.items))
             .where(where(ItemSummary, filters))
             .group_by(ItemSummary.service_id, ItemSummary.channel, ItemSummary.kind))
    return {(service_id, channel, kind): int(n) for service_id, channel, kind, n in query.tuples()}


def _responses(filters):
    """{touchpoint_id: responses}"""
    query = (SurveySummary.select(SurveySummary.touchpoint_id, fn.SUM(SurveySummary.answers))
             .where(where(SurveySummary, filters), SurveySummary.question_kind == RESPONSES)
             .group_by(SurveySummary.touchpoint_id))
    return {touchpoint_id: int(n) for touchpoint_id, n in query.tuples()}


def _by(rows, position):
    found = collections.Counter()
    for key, n in rows.items():
        found[key[position]] += n
    return found


def _shares(now, before, labels):
    keys = sorted(set(now) | set(before), key=lambda k: (-now.get(k, 0), labels(k)))
    return tuple(Share(key=k, label=labels(k), count=now.get(k, 0), previous_count=before.get(k, 0))
                 for k in keys)


def _count(key, now, before):
    return Figure(key=key, value=now, base=now, previous=before, previous_base=before, unit="count")


def volumes(filters):
    now, before = _items(filters), _items(filters.previous())
    places_now, places_before = _responses(filters), _responses(filters.previous())
    services = dict(ServiceArea.select(ServiceArea.id, ServiceArea.name).tuples())
    places = dict(Touchpoint.select(Touchpoint.id, Touchpoint.name).tuples())
    return Volumes(
        total=_count("items", sum(now.values()), sum(before.values())),
        responses=_count("responses", sum(places_now.values()), sum(places_before.values())),
        by_channel=_shares(_by(now, 1), _by(before, 1), lambda k: CHANNEL_LABELS.get(k, k)),
        by_service=_shares(_by(now, 0), _by(before, 0), lambda k: services.get(k, "Service not known")),
        by_kind=_shares(_by(now, 2), _by(before, 2), lambda k: KINDS.get(k, k)),
        by_touchpoint=_shares(places_now, places_before,
                              lambda k: places.get(k, "Email invitations and links") if k else
                              "Email invitations and links"),
    )
