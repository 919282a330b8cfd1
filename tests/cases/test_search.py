"""Search across cases and feedback: by reference, by person and by words, on SQLite (FTS5)
and PostgreSQL (full-text search) alike, narrowed to what the user may see."""
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.audit.models import AuditEvent
from app.auth.roles import ADMINISTRATOR, ANALYST, COMPLAINTS_OFFICER, SERVICE_LEAD
from app.cases import search
from app.cases.models import Case, CaseEvent, CaseItem
from app.db import db, is_postgres
from app.feedback.models import FeedbackItem, FeedbackUpdate
from tests.cases.pages import PASSWORD
from tests.cases.test_access import make_case
from tests.factories import create_feedback, create_person, create_user
from tests.web import h1_count, sign_in, title_starts_with_h1

HOSTILE = ['"', '""', "'", "*", "pothole*", "NEAR(", "NEAR(a b", "a OR", "OR", "AND NOT", "-", "^pothole",
           "body:pothole", "(", ")", "{", "}", "[", "%", "_", "%%", "\\", "'; DROP TABLE case_record; --",
           "pothole\x00", "\x00", "\x00\x00HRD", "a" * 10_000, "pothole " * 2_000, "😀 émoji ünïcode",
           "HRD-", "HRD-9999-999999", "@", "+", "0" * 50, "   ", "\t\n", "the and of", "a\u2028b",
           "\ud7ff", "\ud800", "NEAR/3", "x:y:z", "\"unbalanced", "pothole\" OR \"x", "$1", "%s", "?"]


@pytest.fixture
def officer(app):
    return create_user(COMPLAINTS_OFFICER)


def complaint(text, *, service_slug="highways", title="", special=False, **person):
    item = create_feedback(text=text, service_slug=service_slug,
                           person=create_person(**person) if person else None)
    return item, make_case(item, title=title, special_category=special)


def refs(results):
    return [r.reference for r in results]


# -- by reference ----------------------------------------------------------------------------

def test_an_exact_reference_comes_first(app, officer):
    item, case = complaint("The streetlight by the school is out")
    _, other = complaint(f"Same as {case.reference}: the streetlight is still out")
    results = search.search(officer, case.reference)
    assert refs(results)[0] == case.reference and results[0].matched == "reference"
    assert results[0].case == case and results[0].what == "case"
    for typed in (case.reference.lower(), case.reference.replace("-", " "), f"  {case.reference}  ",
                  "HRD-{}-{}".format(*case.reference.split("-")[1:2], int(case.reference[-6:]))):
        assert refs(search.search(officer, typed))[0] == case.reference, typed


def test_a_linked_items_reference_finds_its_case(app, officer):
    _, case = complaint("Bins not collected on Elm Road")
    second = create_feedback(kind="comment", text="Still no collection")  # a comment: opens no case
    CaseItem.create(case=case, item=second)
    results = search.search(officer, second.reference)
    assert results[0].case == case and results[0].matched == "reference"


def test_feedback_in_no_case_is_found_too(app, officer):
    comment = create_feedback(kind="comment", text="The library garden is lovely")
    results = search.search(officer, comment.reference)
    assert results[0].what == "item" and results[0].item == comment
    assert search.search(officer, "library garden")[0].item == comment


# -- by person -------------------------------------------------------------------------------

def test_by_email_phone_and_name(app, officer):
    _, case = complaint("Pavement cracked", name="Margaret Oyelaran", email="M.Oyelaran@Example.com",
                        phone="01632 960123")
    complaint("Something else entirely", name="Someone Else")
    for typed in ("m.oyelaran@example.com", "M.OYELARAN@EXAMPLE.COM", "01632 960123", "+44 1632 960123",
                  "01632960123", "oyelaran", "Margaret Oye"):
        results = search.search(officer, typed)
        assert refs(results)[:1] == [case.reference] and results[0].matched == "person", typed
    assert search.search(officer, "nobody@example.com") == []


