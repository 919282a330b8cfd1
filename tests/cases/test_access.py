"""Who sees which case. Every /staff route in the app (walked from app.url_map, so routes added
later are covered without a change here) is requested with the ids of real cases, items and
people, as a complaints officer, a service lead for another service, an analyst, a panel
facilitator and an anonymous visitor; none may see a case they should not."""
import json
import re
from dataclasses import dataclass
from urllib.parse import urlparse

import pytest

from app.auth.roles import ANALYST, COMPLAINTS_OFFICER, PANEL_FACILITATOR, SERVICE_LEAD
from app.cases import access
from app.cases.models import Case, CaseEvent, CaseItem
from app.feedback.models import FeedbackUpdate
from tests.cases.pages import PASSWORD, signed_in
from tests.factories import create_feedback, create_person, create_user

OPEN = {"/staff/login", "/staff/logout"}
# Case content: words that appear only in the case under test.
ITEM_WORDS = "Zanzibarquokka"  # the resident's own words
UPDATE_WORDS = "Updateocelot"  # more information they sent
TITLE_WORDS = "Titlewombat"  # the officer's summary
NOTE_WORDS = "Notepangolin"  # an internal note
SPECIAL_WORDS = "Xylophonemarmot"  # a special-category case's words
CASE_PAGES = ("/staff/cases", "/staff/people")
# Analysts label feedback for the models: the item page and the learning queues show them an
# item's own words (but never a case's notes, title or a special-category case).
ANALYST_ITEM_ENDPOINTS = ("feedback_staff.",)


def make_case(item, *, title="", special_category=False):
    """The item's case (opened by the intake hook, or here), with `title` and category set."""
    case = access.case_of_item(item)
    if case is None:
        case = Case.create(reference=item.reference, service=item.service_id, person=item.person_id,
                           anonymous=item.anonymous, received_at=item.received_at)
        CaseItem.create(case=case, item=item)
    Case.update(title=title, special_category=special_category).where(Case.id == case.id).execute()
    return Case.get_by_id(case.id)


@dataclass
class World:
    case: Case
    item: object
    special: Case
    special_item: object
    officer: object
    flag_id: int

    def ids(self, special=False):
        case, item = (self.special, self.special_item) if special else (self.case, self.item)
        return {"case": case.id, "item": item.id, "person": item.person_id, "user": self.officer.id,
                "flag": self.flag_id, "update": FeedbackUpdate.get(FeedbackUpdate.item == item).id,
                "event": CaseEvent.select().where(CaseEvent.case == case).order_by(CaseEvent.id).first().id}

    def markers(self, special=False):
        if special:
            return {"text": SPECIAL_WORDS, "reference": self.special.reference}
        return {"text": ITEM_WORDS, "reference": self.case.reference, "update": UPDATE_WORDS,
                "title": TITLE_WORDS, "note": NOTE_WORDS}


@pytest.fixture
def world(app):
    from app.learning.models import ModelVersion, Prediction, SafeguardingFlag

    officer = create_user(COMPLAINTS_OFFICER, password=PASSWORD)
    item = create_feedback(text=f"The kerb outside number 12 is broken. {ITEM_WORDS} ignored it.",
                           person=create_person(name="Ada Kerbside"))
    case = make_case(item, title=f"Broken kerb {TITLE_WORDS}")
    special_item = create_feedback(text=f"My mental health condition {SPECIAL_WORDS} means I need help.",
                                   person=create_person(name="Bea Private"))
    special = make_case(special_item, title=f"Care needs {SPECIAL_WORDS}", special_category=True)
    for target, words in ((item, UPDATE_WORDS), (special_item, SPECIAL_WORDS)):
        FeedbackUpdate.create(item=target, channel="email", text=f"More: {words}")
    for target, words in ((case, NOTE_WORDS), (special, SPECIAL_WORDS)):
        CaseEvent.create(case=target, kind="note", actor=officer, body=f"Note {words}", summary="Note added")
    # On the learning queues too: unsure predictions (review queue) and a safeguarding flag.
    version = ModelVersion.create(task="sentiment", version="test-1", status="champion")
    for target in (item, special_item):
        Prediction.create(item=target, model_version=version, sentiment="negative", sentiment_score=0.3)
    flag = SafeguardingFlag.create(item=special_item, reasons=json.dumps(["Health"]),
                                   evidence=json.dumps([SPECIAL_WORDS]), score=0.9)
    return World(case, item, special, special_item, officer, flag.id)


def staff_rules(app):
    return sorted((rule for rule in app.url_map.iter_rules()
                   if (rule.rule == "/staff" or rule.rule.startswith("/staff/")) and rule.rule not in OPEN),
                  key=lambda rule: rule.rule)


