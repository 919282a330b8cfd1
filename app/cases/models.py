"""Complaint casework: cases, their stages and clocks, the timeline, and closing.

Dates that the Complaint Handling Code counts in working days (received, acknowledged,
responded, paused) are stored as DateTimes in UTC like everything else; the clocks take
their Europe/London calendar date (see app.cases.clocks).
"""
from peewee import (BooleanField, CharField, DateTimeField, ForeignKeyField, IntegerField,
                    TextField)

from app.actions.models import Action
from app.auth.models import User
from app.db import BaseModel, utcnow
from app.feedback.models import FeedbackItem
from app.org.models import ServiceArea
from app.people.models import Person

CASE_KINDS = {"complaint": "Complaint", "service_request": "Service request"}
CASE_STATUSES = {"open": "Open", "closed": "Closed", "merged": "Merged"}
OUTCOMES = {
    "upheld": "Upheld",
    "partly_upheld": "Partly upheld",
    "not_upheld": "Not upheld",
    "withdrawn": "Withdrawn",
}
# A complaint the council declined to accept under the Code's exclusions (app.cases.refusals):
# closed, but never an outcome officers choose at closing, nor a decision on the complaint.
NOT_ACCEPTED = "not_accepted"
OTHER_OUTCOMES = {NOT_ACCEPTED: "Not accepted as a complaint"}
# Why a complaint may be declined (Complaint Handling Code, section 2), in plain words.
EXCLUSIONS = {
    "over_12_months": "The matter happened more than 12 months ago",
    "legal_proceedings": "It is, or was, the subject of legal proceedings",
    "appeal_route": "There is a statutory appeal or tribunal route",
    "already_considered": "It was already considered under this complaints procedure",
    "member_policy": "It is about a policy decision made by councillors, not how it was applied",
    "not_council": "It is not about a council service",
    "other": "Another reason",
}
ROOT_CAUSES = {
    "policy": "Policy",
    "process": "Process",
    "communication": "Communication",
    "staff_conduct": "Staff conduct",
    "delay": "Delay",
    "contractor": "Contractor",
    "system_it": "System / IT",
    "capacity": "Capacity",
    "other": "Other",
}
OMBUDSMEN = {
    "lgsco": "Local Government and Social Care Ombudsman",
    "housing": "Housing Ombudsman",
}
# What a timeline entry records. The timeline is append-only (database triggers).
EVENT_KINDS = {
    "received": "Received",
    "linked": "Item linked",
    "acknowledged": "Acknowledged",
    "note": "Note",
    "email_in": "Email received",
    "email_out": "Email sent",
    "call": "Call logged",
    "assigned": "Assigned",
    "stage_change": "Stage changed",
    "extension": "Extended",
    "paused": "Clock paused",
    "resumed": "Clock restarted",
    "decision": "Decision",
    "responded": "Response sent",
    "converted": "Type changed",
    "merged": "Merged",
    "split": "Split",
    "ombudsman": "Ombudsman",
    "closed": "Closed",
    "reopened": "Reopened",
    "not_accepted": "Not accepted as a complaint",  # app.cases.refusals
    "classification": "Classification corrected",
    "service_changed": "Service changed",  # triage (app.cases.assignment)
    "routed": "Routed by the service-area model",  # app.cases.routing
    "urgency": "Urgency changed",  # triage (app.cases.assignment)
    "letter_posted": "Letter posted",  # a letter to post was printed and posted (app.cases.post)
}


