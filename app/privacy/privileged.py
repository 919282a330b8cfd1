"""The one privileged path through the append-only tables (audit_event, case_event), for
retention and erasure only.

    with privileged("retention: audit events older than 7 years", actor):
        AuditEvent.delete().where(...).execute()

Inside one transaction a `privileged_change` row is written, which the tables' triggers
(migration 0023) accept as leave to update or delete; it is removed before the transaction
commits, so no other connection ever sees it, and the change is audited with its reason.
Everywhere else the tables stay append-only."""
from contextlib import contextmanager

from app.audit.services import record
from app.db import db, utcnow
from app.privacy.models import PrivilegedChange


@contextmanager
def privileged(reason, actor=None):
    with db.atomic():
        row = PrivilegedChange.create(reason=reason[:500], actor_id=getattr(actor, "id", None),
                                      started_at=utcnow())
        yield
        PrivilegedChange.delete().where(PrivilegedChange.id == row.id).execute()
        record("privacy.privileged_change", actor=actor, object_type="privileged_change",
               summary=f"Append-only records changed: {reason}"[:500])
