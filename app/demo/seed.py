"""Writing the demo data, and never mixing it with real data by accident.

    result = seed_demo(force=False, today=None)

refuses (DemoRefused) when the database holds real feedback or staff accounts,
or demo data already; `force=True` first deletes the earlier demo data (only
rows marked is_demo, and residents known only from demo feedback), then seeds.
Audit events stay: the log is append-only.

Every demo complaint becomes a case worked through the real casework services at past
dates (app.demo.casework plans it, app.demo.cases runs it), so officers find full
queues, timelines and letters the moment the demo starts. The demo's surveys are made,
published and answered through the surveys services (app.demo.survey_seed), the taxonomy's
descriptions are put in residents' words (app.demo.taxonomy), and demo officers confirm a
few dozen items' labels (app.demo.labels) for the learning loop to train on.
"""
import datetime
import time
from collections import defaultdict
from dataclasses import dataclass, field

from app.actions.models import Action
from app.audit import services as audit
from app.auth import second_factor
from app.auth.models import StaffSession, User, UserService
from app.auth.passwords import hash_password
from app.auth.roles import ADMINISTRATOR
from app.auth.services import AccountError, create_user
from app.cases.models import AssignmentCursor, Case, CaseEvent
from app.db import utcnow
from app.demo.actions import seed_actions
from app.demo.cases import seed_cases
from app.demo.generate import generate
from app.demo.labels import label_items
from app.demo.residents import is_demo_contact
from app.demo.staff import DEMO_PASSWORD_HINT, totp_secret_for
from app.demo.panels import delete_demo_panels, seed_panels
from app.demo.post import post_old_letters
from app.demo.publications import seed_publications
from app.demo.reports import seed_reports
from app.demo.quotes import allow_quotes
from app.demo.survey_seed import create_surveys, delete_demo_surveys, record_responses
from app.demo.taxonomy import describe_topics
from app.feedback.models import FeedbackItem
from app.feedback.services import record_feedback
from app.mail.models import OutboxMessage
from app.org.models import ServiceArea
from app.people.models import Person
from app.people.services import find_or_create
from app.queue import transaction
from reports.archive.models import StoredReport
from reports.yswd.models import Publication
from surveys.models import Response

__all__ = ["DEMO_PASSWORD_HINT", "DemoRefused", "SeedResult", "delete_demo", "seed_demo"]
CHUNK = 500  # ids per IN (...) clause


class DemoRefused(Exception):
    """Seeding would mix demo data with real data, or seed the demo twice."""


@dataclass
class SeedResult:
    feedback_count: int
    people_count: int
    staff: list = field(default_factory=list)  # (email, role label, password)
    replaced: bool = False  # earlier demo data was deleted first
    today: datetime.date = None
    seconds: float = 0.0
    cases: dict = field(default_factory=dict)  # {state in words: number of cases}
    surveys: int = 0
    responses: int = 0
    labelled: int = 0  # items whose sentiment and topic an officer confirmed
    actions: dict = field(default_factory=dict)  # {status: number of curated root-cause actions}
    publications: dict = field(default_factory=dict)  # {status: number of "You said, we did" reports}
    reports: int = 0  # last month's lessons-learnt reports asked for (the demo leads' services)
    panels: dict = field(default_factory=dict)  # {"panels": 2, "members": n, "proposals": 2}

    @property
    def case_count(self):
        return sum(self.cases.values())


def seed_demo(force=False, today=None):
    """Seed a council year of demo data ending the day before `today` (a date;
    default today in UTC). Runs in one transaction: on any error nothing is kept."""
    started = time.monotonic()
    data = generate(today)
    with transaction():
        replaced = _check(force)
        if replaced:
            delete_demo()
        services = _service_areas(data)
        staff, users = _create_staff(data["staff"], services)
        people = _create_people(data["people"])
        admin = next(user for user in users.values() if user.role == ADMINISTRATOR)
        surveys = create_surveys(admin, data["today"])  # before casework: closing invites
        items = _create_items(data["items"], services, people)
        cases = seed_cases(data["cases"], items, users)
        post_old_letters(data["today"], users)
        items.update(record_responses(surveys, data["responses"], items, data["today"]))
        _settle(data["items"], items, cased=set(data["cases"]))
        describe_topics(admin)
        labelled = label_items(data["items"], items, users, data["seed"], data["today"])
        allow_quotes(data["items"], items, data["seed"])
        actions = seed_actions(data["items"], items, users, data["today"])
        publications = seed_publications(users, data["today"])
        reports = seed_reports(users, data["today"])
        panels = seed_panels(users, data["today"])
        audit.record("demo.seeded", summary=(
            f"Demo data seeded: {len(items)} feedback items, {len(people)} residents, "
            f"{len(staff)} staff accounts, {sum(cases.values())} cases, {len(surveys)} surveys"),
            details={"today": data["today"].isoformat(), "seed": data["seed"]})
    return SeedResult(feedback_count=len(items), people_count=len(people), staff=staff,
                      replaced=replaced, today=data["today"], cases=dict(cases),
                      surveys=len(surveys), responses=_responses(surveys), labelled=labelled, actions=actions,
                      publications=publications, reports=reports, panels=panels,
                      seconds=round(time.monotonic() - started, 2))


