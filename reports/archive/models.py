"""A built report kept for download: its PDF and its HTML twin, per kind, scope and period."""
from peewee import BlobField, CharField, DateField, DateTimeField, ForeignKeyField, IntegerField, TextField

from app.auth.models import User
from app.db import BaseModel, utcnow
from app.org.models import ServiceArea

STATUSES = {"pending": "Being prepared", "ready": "Ready", "failed": "Could not be prepared"}


class StoredReport(BaseModel):
    """One report of a kind ("lessons") for a scope ("service:12", "council") and a period.

    `status` is pending until the worker has built it, then ready (or failed, with last_error).
    A ready report asked to be rebuilt keeps its PDF and HTML, and stays ready, until the new
    build replaces them (`rebuild_requested_at` is set meanwhile)."""

    kind = CharField(max_length=40)
    scope = CharField(max_length=80)
    service = ForeignKeyField(ServiceArea, null=True, backref="stored_reports", on_delete="CASCADE")
    period_start = DateField()
    period_end = DateField()
    status = CharField(max_length=20, default="pending", index=True)
    pdf = BlobField(null=True)
    html = TextField(default="")
    pages = IntegerField(default=0)
    summary = TextField(default="")  # a few plain lines a notification may quote (the builder's)
    requested_at = DateTimeField(default=utcnow, index=True)
    requested_by = ForeignKeyField(User, null=True, backref="stored_reports_requested", on_delete="SET NULL")
    rebuild_requested_at = DateTimeField(null=True)
    built_at = DateTimeField(null=True)
    attempts = IntegerField(default=0)
    last_error = TextField(default="")

    class Meta:
        table_name = "stored_report"
        indexes = ((("kind", "scope", "period_start"), True),)

    @property
    def status_label(self):
        return STATUSES.get(self.status, self.status)

    @property
    def is_ready(self):
        return self.status == "ready"

    @property
    def rebuilding(self):
        return self.rebuild_requested_at is not None

    @property
    def size(self):
        """The PDF's size in bytes (read as `pdf_size` by lists that leave the PDF out)."""
        if getattr(self, "pdf_size", None) is not None:
            return self.pdf_size
        return len(self.pdf) if self.pdf is not None else 0


def scope_of(service):
    """The scope text of a service's report, or of the whole council's."""
    return f"service:{service.id}" if service is not None else "council"
