"""Issue 14's check, whole: a canary resident (a unique name, email, phone and postcode) reaches
Heard by the web form with a photo and a letter, a survey answer, an email with an attachment
and a panel comment, beside a second canary person. Subject access finds every record that
holds any of the canary's details, and nothing of the second person's; erasure then leaves no
trace of them in any table, file, index or queue (a byte search over the database file, its
write-ahead log and the instance folder), and a retention run past the periods does the same.
"""
import datetime
import re
from email.message import EmailMessage
from pathlib import Path

import peewee
import pytest

from app.db import db, utcnow
from app.privacy import retention
from app.privacy.erasure import erase
from app.privacy.find import find
from app.privacy.register import models, tags
from tests.attachments.files import jpeg_with_location, pdf
from tests.attachments.test_upload import finish, start, upload
from tests.factories import create_comment, create_member, create_proposal
from tests.feedback.journey import COMPLAINT

ONE = {"name": "Wilhelmina Saxenburg", "email": "ws.canary.one@example.org", "phone": "07700 900314",
       "postcode": "OX16 7QW"}
TWO = {"name": "Barnabus Quenby", "email": "bq.canary.two@example.org", "phone": "07700 900628",
       "postcode": "OX15 4ZD"}


def needles(person):
    """The canary's details as they may be stored (names apart, the phone in every format)."""
    digits = re.sub(r"\D", "", person["phone"])
    return [person["name"], *person["name"].split(), person["email"], person["phone"], digits, "+44" + digits[1:],
            person["postcode"]]


@pytest.fixture
def settings_overrides(settings_overrides):
    return dict(settings_overrides, intake_listeners=("cases",))


def an_email(person, words):
    message = EmailMessage()
    message["From"] = f"{person['name']} <{person['email']}>"
    message["To"] = "feedback@council.example"
    message["Subject"] = "Overgrown path"
    message["Message-ID"] = f"<{person['email']}.path@example.org>"
    message.set_content(words)
    message.add_attachment(pdf(f"Photo notes by {person['name']}, {person['postcode']}"), maintype="application",
                           subtype="pdf", filename=f"{person['name'].split()[1]}-notes.pdf")
    return message.as_bytes()


def plant(app, person, n):
    from app.inbox.services import receive
    from tests.surveys.helpers import create_survey
    from surveys.models import Question, SurveyVersion
    from surveys.responses import record_response

    client = app.test_client()
    start(client)
    upload(client, ("garden.jpg", jpeg_with_location(words=person["name"])),
           ("letter.pdf", pdf(f"Letter from {person['name']} of {person['postcode']}, {person['phone']}")))
    upload(client, action="continue")
    finish(client, dict(COMPLAINT["contact"], name=person["name"], email=person["email"], phone=person["phone"],
                        address_line_1=f"{n} Canary Wharf Row", address_town="Banbury", address_postcode=person["postcode"]))
    receive(an_email(person, f"The path by {person['postcode']} is overgrown. Ring {person['phone']}."),
            f"test:canary-{n}.eml")
    survey = create_survey(anonymous=False, questions=[{"kind": "long_text", "text": "Anything else?"}],
                           title=f"Library survey {n}")
    version = SurveyVersion.get(SurveyVersion.survey == survey)
    question = Question.get(Question.version == version)
    record_response(version, [question], {question.id: (None, f"{person['name']} of {person['postcode']}: more books")},
                    contact={"email": person["email"], "ok": True})
    member = create_member(email=person["email"], name=person["name"])
    create_comment(create_proposal(title=f"Sunday opening {n}"), member,
                   body=f"I would use it on Sundays. {person['name']}")


@pytest.fixture
def planted(app):
    plant(app, ONE, 1)
    plant(app, TWO, 2)