def _responses(surveys):
    return Response.select().where(Response.survey.in_([s.id for s, _ in surveys.values()])).count()


def _check(force):
    """Raise DemoRefused unless forced; True when earlier demo data is present."""
    real_items = FeedbackItem.select().where(FeedbackItem.is_demo == False).count()  # noqa: E712
    real_staff = User.select().where(User.is_demo == False).count()  # noqa: E712
    has_demo = (FeedbackItem.select().where(FeedbackItem.is_demo == True).exists()  # noqa: E712
                or User.select().where(User.is_demo == True).exists())  # noqa: E712
    if force:
        return has_demo
    if real_items or real_staff:
        raise DemoRefused(
            f"The database already holds real data ({_plural(real_items, 'feedback item')} and "
            f"{_plural(real_staff, 'staff account')} not made by the demo), so no demo data "
            "was added. Demo data is meant for an empty database; --force adds it anyway "
            "(real data is never deleted).")
    if has_demo:
        raise DemoRefused("Demo data is already seeded. Use --force to delete it and seed it "
                          "again.")
    return False


def delete_demo():
    """Delete demo cases (with their timelines and letters), demo feedback, demo staff
    accounts and the residents known only from demo feedback; returns the counts. Real
    rows and audit events are kept.

    Cases go first: their timeline is append-only (a trigger refuses updates), and deleting
    a user would set the actor of their events to NULL. For the same reason a demo account
    that acted on a real case is kept (its history is real now) and reused by the next seed."""
    delete_demo_panels()  # before publications and actions, which proposals link to
    Publication.delete().where(Publication.is_demo == True).execute()  # noqa: E712
    # Stored reports were built from the demo's figures: none of them stays true without it.
    StoredReport.delete().execute()
    actions = Action.delete().where(Action.is_demo == True).execute()  # noqa: E712
    cases = _delete_demo_cases()
    surveys = delete_demo_surveys()
    people = _demo_only_people()
    items = FeedbackItem.delete().where(FeedbackItem.is_demo == True).execute()  # noqa: E712
    for chunk in _chunks(people):
        Person.delete().where(Person.id.in_(chunk)).execute()
    acted = CaseEvent.select(CaseEvent.actor).where(CaseEvent.actor.is_null(False))
    demo_users = User.select(User.id).where(User.is_demo == True)  # noqa: E712
    users = [user.id for user in demo_users.where(User.id.not_in(acted))]
    for chunk in _chunks(users):
        UserService.delete().where(UserService.user.in_(chunk)).execute()
        StaffSession.delete().where(StaffSession.user.in_(chunk)).execute()
        AssignmentCursor.delete().where(AssignmentCursor.last_user_id.in_(chunk)).execute()
        User.delete().where(User.id.in_(chunk)).execute()
    counts = {"actions": actions, "cases": cases, "feedback": items, "people": len(people), "staff": len(users),
              "surveys": surveys}
    audit.record("demo.deleted", summary=(
        f"Demo data deleted: {counts['cases']} cases, {counts['feedback']} feedback items, "
        f"{counts['people']} residents, {counts['staff']} staff accounts, {surveys} surveys"),
        details=counts)
    return counts


def _delete_demo_cases():
    """Delete the demo cases (their items, stages, events ... cascade) and their letters in
    the outbox (whose idempotency keys name the case id, which a new case may reuse)."""
    ids = [case.id for case in Case.select(Case.id).where(Case.is_demo == True)]  # noqa: E712
    for chunk in _chunks(ids):
        (OutboxMessage.delete().where(OutboxMessage.related_type == Case._meta.table_name,
                                      OutboxMessage.related_id.in_(chunk)).execute())
        Case.delete().where(Case.id.in_(chunk)).execute()
    return len(ids)