class Case(BaseModel):
    """One complaint (or a service request) and everything done about it."""

    reference = CharField(max_length=20, unique=True)  # the opening item's HRD-… reference
    kind = CharField(max_length=20, default="complaint", index=True)
    status = CharField(max_length=20, default="open", index=True)
    stage = IntegerField(default=1, index=True)
    title = CharField(max_length=200, default="")  # staff's short summary; never shown publicly
    service = ForeignKeyField(ServiceArea, null=True, backref="cases", on_delete="SET NULL")
    person = ForeignKeyField(Person, null=True, backref="cases", on_delete="SET NULL")
    anonymous = BooleanField(default=False)
    assigned_to = ForeignKeyField(User, null=True, backref="cases", on_delete="SET NULL")
    urgent = BooleanField(default=False, index=True)  # safeguarding flag on any linked item
    severity = IntegerField(null=True)  # the most severe flag's (1 highest); None: no flag
    special_category = BooleanField(default=False, index=True)  # health, ethnicity, … (UK GDPR art. 9)
    channel = CharField(max_length=20, default="web", index=True)
    received_at = DateTimeField(default=utcnow, index=True)
    created_at = DateTimeField(default=utcnow)
    # Denormalised from the stage rows and pauses so queues sort and filter in SQL;
    # recomputed by app.cases.clocks.refresh(case) after every change to them.
    next_due_on = DateTimeField(null=True, index=True)  # the next deadline, as a date at 00:00
    next_due_what = CharField(max_length=40, default="")  # "acknowledge" / "respond" / ""
    paused = BooleanField(default=False, index=True)  # waiting for the resident
    # Closing
    closed_at = DateTimeField(null=True, index=True)
    outcome = CharField(max_length=20, default="")
    remedy_apology = BooleanField(default=False)
    remedy_action = TextField(default="")
    remedy_financial_pence = IntegerField(null=True)
    root_cause = CharField(max_length=20, default="", index=True)
    lessons_learnt = TextField(default="")
    # Ombudsman
    ombudsman = CharField(max_length=20, default="")
    ombudsman_referred_at = DateTimeField(null=True)
    ombudsman_outcome = TextField(default="")
    ombudsman_decided_at = DateTimeField(null=True)
    merged_into = ForeignKeyField("self", null=True, backref="merged_cases", on_delete="SET NULL")
    is_demo = BooleanField(default=False)

    class Meta:
        table_name = "case_record"
        personal_data = ("person", "lessons_learnt", "remedy_action", "title")
        indexes = (
            (("status", "next_due_on"), False),
            (("assigned_to", "status"), False),
            (("service", "status"), False),
        )

    @property
    def kind_label(self):
        return CASE_KINDS.get(self.kind, self.kind)

    @property
    def severity_words(self):
        """The safeguarding severity in words ("" when no flag reached the case)."""
        from classifiers.safeguarding_terms import SEVERITY_WORDS

        return SEVERITY_WORDS.get(self.severity, "") if self.severity else ""

    @property
    def status_label(self):
        return CASE_STATUSES.get(self.status, self.status)

    @property
    def outcome_label(self):
        return OUTCOMES.get(self.outcome) or OTHER_OUTCOMES.get(self.outcome, self.outcome)

    @property
    def root_cause_label(self):
        return ROOT_CAUSES.get(self.root_cause, self.root_cause)

    @property
    def on_clock(self):
        return self.kind == "complaint" and self.status == "open"


class CaseItem(BaseModel):
    """A feedback item that belongs to a case (an item belongs to at most one case)."""

    case = ForeignKeyField(Case, backref="items", on_delete="CASCADE")
    item = ForeignKeyField(FeedbackItem, unique=True, backref="case_links", on_delete="CASCADE")
    linked_at = DateTimeField(default=utcnow)
    linked_by = ForeignKeyField(User, null=True, on_delete="SET NULL")
    reason = CharField(max_length=200, default="")

    class Meta:
        table_name = "case_item"


class CaseStage(BaseModel):
    """Stage 1 or 2 of a complaint: the dates the clocks count from, and who handles it."""

    case = ForeignKeyField(Case, backref="stages", on_delete="CASCADE")
    number = IntegerField()  # 1 or 2
    started_at = DateTimeField(default=utcnow)  # receipt (stage 1) or the resident's request (stage 2)
    handler = ForeignKeyField(User, null=True, on_delete="SET NULL")  # stage 2: the reviewer
    acknowledged_at = DateTimeField(null=True)
    extension_days = IntegerField(default=0)  # working days added (stage 1, at most 10, once)
    extension_reason = TextField(default="")
    extended_at = DateTimeField(null=True)
    responded_at = DateTimeField(null=True)
    escalation_reason = TextField(default="")  # stage 2: why the resident is unhappy
    ombudsman = CharField(max_length=20, default="")  # stage 2: the Ombudsman its response named

    class Meta:
        table_name = "case_stage"
        indexes = ((("case", "number"), True),)


