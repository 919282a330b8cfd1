"""An annual complaints report, its self-assessment rows and its files (the Ombudsman's letter,
the built PDF), all kept in the database: nothing under the static root."""
from peewee import BlobField, BooleanField, CharField, DateField, DateTimeField, ForeignKeyField, IntegerField, TextField

from app.auth.models import User
from app.db import BaseModel, utcnow
from app.languages import N_

STATUSES = {"draft": "Draft", "approved": "Approved", "published": "Published"}
# Shown to residents on the published report (translated there); English on staff pages.
COMPLIANCE = {"not_assessed": N_("Not yet assessed"), "complies": N_("Complies"),
              "partly": N_("Partly complies"), "does_not": N_("Does not comply")}
FILE_KINDS = {"letter": "The Ombudsman's annual letter", "pdf": "The report as a PDF"}


class AnnualReport(BaseModel):
    period_start = DateField(index=True)
    period_end = DateField()  # inclusive
    title = CharField(max_length=200)
    slug = CharField(max_length=120, unique=True)
    status = CharField(max_length=20, default="draft", index=True)
    overview = TextField(default="")  # reports.overview.store JSON; frozen once approved
    computed_at = DateTimeField(null=True)
    ombudsman_letter = TextField(default="")  # pasted text of the Ombudsman's annual letter
    ombudsman_reports = TextField(default="")  # other Ombudsman reports and decisions, in words
    governance_response = TextField(default="")
    governance_by = CharField(max_length=200, default="")  # the committee or member that responded
    governance_on = DateField(null=True)
    created_by = ForeignKeyField(User, null=True, backref="annual_reports_made", on_delete="SET NULL")
    created_at = DateTimeField(default=utcnow)
    edited_by = ForeignKeyField(User, null=True, backref="annual_reports_edited", on_delete="SET NULL")
    edited_at = DateTimeField(null=True)
    approved_by = ForeignKeyField(User, null=True, backref="annual_reports_approved", on_delete="SET NULL")
    approved_at = DateTimeField(null=True)
    published_by = ForeignKeyField(User, null=True, backref="annual_reports_published", on_delete="SET NULL")
    published_at = DateTimeField(null=True, index=True)
    is_demo = BooleanField(default=False)

    class Meta:
        table_name = "annual_report"

    @property
    def status_label(self):
        return STATUSES.get(self.status, self.status)

    @property
    def is_draft(self):
        return self.status == "draft"


class Assessment(BaseModel):
    """The council's self-assessment against one section of the Code."""

    report = ForeignKeyField(AnnualReport, backref="assessments", on_delete="CASCADE")
    section = IntegerField()  # 1 to 9 (reports.annual.code.SECTIONS)
    status = CharField(max_length=20, default="not_assessed")
    evidence = TextField(default="")  # the council's evidence (starts as Heard's computed evidence)
    commentary = TextField(default="")

    class Meta:
        table_name = "annual_assessment"
        indexes = ((("report", "section"), True),)

    @property
    def status_label(self):
        return COMPLIANCE.get(self.status, self.status)


class AnnualFile(BaseModel):
    """The uploaded Ombudsman's letter, or the built PDF: one of each per report."""

    report = ForeignKeyField(AnnualReport, backref="files", on_delete="CASCADE")
    kind = CharField(max_length=20)  # a FILE_KINDS key
    filename = CharField(max_length=200, default="")
    content = BlobField()
    size = IntegerField(default=0)
    uploaded_by = ForeignKeyField(User, null=True, on_delete="SET NULL")
    created_at = DateTimeField(default=utcnow)

    class Meta:
        table_name = "annual_file"
        indexes = ((("report", "kind"), True),)
