"""An Overview as JSON and back, so a report can keep the figures it was approved with (frozen)
while the summaries move on. Only the query layer's own frozen dataclasses, dates and plain
values are written; reading refuses any other type name."""
import dataclasses
import datetime
import json

from reports.overview.gather import Improvement, Overview
from reports.queries.casework import Casework, Remedies
from reports.queries.complaints import Complaints
from reports.queries.figures import Figure, Share
from reports.queries.filters import Filters
from reports.queries.topic_figures import TopicFigure
from reports.queries.volumes import Volumes

TYPES = {cls.__name__: cls for cls in (Overview, Improvement, Casework, Remedies, Complaints, Figure, Share,
                                       Filters, TopicFigure, Volumes)}


def _encode(value):
    if dataclasses.is_dataclass(value):
        name = type(value).__name__
        if name not in TYPES:
            raise TypeError(f"an overview cannot hold a {name}")
        return {"_type": name, **{f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value)}}
    if isinstance(value, datetime.date):
        return {"_date": value.isoformat()}
    if isinstance(value, (list, tuple)):
        return [_encode(v) for v in value]
    return value


def _decode(value):
    if isinstance(value, list):
        return tuple(_decode(v) for v in value)
    if isinstance(value, dict):
        if "_date" in value:
            return datetime.date.fromisoformat(value["_date"])
        cls = TYPES[value["_type"]]
        return cls(**{k: _decode(v) for k, v in value.items() if k != "_type"})
    return value


def dumps(overview):
    return json.dumps(_encode(overview), sort_keys=True)


def loads(text):
    """The Overview kept by dumps()."""
    return _decode(json.loads(text))
