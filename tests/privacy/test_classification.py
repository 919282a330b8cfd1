"""Every column of every table is classified (personal, special category, purpose, retention),
and the record of processing administrators see is built from that classification."""
import peewee
import pytest

from app.privacy import register
from app.privacy.categories import CATEGORIES
from app.privacy.processing import record_of_processing
from tests.factories import create_user
from tests.web import get_page, sign_in

PASSWORD = "correct horse battery staple"


def test_every_column_of_every_table_is_classified(app):
    problems = register.unclassified()
    assert not problems, "unclassified or mis-tagged columns:\n" + "\n".join(problems)
    assert len(register.models()) == len(register.tags()) >= 80


def test_a_new_column_or_table_is_caught(app):
    memory = peewee.SqliteDatabase(":memory:")

    class Newcomer(peewee.Model):  # a table nobody classified
        nickname = peewee.CharField()

        class Meta:
            database = memory
            table_name = "newcomer"

    class Person(peewee.Model):  # the person table with a column nobody classified
        name = peewee.CharField()
        nickname = peewee.CharField()

        class Meta:
            database = memory
            table_name = "person"

    found = {"newcomer": Newcomer, "person": Person}
    problems = register.unclassified(found, {"person": register.tags()["person"]})
    assert "newcomer: no Tags entry (app/privacy/tags_*.py)" in problems
    assert "person.nickname: not classified (add it to personal or ordinary)" in problems
    assert "person.email: no such column" in problems
    wrong = register.Tags("person", "forever", "Why not.", personal="name", special="id",
                          ordinary="id nickname name")
    problems = register.unclassified({"person": Person}, {"person": wrong})
    assert set(problems) == {"person.id: special but not personal", "person.name: classified twice",
                             "person: unknown retention category 'forever'"}


def test_what_residents_tell_us_is_personal_and_health_details_are_special(app):
    tags = register.tags()
    assert tags["feedback_item"].is_personal("text") and tags["feedback_item"].is_special("support_details")
    assert tags["person"].personal_fields == ("name", "email", "phone", "preferred_contact", "postal_address")
    assert tags["inbound_message"].is_personal("raw") and tags["inbound_message"].retention == "raw_email"
    assert tags["panel_demographics"].is_special("ethnicity") and not tags["panel_demographics"].is_special("age_band")
    assert tags["safeguarding_flag"].is_special("evidence")
    assert tags["audit_event"].retention == "audit" and tags["login_attempt"].retention == "security"
    assert not tags["report_item_summary"].personal_fields  # counts only


def test_the_uk_default_periods(app):
    assert CATEGORIES["complaint"].period == "6 years after the case closes"
    assert CATEGORIES["feedback"].period == "2 years after it was received"
    assert CATEGORIES["raw_email"].period == "90 days after it arrived"
    assert CATEGORIES["security"].period == "30 days after the event"
    assert CATEGORIES["audit"].period == "7 years after the event"


def test_the_record_of_processing_covers_every_table_once(app):
    headings = record_of_processing()
    tables = [h.table for heading in headings for h in heading.holdings]
    assert sorted(tables) == sorted(register.tags()) and len(set(tables)) == len(tables)
    complaint = next(h for h in headings if h.category.key == "complaint")
    assert {"case_record", "case_event", "postal_letter"} <= {h.table for h in complaint.holdings}


def test_administrators_see_the_record_of_processing(app):
    admin = create_user(role="administrator", password=PASSWORD)
    client = app.test_client()
    sign_in(client, admin.email, PASSWORD)
    html = get_page(client, "/staff/admin/privacy")
    assert "Record of processing" in html and "6 years after the case closes" in html
    assert "support details" in html and "Special" in html
    assert "/staff/admin/privacy" in get_page(client, "/staff/")


@pytest.mark.parametrize("role", ["complaints_officer", "analyst", "service_lead", "panel_facilitator"])
def test_other_staff_may_not_see_it(app, role):
    user = create_user(role=role, password=PASSWORD, services=["highways"] if role == "service_lead" else ())
    client = app.test_client()
    sign_in(client, user.email, PASSWORD)
    assert client.get("/staff/admin/privacy").status_code == 403