class ClockPause(BaseModel):
    """The clock stops while the council waits for information only the resident can give."""

    case = ForeignKeyField(Case, backref="pauses", on_delete="CASCADE")
    stage = IntegerField()
    started_at = DateTimeField(default=utcnow)
    ended_at = DateTimeField(null=True)
    reason = TextField(default="")

    class Meta:
        table_name = "case_clock_pause"


class DecisionPoint(BaseModel):
    """One point of the complaint and the council's decision on it, per stage."""

    case = ForeignKeyField(Case, backref="points", on_delete="CASCADE")
    stage = IntegerField()
    position = IntegerField(default=0)
    point = TextField()
    decision = CharField(max_length=20, default="")  # an OUTCOMES key other than withdrawn
    reasons = TextField(default="")

    class Meta:
        table_name = "case_decision_point"
        personal_data = ("point", "reasons")


class CaseEvent(BaseModel):
    """The case timeline. Rows are never updated or deleted (database triggers refuse it)."""

    case = ForeignKeyField(Case, backref="events", on_delete="CASCADE")
    at = DateTimeField(default=utcnow, index=True)
    kind = CharField(max_length=20)  # an EVENT_KINDS key
    actor = ForeignKeyField(User, null=True, on_delete="SET NULL")
    summary = CharField(max_length=300, default="")
    body = TextField(default="")  # notes, call records, email text
    item_id = IntegerField(null=True)  # feedback item, when about one
    outbox_id = IntegerField(null=True)  # email sent
    inbound_id = IntegerField(null=True)  # email received
    stage = IntegerField(null=True)

    class Meta:
        table_name = "case_event"
        personal_data = ("body",)
        special_category_possible = ("body",)
        indexes = ((("case", "at"), False),)

    @property
    def kind_label(self):
        return EVENT_KINDS.get(self.kind, self.kind)


class CaseActionLink(BaseModel):
    """A root-cause action (app.actions) this case led to. `description` keeps what the officer
    typed at closing, when the link was made there."""

    case = ForeignKeyField(Case, backref="action_links", on_delete="CASCADE")
    action = ForeignKeyField(Action, backref="case_links", on_delete="CASCADE")
    description = TextField(default="")
    created_at = DateTimeField(default=utcnow)

    class Meta:
        table_name = "case_action_link"
        indexes = ((("case", "action"), True),)


class AssignmentCursor(BaseModel):
    """Round-robin within a service team: who in the team was given the last case."""

    service = ForeignKeyField(ServiceArea, unique=True, on_delete="CASCADE")
    last_user_id = IntegerField(null=True)
    updated_at = DateTimeField(default=utcnow)

    class Meta:
        table_name = "case_assignment_cursor"


class CaseRefusal(BaseModel):
    """A complaint the council declined to accept, why (an EXCLUSIONS key and the officer's
    reasons, which the resident is sent), and, if an officer reversed it, when and why."""

    case = ForeignKeyField(Case, backref="refusals", on_delete="CASCADE")
    exclusion = CharField(max_length=30)
    other = CharField(max_length=200, default="")  # the exclusion in words, for "other"
    reasons = TextField()
    refused_at = DateTimeField(default=utcnow, index=True)
    refused_by = ForeignKeyField(User, null=True, backref="refusals_made", on_delete="SET NULL")
    reversed_at = DateTimeField(null=True)
    reversed_by = ForeignKeyField(User, null=True, backref="refusals_reversed", on_delete="SET NULL")
    reversal_reason = TextField(default="")

    class Meta:
        table_name = "case_refusal"
        personal_data = ("reasons", "other", "reversal_reason")

    @property
    def exclusion_label(self):
        return self.other if self.exclusion == "other" and self.other else EXCLUSIONS.get(self.exclusion, self.exclusion)