def _demo_only_people():
    """Ids of residents linked to demo feedback, to no real feedback, and reachable
    only at demo addresses (example.* or the drama phone ranges) or anonymised."""
    people = FeedbackItem.select(FeedbackItem.person).where(FeedbackItem.person.is_null(False))
    demo = people.where(FeedbackItem.is_demo == True)  # noqa: E712
    real = people.where(FeedbackItem.is_demo == False)  # noqa: E712
    query = Person.select().where(Person.id.in_(demo) & Person.id.not_in(real))
    return [person.id for person in query
            if person.anonymised_at is not None or is_demo_contact(person.email, person.phone)]


def _service_areas(data):
    areas = {area.slug: area for area in ServiceArea.select()}
    wanted = {item["service"] for item in data["items"]}
    wanted.update(slug for account in data["staff"] for slug in account["services"])
    missing = sorted(wanted - set(areas))
    if missing:
        raise DemoRefused(f"These service areas are missing: {', '.join(missing)}. "
                          "Run the migrations first.")
    return areas


def _create_staff(accounts, services):
    """([(email, role label, password)], {email: User}); a kept demo account is reused."""
    created, users = [], {}
    for account in accounts:
        teams = [services[slug] for slug in account["services"]]
        kept = User.get_or_none(User.email == account["email"], User.is_demo == True)  # noqa: E712
        try:
            user = _reuse(kept, account, teams) if kept else create_user(
                account["email"], account["name"], account["role"], account["password"],
                services=teams, is_demo=True)[0]
        except AccountError as error:
            raise DemoRefused(f"Could not create the demo account {account['email']}: {error}") from error
        if user.needs_second_factor:
            second_factor.store_secret(user, totp_secret_for(user.email))
        created.append((account["email"], account["role_label"], account["password"]))
        users[account["email"]] = user
    return created, users


def _reuse(user, account, teams):
    """A demo account kept by delete_demo (it acted on a real case), as the demo defines it."""
    User.update(name=account["name"], role=account["role"], active=True,
                password_hash=hash_password(account["password"]),
                must_change_password=False).where(User.id == user.id).execute()
    UserService.delete().where(UserService.user == user).execute()
    for service in teams:
        UserService.create(user=user, service=service)
    return User.get_by_id(user.id)


def _create_people(people):
    """{resident key: Person}. New residents are dated from their first feedback."""
    started = utcnow()
    found = {}
    for spec in people:
        person = find_or_create(name=spec["name"], email=spec["email"], phone=spec["phone"],
                                preferred_contact=spec["preferred_contact"])
        if person.created_at >= started:
            Person.update(created_at=spec["first_seen"],
                          postal_address=spec.get("postal_address", "")).where(
                Person.id == person.id).execute()
            person.postal_address = spec.get("postal_address", "")
        found[spec["key"]] = person
    return found


def _create_items(items, services, people):
    """Record each item as the app would (reference, audit event); returns {item key:
    FeedbackItem}. Survey answers are left to the surveys (app.demo.survey_seed)."""
    created = {}
    for spec in items:
        if spec["kind"] == "survey_answer":
            continue
        created[spec["key"]] = record_feedback(
            kind=spec["kind"], channel=spec["channel"], text=spec["text"],
            service=services[spec["service"]], person=people.get(spec["person"]),
            received_at=spec["received_at"], is_demo=True)
    return created


def _settle(items, created, cased=()):
    """Set each item's status and date its creation to its arrival. Items whose key is in
    `cased` keep the status their casework left them in."""
    by_status = defaultdict(list)
    for spec in items:
        if spec["key"] not in cased and spec["key"] in created:
            by_status[spec["status"]].append(created[spec["key"]].id)
    for status, status_ids in by_status.items():
        for chunk in _chunks(status_ids):
            FeedbackItem.update(status=status).where(FeedbackItem.id.in_(chunk)).execute()
    for chunk in _chunks([item.id for item in created.values()]):
        (FeedbackItem.update(created_at=FeedbackItem.received_at)
         .where(FeedbackItem.id.in_(chunk)).execute())


def _chunks(values):
    values = list(values)
    return [values[i:i + CHUNK] for i in range(0, len(values), CHUNK)]


def _plural(count, noun):
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"