def fill(rule, ids):
    """The rule's path with every argument set to a real id (by the argument's name)."""
    def value(match):
        name = match.group(1)
        for key, ident in ids.items():
            if key in name:
                return str(ident)
        return "1" if name.endswith("id") else "x"

    return re.sub(r"<(?:[^<>:]+:)?([^<>]+)>", value, rule.rule)


def is_case_page(rule):
    return rule.rule.startswith(CASE_PAGES)


def csrf(client):
    from tests.web import csrf_token

    return csrf_token(client, "/staff/password")


def leaks(app, client, world, special, allowed=lambda rule, marker: False, methods=("GET",)):
    """Every (page, marker) where the case's content shows, and any page that fails."""
    found, ids, markers = [], world.ids(special), world.markers(special)
    token = csrf(client) if "POST" in methods else None
    for rule in staff_rules(app):
        path = fill(rule, ids)
        for method in methods:
            if method not in rule.methods:
                continue
            if method == "GET":
                response = client.get(path)
            else:
                response = client.post(path, data={"csrf_token": token})
            if response.status_code >= 500:
                found.append(f"{method} {path}: {response.status_code}")
            html = response.get_data(as_text=True)
            for name, marker in markers.items():
                if marker in html and not allowed(rule, name):
                    found.append(f"{method} {path} ({rule.endpoint}) shows the case's {name}")
    return found


# -- anonymous ------------------------------------------------------------------------------

def test_anonymous_visitors_are_sent_to_sign_in_from_every_staff_route(app, client, world):
    wrong = []
    from tests.web import csrf_token

    token = csrf_token(client, "/staff/login")  # a valid token: the role check must answer
    for rule in staff_rules(app):
        path = fill(rule, world.ids())
        for method in ("GET", "POST"):
            if method in rule.methods:
                response = client.open(path, method=method, data={"csrf_token": token})
                location = urlparse(response.headers.get("Location", "")).path
                if response.status_code != 302 or location != "/staff/login":
                    wrong.append(f"{method} {path}: {response.status_code} {location}")
                if world.case.reference in response.get_data(as_text=True):
                    wrong.append(f"{method} {path} shows the reference")
    assert not wrong, "\n".join(wrong)


# -- roles that must not see the case -------------------------------------------------------

@pytest.mark.parametrize("role", [ANALYST, PANEL_FACILITATOR])
def test_analysts_and_facilitators_have_no_case_pages(app, world, role):
    client = signed_in(app, role)
    token = csrf(client)
    wrong = []
    for rule in staff_rules(app):
        if not is_case_page(rule):
            continue
        for special in (False, True):
            path = fill(rule, world.ids(special))
            for method in ("GET", "POST") if "POST" in rule.methods else ("GET",):
                if method not in rule.methods:
                    continue
                response = client.open(path, method=method, data={"csrf_token": token})
                if response.status_code != 403:
                    wrong.append(f"{method} {path}: {response.status_code}")
    assert not wrong, "\n".join(wrong)


def test_a_service_lead_for_another_service_sees_nothing_of_the_case(app, world):
    client = signed_in(app, SERVICE_LEAD, services=["parking"])
    found = leaks(app, client, world, special=False)
    found += leaks(app, client, world, special=True)
    assert not found, "\n".join(found)


def test_a_panel_facilitator_sees_nothing_of_any_case(app, world):
    client = signed_in(app, PANEL_FACILITATOR)
    found = leaks(app, client, world, special=False) + leaks(app, client, world, special=True)
    assert not found, "\n".join(found)


def test_an_analyst_sees_feedback_words_but_no_case(app, world):
    client = signed_in(app, ANALYST)

    def item_page(rule, marker):  # the item's own words and reference, on the labelling pages
        return marker in ("text", "reference") and rule.endpoint.startswith(ANALYST_ITEM_ENDPOINTS)

    found = leaks(app, client, world, special=False, allowed=item_page)
    found += leaks(app, client, world, special=True)
    assert not found, "\n".join(found)


def test_nothing_changes_when_those_roles_post_to_case_routes(app, world):
    before = (CaseEvent.select().count(), [c.__data__ for c in Case.select().order_by(Case.id)])
    for role, services in ((SERVICE_LEAD, ["parking"]), (SERVICE_LEAD, ["highways"]),
                           (ANALYST, []), (PANEL_FACILITATOR, [])):
        client = signed_in(app, role, services=services)
        token = csrf(client)
        for rule in staff_rules(app):
            if is_case_page(rule) and "POST" in rule.methods:
                for special in (False, True):
                    response = client.post(fill(rule, world.ids(special)), data={"csrf_token": token})
                    assert response.status_code in (403, 404), (role, services, rule.rule,
                                                                response.status_code)
    after = (CaseEvent.select().count(), [c.__data__ for c in Case.select().order_by(Case.id)])
    assert after == before