def test_a_person_found_through_a_linked_item(app, officer):
    _, case = complaint("Gully blocked")
    later = create_feedback(kind="comment", text="Also the drain",
                            person=create_person(name="Priya Tanaka-Ruiz"))
    CaseItem.create(case=case, item=later)
    assert refs(search.search(officer, "Tanaka-Ruiz"))[0] == case.reference


# -- by words --------------------------------------------------------------------------------

def test_words_in_every_searched_source(app, officer):
    item, case = complaint("The pothole on Quillfeather Lane damaged my tyre", title="Tyre damage claim")
    FeedbackUpdate.create(item=item, channel="email", text="Photos of the Brackenbury junction attached")
    for kind, body in (("note", "Spoke to Gorsewick depot"), ("call", "Resident rang about Halloway"),
                       ("email_in", "Reply mentions Pennyroyal"), ("email_out", "We wrote about Zephyrine"),
                       ("assigned", "Tamberlane")):
        CaseEvent.create(case=case, kind=kind, body=body)
    for words in ("quillfeather", "Brackenbury", "tyre damage claim", "gorsewick", "halloway", "pennyroyal"):
        results = search.search(officer, words)
        assert refs(results) == [case.reference], words
        assert results[0].matched == "text" and any(hit for _, hit in results[0].snippet), words
    # Our own emails and other timeline entries are not searched.
    assert search.search(officer, "Zephyrine") == [] and search.search(officer, "Tamberlane") == []


def test_every_word_must_match_and_stems_match(app, officer):
    _, flooding = complaint("Flooding on the bypass after heavy rain")
    _, potholes = complaint("Several potholes on the bypass")
    assert refs(search.search(officer, "bypass")) and set(refs(search.search(officer, "bypass"))) == {
        flooding.reference, potholes.reference}
    assert refs(search.search(officer, "flooded bypass")) == [flooding.reference]
    assert refs(search.search(officer, "pothole")) == [potholes.reference]
    assert search.search(officer, "bypass volcano") == []


def test_the_index_follows_changes(app, officer):
    item, case = complaint("Overgrown hedge on Juniper Close")
    assert refs(search.search(officer, "juniper")) == [case.reference]
    FeedbackItem.update(text="[removed]").where(FeedbackItem.id == item.id).execute()  # anonymised
    assert search.search(officer, "juniper") == []
    Case.update(title="Hedge at Marigold Court").where(Case.id == case.id).execute()
    assert refs(search.search(officer, "marigold")) == [case.reference]
    comment = create_feedback(kind="comment", text="Thistledown park needs benches")
    assert search.search(officer, "thistledown")[0].item == comment
    FeedbackItem.delete().where(FeedbackItem.id == comment.id).execute()
    assert search.search(officer, "thistledown") == []


def test_snippets_show_the_words_found(app, officer):
    long = "Intro words. " * 40 + "The Wickerbasket bridge railing is loose. " + "More words. " * 40
    complaint(long)
    result = search.search(officer, "wickerbasket")[0]
    text = "".join(part for part, _ in result.snippet)
    assert [part for part, hit in result.snippet if hit] == ["Wickerbasket"]
    assert text.startswith("…") and text.endswith("…") and len(text) <= search.SNIPPET + 2


# -- who sees what ---------------------------------------------------------------------------

def test_results_are_limited_to_what_the_user_may_see(app, officer):
    _, highways = complaint("Kestrelmoor road resurfacing", service_slug="highways")
    _, parking = complaint("Kestrelmoor parking fine", service_slug="parking")
    _, special = complaint("Kestrelmoor carer and my disability", service_slug="highways", special=True,
                           name="Vera Kestrelmoor", email="vera@example.com")
    comment_here = create_feedback(kind="comment", text="Kestrelmoor verge", service_slug="highways")
    comment_there = create_feedback(kind="comment", text="Kestrelmoor meter", service_slug="parking")
    everything = {highways.reference, parking.reference, special.reference, comment_here.reference,
                  comment_there.reference}
    admin = create_user(ADMINISTRATOR)
    for user in (officer, admin):
        assert set(refs(search.search(user, "kestrelmoor"))) == everything
    lead = create_user(SERVICE_LEAD, services=["highways"])
    assert set(refs(search.search(lead, "kestrelmoor"))) == {highways.reference, comment_here.reference}
    for typed in (special.reference, "vera@example.com", "Vera Kestrelmoor", "disability"):
        assert special.reference not in refs(search.search(lead, typed)), typed
    other_lead = create_user(SERVICE_LEAD, services=["council-tax"])
    assert search.search(other_lead, "kestrelmoor") == []
    assert search.search(other_lead, highways.reference) == []
    assert search.search(create_user(ANALYST), "kestrelmoor") == []


