"""Every model in the platform, and applying migrations.

Lives in the shell layer: it imports each domain package's models.
"""
from pathlib import Path

from playhouse.migrations import Runner

MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"


def all_models():
    from app.audit.models import AuditEvent
    from app.auth.models import LoginAttempt, StaffSession, User, UserService
    from app.feedback.models import Counter, FeedbackItem, FeedbackStatusChange, FeedbackUpdate
    from app.org.models import ServiceArea
    from app.people.models import Person
    from app.publicforms import RateLimitHit

    return [ServiceArea, Person, Counter, FeedbackItem, AuditEvent, User, UserService,
            StaffSession, LoginAttempt, FeedbackUpdate, FeedbackStatusChange,
            RateLimitHit]


def runner(database):
    return Runner(database, directory=str(MIGRATIONS_DIR))


def upgrade(database):
    """Apply pending migrations; returns the names applied."""
    with database.connection_context():
        return runner(database).up()


def pending(database):
    with database.connection_context():
        return [m.name for m in runner(database).status() if not m.applied]
