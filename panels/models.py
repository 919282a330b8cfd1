"""Panels, the residents who apply and belong to them, and the members' own sign-in.

A member is a resident, never a staff user: they sign in with single-use emailed links
(`SignInLink`) into their own server-side sessions (`MemberSession`), separate from staff's.
Demographics are special-category data, asked with consent and used only in aggregate
(the representativeness view)."""
from peewee import BooleanField, CharField, DateTimeField, FloatField, ForeignKeyField, TextField

from app.auth.models import User
from app.db import BaseModel, utcnow

APPLICATION_STATUSES = {"pending": "Waiting for a decision", "approved": "Approved",
                        "declined": "Declined", "waitlisted": "On the waiting list"}
DEMOGRAPHIC_FIELDS = ("age_band", "sex", "ethnicity", "disability", "area")


class Panel(BaseModel):
    name = CharField(max_length=200)
    slug = CharField(max_length=120, unique=True)
    summary = TextField(default="")       # what the panel does, shown on /panels
    how_to_join = TextField(default="")   # who may join and what it asks of members
    accepting_applications = BooleanField(default=True)
    created_at = DateTimeField(default=utcnow)
    is_demo = BooleanField(default=False)

    class Meta:
        table_name = "panel"


class PanelFacilitator(BaseModel):
    """A member of staff who runs a panel (role panel_facilitator, or an administrator)."""

    panel = ForeignKeyField(Panel, backref="facilitators", on_delete="CASCADE")
    user = ForeignKeyField(User, backref="panels_facilitated", on_delete="CASCADE")

    class Meta:
        table_name = "panel_facilitator"
        indexes = ((("panel", "user"), True),)


class Member(BaseModel):
    """A resident on one or more panels. `anonymised_at`: a former member whose name and
    address are gone; their comments read "a former member"."""

    email = CharField(max_length=320, unique=True)  # lower-cased
    name = CharField(max_length=200)
    support_needs = TextField(default="")
    digest_enabled = BooleanField(default=True)
    created_at = DateTimeField(default=utcnow)
    last_signed_in_at = DateTimeField(null=True)
    anonymised_at = DateTimeField(null=True)
    is_demo = BooleanField(default=False)
    language = CharField(max_length=8, default="en")  # their emails go in this language (app.i18n)

    class Meta:
        table_name = "panel_member"
        personal_data = ("email", "name", "support_needs")
        special_category = ("support_needs",)

    @property
    def display_name(self):
        return "A former member" if self.anonymised_at else self.name


class Application(BaseModel):
    """A resident's application to join a panel, decided by a facilitator with a reason."""

    panel = ForeignKeyField(Panel, backref="applications", on_delete="CASCADE")
    name = CharField(max_length=200)
    email = CharField(max_length=320, index=True)
    reason = TextField()                    # why they want to join
    support_needs = TextField(default="")
    demographics_consent = BooleanField(default=False)
    age_band = CharField(max_length=40, default="")
    sex = CharField(max_length=40, default="")
    ethnicity = CharField(max_length=80, default="")
    disability = CharField(max_length=60, default="")
    area = CharField(max_length=120, default="")
    status = CharField(max_length=20, default="pending", index=True)
    decision_reason = TextField(default="")
    decided_by = ForeignKeyField(User, null=True, backref="panel_decisions", on_delete="SET NULL")
    decided_at = DateTimeField(null=True)
    member = ForeignKeyField(Member, null=True, backref="applications", on_delete="SET NULL")
    created_at = DateTimeField(default=utcnow, index=True)
    is_demo = BooleanField(default=False)
    language = CharField(max_length=8, default="en")  # the page's language when they applied

    class Meta:
        table_name = "panel_application"
        personal_data = ("name", "email", "reason", "support_needs") + DEMOGRAPHIC_FIELDS
        special_category = ("support_needs",) + DEMOGRAPHIC_FIELDS


class Membership(BaseModel):
    panel = ForeignKeyField(Panel, backref="memberships", on_delete="CASCADE")
    member = ForeignKeyField(Member, backref="memberships", on_delete="CASCADE")
    joined_at = DateTimeField(default=utcnow)
    left_at = DateTimeField(null=True)
    application = ForeignKeyField(Application, null=True, backref="memberships", on_delete="SET NULL")

    class Meta:
        table_name = "panel_membership"
        indexes = ((("panel", "member"), True),)


class Demographics(BaseModel):
    """What a member chose to tell us about themselves ("" = not asked, or prefer not to say
    is stored as "prefer_not_to_say"). Special-category: read only in aggregate."""

    member = ForeignKeyField(Member, unique=True, backref="demographics", on_delete="CASCADE")
    age_band = CharField(max_length=40, default="")
    sex = CharField(max_length=40, default="")
    ethnicity = CharField(max_length=80, default="")
    disability = CharField(max_length=60, default="")
    area = CharField(max_length=120, default="")
    consented_at = DateTimeField(default=utcnow)

    class Meta:
        table_name = "panel_demographics"
        personal_data = DEMOGRAPHIC_FIELDS
        special_category = DEMOGRAPHIC_FIELDS


class PopulationShare(BaseModel):
    """The council's population profile (e.g. from the census): the percentage of residents
    in one category of one demographic dimension."""

    dimension = CharField(max_length=20)
    category = CharField(max_length=120)
    percent = FloatField()
    source = CharField(max_length=200, default="")
    updated_at = DateTimeField(default=utcnow)

    class Meta:
        table_name = "panel_population_share"
        indexes = ((("dimension", "category"), True),)


class SignInLink(BaseModel):
    """A single-use emailed sign-in link: only the token's SHA-256 is kept."""

    member = ForeignKeyField(Member, backref="sign_in_links", on_delete="CASCADE")
    token_hash = CharField(max_length=64, unique=True)
    created_at = DateTimeField(default=utcnow, index=True)
    expires_at = DateTimeField()
    used_at = DateTimeField(null=True)

    class Meta:
        table_name = "panel_sign_in_link"


class MemberSession(BaseModel):
    """A member's server-side session; the browser holds only a random token."""

    token_hash = CharField(max_length=64, unique=True)
    member = ForeignKeyField(Member, backref="sessions", on_delete="CASCADE")
    created_at = DateTimeField(default=utcnow)
    last_seen_at = DateTimeField(default=utcnow)

    class Meta:
        table_name = "panel_session"