def test_many_hidden_matches_do_not_crowd_out_visible_ones(app):
    for n in range(search.LIMIT + 5):
        complaint(f"Umberfield complaint number {n}", service_slug="parking")
    _, mine = complaint("Umberfield junction", service_slug="highways")
    lead = create_user(SERVICE_LEAD, services=["highways"])
    assert refs(search.search(lead, "umberfield")) == [mine.reference]


# -- hostile queries -------------------------------------------------------------------------

@pytest.mark.parametrize("typed", HOSTILE)
def test_hostile_queries_never_fail(app, officer, typed):
    complaint("The pothole near the school", name="Pat Example")
    assert isinstance(search.search(officer, typed), list)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(typed=st.text(max_size=300))
def test_any_text_is_a_safe_query(app, officer, typed):
    with db.atomic() as transaction:  # a failed statement would abort a PostgreSQL transaction
        assert isinstance(search.search(officer, typed), list)
        transaction.rollback()


def test_the_search_page(app):
    user = create_user(COMPLAINTS_OFFICER, password=PASSWORD)
    _, case = complaint("Grit bin at Larkspur Rise is empty", name="Sam Searcher")
    client = app.test_client()
    sign_in(client, user.email, PASSWORD)
    page = client.get("/staff/cases/search")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and h1_count(html) == 1 and title_starts_with_h1(html)[0]
    assert 'type="search"' in html and 'name="q"' in html
    html = client.get("/staff/cases/search?q=larkspur").get_data(as_text=True)
    assert case.reference in html and "<mark>Larkspur</mark>" in html and "Complaint case" in html
    assert f"/staff/cases/{case.id}" in html and title_starts_with_h1(html)[0] and h1_count(html) == 1
    searched = AuditEvent.select().where(AuditEvent.action == "case.searched").get()
    assert searched.actor_id == user.id and "larkspur" not in (searched.summary + searched.details).lower()
    for typed in HOSTILE:
        if typed != "\ud800":  # not encodable: sent as raw bytes below
            response = client.get("/staff/cases/search", query_string={"q": typed})
            assert response.status_code == 200, repr(typed[:30])
    assert client.get("/staff/cases/search?q=%ED%A0%80%FF%00%C0%AF").status_code == 200
    html = client.get("/staff/cases/search", query_string={"q": "larkspur " * 2000}).get_data(as_text=True)
    assert "Only the first 200 characters were searched" in html
    assert client.get("/staff/cases/search?q=<script>alert(1)</script>").get_data(
        as_text=True).count("<script>alert") == 0


def test_the_search_page_is_closed_to_analysts(app):
    user = create_user(ANALYST, password=PASSWORD)
    client = app.test_client()
    sign_in(client, user.email, PASSWORD)
    assert client.get("/staff/cases/search?q=x").status_code == 403


def test_postgres_queries_use_the_gin_indexes(app, officer):
    if not is_postgres():
        pytest.skip("PostgreSQL only")
    complaint("Something to index")
    db.execute_sql("SET enable_seqscan = off")  # tiny tables: make the planner show what it could use
    sql, params = search.text_query(officer, ["pothole", "school"])
    plan = "\n".join(row[0] for row in db.execute_sql("EXPLAIN " + sql, params))
    for index in search.SEARCH_INDEXES:
        assert index in plan, plan
