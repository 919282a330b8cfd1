"""Writing to the audit log."""
import json

from app.audit.models import AuditEvent


def record(action, *, actor=None, obj=None, object_type="", object_id="", summary="",
           details=None, ip=""):
    """Append an audit event. `actor` is a staff user (or None for system/resident);
    `obj` a model instance, from which the type and id are taken."""
    if obj is not None:
        object_type = object_type or obj._meta.table_name
        object_id = object_id or str(obj.get_id())
    return AuditEvent.create(
        actor_id=getattr(actor, "id", None),
        actor_label=getattr(actor, "email", None) or "system",
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        summary=summary[:2000],
        details=json.dumps(details or {}, sort_keys=True, default=str),
        ip=(ip or "")[:64],
    )


def recent(limit=50, **filters):
    query = AuditEvent.select().order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
    for name, value in filters.items():
        query = query.where(getattr(AuditEvent, name) == value)
    return list(query.limit(limit))