def holding(person):
    """{table: {ids}} of every row with one of the person's details in any text or bytes column."""
    found = {}
    wanted = [n.lower() for n in needles(person)]
    for table, model in models().items():
        columns = [c for c in model._meta.sorted_fields
                   if isinstance(c, (peewee.CharField, peewee.TextField, peewee.BlobField))]
        if not columns:
            continue
        for row in model.select(model._meta.primary_key, *columns).iterator():
            for column in columns:
                value = getattr(row, column.name)
                text = bytes(value).decode("utf-8", "replace") if isinstance(value, (bytes, memoryview)) else str(value or "")
                if any(n in text.lower() for n in wanted):
                    found.setdefault(table, set()).add(row.get_id())
    return found


def traces(app, person):
    """Where the person's details are still written, byte for byte: the database file and its
    write-ahead log, and every file in the instance folder (attachments, emails written out)."""
    settings = app.config["HEARD"]
    paths = [Path(db.obj.database), Path(f"{db.obj.database}-wal")] if not _postgres() else []
    paths += [p for p in Path(settings.instance_path).rglob("*") if p.is_file()]
    wanted = [n.lower().encode() for n in needles(person)]
    left = []
    for path in paths:
        if path.exists():
            content = path.read_bytes().lower()
            left += [(str(path), n.decode()) for n in wanted if n in content]
    return left


def _postgres():
    return type(db.obj).__name__.lower().startswith(("postgres", "psycopg"))


def test_subject_access_finds_every_record_holding_the_canary_and_none_of_the_other(planted):
    from app.attachments.models import Attachment

    held = holding(ONE)
    assert {"person", "feedback_item", "inbound_message", "panel_member", "panel_comment", "survey_response"} <= (
        set(held) | {"survey_response"})
    found = {}
    for query in (ONE["email"], ONE["phone"], ONE["name"]):
        for table, rows in find(query).records.items():
            found.setdefault(table, set()).update(rows)
    missing = {table: ids - found.get(table, set()) for table, ids in held.items() if ids - found.get(table, set())}
    assert not missing, missing
    mine = {a.id for a in Attachment.select().where(Attachment.filename.contains("Saxenburg")
                                                    | Attachment.filename.in_(["garden.jpg", "letter.pdf"]))}
    assert found.get("survey_response") and found.get("attachment")
    theirs = holding(TWO)
    shared = {"panel_proposal"}
    overlap = {t: found.get(t, set()) & ids for t, ids in theirs.items() if t not in shared and found.get(t, set()) & ids}
    assert not overlap, overlap
    assert mine


def test_erasure_leaves_no_trace_anywhere_and_the_other_person_is_untouched(app, planted):
    from app.cases.models import Case

    Case.update(closed_at=utcnow(), status="closed").execute()
    result = erase(ONE["email"], "Request by email on 7 December")
    assert not result.kept, result.kept
    assert not holding(ONE), holding(ONE)
    assert not traces(app, ONE), traces(app, ONE)
    assert traces(app, TWO) and holding(TWO).get("feedback_item")


def test_erasure_keeps_an_open_complaint_and_says_why(app, planted):
    result = erase(ONE["email"], "Request by email on 7 December")
    kept = {k["table"]: k["exception"] for k in result.kept}
    assert kept["case_record"].startswith("open complaint") and kept["person"].startswith("open complaint")
    left = holding(ONE)
    kept_rows = {(k["table"], k["id"]) for k in result.kept}
    assert ("case_record", next(iter(left.get("case_record", {0})))) in kept_rows or not left.get("case_record")


def test_a_retention_run_past_every_period_leaves_no_trace_of_expired_records(app, planted):
    from app.cases.models import Case
    from panels.models import Membership

    Case.update(closed_at=utcnow() - datetime.timedelta(days=7 * 365), status="closed").execute()
    Membership.update(left_at=utcnow()).execute()  # both left their panels: two years on, anonymised
    later = utcnow() + datetime.timedelta(days=8 * 365)
    retention.run(now=later)
    assert not holding(ONE), holding(ONE)
    assert not traces(app, ONE), traces(app, ONE)
    assert not traces(app, TWO)
