from peewee import BooleanField, CharField, DateTimeField, ForeignKeyField, IntegerField, TextField

from app.auth.roles import ROLES, needs_second_factor
from app.db import BaseModel, utcnow
from app.org.models import ServiceArea


class User(BaseModel):
    """A member of staff. Residents never have accounts."""

    email = CharField(max_length=320, unique=True)  # lower-cased
    name = CharField(max_length=200)
    role = CharField(max_length=30, index=True)
    password_hash = CharField(max_length=255)
    active = BooleanField(default=True)
    must_change_password = BooleanField(default=False)
    is_demo = BooleanField(default=False)
    created_at = DateTimeField(default=utcnow)
    last_login_at = DateTimeField(null=True)
    # Two-factor sign-in (app.auth.second_factor): the authenticator app's base32 secret ("" when
    # not set up; never logged, audited or exported), the last 30-second step whose code was
    # accepted (a code is never accepted twice), and when it was set up.
    totp_secret = CharField(max_length=64, default="")
    totp_last_step = IntegerField(default=0)
    totp_enabled_at = DateTimeField(null=True)

    class Meta:
        table_name = "staff_user"
        personal_data = ("email", "name")

    # Flask-Login protocol. get_id() is peewee's; the session never stores it:
    # it holds a StaffSession token (see auth.sessions).
    is_authenticated = True
    is_anonymous = False

    @property
    def is_active(self):
        return self.active

    @property
    def role_label(self):
        return ROLES.get(self.role, self.role)

    def has_role(self, *roles):
        return self.role in roles

    def service_ids(self):
        return {row.service_id for row in self.services}

    @property
    def has_second_factor(self):
        return bool(self.totp_secret)

    @property
    def needs_second_factor(self):
        """Whether their role must sign in with a second factor (app.auth.roles)."""
        return needs_second_factor(self.role)


class UserService(BaseModel):
    """The services a service lead (or a service-based officer) works in."""

    user = ForeignKeyField(User, backref="services", on_delete="CASCADE")
    service = ForeignKeyField(ServiceArea, backref="staff", on_delete="CASCADE")

    class Meta:
        table_name = "staff_user_service"
        indexes = ((("user", "service"), True),)


class StaffSession(BaseModel):
    """A signed-in session. The browser holds only a random token whose hash is
    stored here, so signing in issues a new id and signing out revokes it."""

    token_hash = CharField(max_length=64, unique=True)
    user = ForeignKeyField(User, backref="sessions", on_delete="CASCADE")
    created_at = DateTimeField(default=utcnow)
    last_seen_at = DateTimeField(default=utcnow)
    ip = CharField(max_length=64, default="")

    class Meta:
        table_name = "staff_session"


class LoginAttempt(BaseModel):
    """Sign-in attempts, for per-account and per-address throttling."""

    at = DateTimeField(default=utcnow, index=True)
    email = CharField(max_length=320, index=True)
    ip = CharField(max_length=64, index=True)
    succeeded = BooleanField(default=False)

    class Meta:
        table_name = "login_attempt"


class KeptForm(BaseModel):
    """What an officer had typed into a staff form when their session had timed out,
    kept until they sign in again (app.auth.kept). Only that officer, in the same browser
    (which holds the token whose hash is stored here), gets it back; it lasts a day."""

    token_hash = CharField(max_length=64, unique=True)
    user = ForeignKeyField(User, backref="kept_forms", on_delete="CASCADE")
    path = CharField(max_length=2000)
    fields = TextField()  # JSON [[name, value], ...]: never passwords or the CSRF token
    created_at = DateTimeField(default=utcnow, index=True)

    class Meta:
        table_name = "staff_kept_form"


class RecoveryCode(BaseModel):
    """A one-time recovery code for two-factor sign-in, stored as its SHA-256 (the codes carry
    80 random bits, so the hash cannot be reversed by guessing). Each works once."""

    user = ForeignKeyField(User, backref="recovery_codes", on_delete="CASCADE")
    token_hash = CharField(max_length=64, unique=True)
    created_at = DateTimeField(default=utcnow)
    used_at = DateTimeField(null=True)

    class Meta:
        table_name = "staff_recovery_code"


class PasswordHistory(BaseModel):
    """The Argon2id hashes of a member of staff's last few passwords, so a change cannot go
    back to one of them (app.auth.credentials)."""

    user = ForeignKeyField(User, backref="old_passwords", on_delete="CASCADE")
    password_hash = CharField(max_length=255)
    created_at = DateTimeField(default=utcnow)  # when it stopped being their password

    class Meta:
        table_name = "staff_password_history"