# -- the case's own service lead: read-only, never special category ---------------------------

def test_the_service_lead_for_the_case_can_view_but_not_change(app, world):
    lead = signed_in(app, SERVICE_LEAD, services=["highways"]).user
    assert access.can_view(lead, world.case) and not access.can_change(lead, world.case)
    assert world.case in list(access.visible_cases(lead))
    client = signed_in(app, SERVICE_LEAD, services=["highways"])
    case_page = [r for r in staff_rules(app) if re.fullmatch(r"/staff/cases/<(int:)?\w+>", r.rule)]
    for rule in case_page:  # the case page, once it is in place
        response = client.get(fill(rule, world.ids()))
        assert response.status_code == 200 and ITEM_WORDS in response.get_data(as_text=True)
    failures = leaks(app, client, world, special=False, allowed=lambda *_: True)
    assert not failures, "\n".join(failures)


def test_special_category_cases_are_hidden_from_service_leads(app, world):
    client = signed_in(app, SERVICE_LEAD, services=["highways"])
    lead = client.user
    assert not access.can_view(lead, world.special)
    assert world.special not in list(access.visible_cases(lead))
    found = leaks(app, client, world, special=True)
    assert not found, "\n".join(found)


def test_officers_see_every_case_and_pages_never_fail(app, world):
    client = signed_in(app, COMPLAINTS_OFFICER)
    officer = client.user
    assert {world.case, world.special} <= set(access.visible_cases(officer))
    assert access.can_change(officer, world.special)
    failures = leaks(app, client, world, special=False, allowed=lambda *_: True)
    failures += leaks(app, client, world, special=True, allowed=lambda *_: True)
    assert not failures, "\n".join(failures)


def test_every_look_at_a_case_page_is_audited(app, world):
    from app.audit.models import AuditEvent

    def views(case):
        return AuditEvent.select().where(AuditEvent.action == "case.viewed",
                                         AuditEvent.object_type == "case_record",
                                         AuditEvent.object_id == str(case.id)).count()

    pages = [r for r in staff_rules(app) if re.fullmatch(r"/staff/cases/<(int:)?\w+>(/audit)?", r.rule)]
    for client, case in ((signed_in(app, COMPLAINTS_OFFICER), world.special),
                         (signed_in(app, SERVICE_LEAD, services=["highways"]), world.case)):
        for rule in pages:
            if client.user.role in rule_roles(app, rule):
                before = views(case)
                assert client.get(fill(rule, world.ids(case == world.special))).status_code == 200
                assert views(case) == before + 1, (client.user.role, rule.rule)


def rule_roles(app, rule):
    return getattr(app.view_functions[rule.endpoint], "allowed_roles", ())


@pytest.mark.parametrize("role", [ANALYST, PANEL_FACILITATOR])
def test_roles_without_case_pages_see_no_cases_in_queries(app, world, role):
    user = create_user(role)
    assert list(access.visible_cases(user)) == []
    assert not access.can_view(user, world.case) and not access.can_change(user, world.case)
    assert list(access.visible_items(user)) == []


# -- the case audit trail -----------------------------------------------------------------------

def test_case_views_are_audited_and_shown_on_the_audit_trail(app, world):
    from app.audit.models import AuditEvent

    client = signed_in(app, COMPLAINTS_OFFICER)
    response = client.get(f"/staff/cases/{world.case.id}/audit")
    assert response.status_code == 200
    viewed = AuditEvent.select().where(AuditEvent.action == "case.viewed",
                                       AuditEvent.object_id == str(world.case.id))
    assert viewed.count() == 1 and viewed.get().actor_id == client.user.id
    html = client.get(f"/staff/cases/{world.case.id}/audit").get_data(as_text=True)
    assert html.count("case.viewed") == 2 and client.user.email in html
    assert client.get(f"/staff/cases/{world.case.id + 1000}/audit").status_code == 404


@pytest.mark.parametrize("role,services", [(SERVICE_LEAD, ["highways"]), (SERVICE_LEAD, ["parking"]),
                                           (ANALYST, []), (PANEL_FACILITATOR, [])])
def test_only_officers_and_administrators_see_the_audit_trail(app, world, role, services):
    client = signed_in(app, role, services=services)
    assert client.get(f"/staff/cases/{world.case.id}/audit").status_code == 403


def test_case_or_404_hides_cases_the_user_may_not_see(app, world):
    from werkzeug.exceptions import NotFound

    lead = create_user(SERVICE_LEAD, services=["highways"])
    assert access.case_or_404(world.case.id, user=lead) == world.case
    for case_id in (world.special.id, world.case.id + 1000, "nonsense", 2 ** 40, -1, None):
        with pytest.raises(NotFound):
            access.case_or_404(case_id, user=lead)
