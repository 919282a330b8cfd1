"""The staff pages: the item page and one-click corrections, the queues, and who may see what."""
import re

import pytest

from app.audit.models import AuditEvent
from app.learning.models import ItemTopic, OfficerLabel, SafeguardingFlag
from tests.factories import create_feedback
from tests.web import csrf_token, h1_count, title_starts_with_h1

GET_PAGES = ["/staff/feedback/review", "/staff/feedback/urgent", "/staff/learning/models",
             "/staff/learning/taxonomy", "/staff/learning/emerging"]
URGENT_TEXT = ("My mum is 89 and has dementia. The carers haven't turned up since Friday. "
               "She is on her own and I am worried she will come to harm. Please go round today.")


def _post(client, url, data, page):
    return client.post(url, data=dict(data, csrf_token=csrf_token(client, page)))


def test_item_page_shows_the_words_first_then_the_models_view(signed_in):
    item = create_feedback(text="The staff were lovely. But the wait was awful and nobody rang back.")
    client, _ = signed_in("complaints_officer")
    html = client.get(f"/staff/feedback/{item.id}").get_data(as_text=True)
    assert h1_count(html) == 1 and title_starts_with_h1(html)[0]
    words = html.index("The staff were lovely")
    assert words < html.index("Sentiment") < html.index("Service area") < html.index("Themes")
    assert html.count('class="heard-sentence ') == 2  # one per sentence, each labelled
    assert 'name="sentiment"' in html and 'name="service_area"' in html and 'name="themes"' in html


def test_correction_creates_labels_per_head_officer_rows_and_audit(signed_in):
    from app.feedback.models import FeedbackItem

    item = create_feedback(text="The bin men were rude to me.", service_slug="highways")
    client, user = signed_in("complaints_officer")
    page = f"/staff/feedback/{item.id}"
    response = _post(client, f"{page}/sentiment", {"sentiment": "negative"}, page)
    assert response.status_code == 302
    response = _post(client, f"{page}/service", {"service_area": "waste-recycling"}, page)
    assert response.status_code == 302
    response = _post(client, f"{page}/themes", {"themes": ["staff-attitude", "delay"]}, page)
    assert response.status_code == 302
    labels = {(l.task, l.value) for l in OfficerLabel.select().where(OfficerLabel.superseded == False)}  # noqa: E712
    assert labels == {("sentiment", "negative"), ("service", "waste-recycling"), ("theme", "staff-attitude"),
                      ("theme", "delay")}
    officer = {(t.head, t.topic.key) for t in ItemTopic.select().where(ItemTopic.item == item,
                                                                       ItemTopic.source == "officer")}
    assert officer == {("service", "waste-recycling"), ("theme", "staff-attitude"), ("theme", "delay")}
    assert FeedbackItem.get_by_id(item.id).service.slug == "waste-recycling"  # the item's service follows
    actions = {e.action for e in AuditEvent.select().where(AuditEvent.actor_id == user.id)}
    assert {"learning.sentiment_labelled", "learning.service_labelled", "learning.themes_labelled"} <= actions
    html = client.get(page).get_data(as_text=True)
    assert "Waste &amp; Recycling</strong> (chosen by an officer)" in html
    assert "Delay, Staff attitude (chosen by an officer)" in html
    # "No theme applies" is an answer too; the themes are replaced, the service area stays
    assert _post(client, f"{page}/themes", {"themes": ["_none"]}, page).status_code == 302
    current = {(l.task, l.value) for l in OfficerLabel.select().where(OfficerLabel.superseded == False)}  # noqa: E712
    assert current == {("sentiment", "negative"), ("service", "waste-recycling"), ("theme", "")}
    assert "None apply (chosen by an officer)" in client.get(page).get_data(as_text=True)
    # a second correction supersedes the first
    _post(client, f"{page}/sentiment", {"sentiment": "neutral"}, page)
    current = OfficerLabel.select().where(OfficerLabel.task == "sentiment", OfficerLabel.superseded == False)  # noqa: E712
    assert [l.value for l in current] == ["neutral"]


@pytest.mark.parametrize("url, data, message", [
    ("themes", {"themes": ["not-a-topic"]}, "Select themes from the list"),
    ("themes", {"themes": ["highways"]}, "Select themes from the list"),  # a service area is not a theme
    ("themes", {}, "Select the themes that apply, or ‘No theme applies’"),
    ("themes", {"themes": ["delay", "_none"]}, "not both"),
    ("service", {"service_area": "delay"}, "Select a service area from the list"),  # nor the other way
    ("service", {}, "Select the service area"),
    ("sentiment", {"sentiment": "furious"}, "Select negative, neutral or mixed, or positive"),
])
def test_bad_corrections_get_a_govuk_error_and_store_nothing(signed_in, url, data, message):
    item = create_feedback(text="The road is flooded.")
    client, _ = signed_in("complaints_officer")
    page = f"/staff/feedback/{item.id}"
    response = _post(client, f"{page}/{url}", data, page)
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "There is a problem" in html and "<title>Error:" in html
    assert message in html
    assert OfficerLabel.select().count() == 0


def test_safeguarding_flag_appears_in_the_urgent_queue_with_its_reason(signed_in):
    item = create_feedback(text=URGENT_TEXT, service_slug="adult-social-care")
    flag = SafeguardingFlag.get(SafeguardingFlag.item == item)
    assert flag.reason_list
    client, _ = signed_in("complaints_officer")
    html = client.get("/staff/feedback/urgent").get_data(as_text=True)
    assert item.reference in html and flag.reason_list[0] in html
    assert "Possible safeguarding concern" in client.get(f"/staff/feedback/{item.id}").get_data(as_text=True)
    _post(client, f"/staff/feedback/urgent/{flag.id}/reviewed", {"decision": "not_concern"}, "/staff/feedback/urgent")
    assert SafeguardingFlag.get_by_id(flag.id).status == "reviewed"
    assert f"/urgent/{flag.id}/reviewed" not in client.get("/staff/feedback/urgent").get_data(as_text=True)
    assert AuditEvent.select().where(AuditEvent.action == "learning.safeguarding_flagged").exists()


@pytest.mark.parametrize("url", GET_PAGES + ["/staff/feedback/1"])
def test_anonymous_visitors_are_sent_to_sign_in(client, url):
    create_feedback()
    response = client.get(url)
    assert response.status_code == 302 and "/staff/login" in response.headers["Location"]


def test_panel_facilitators_are_refused_everywhere(signed_in):
    item = create_feedback()
    client, _ = signed_in("panel_facilitator")
    for url in GET_PAGES + [f"/staff/feedback/{item.id}"]:
        assert client.get(url).status_code == 403, url
    response = _post(client, f"/staff/feedback/{item.id}/sentiment", {"sentiment": "negative"}, "/staff/")
    assert response.status_code == 403


def test_service_leads_read_their_own_services_only(signed_in):
    mine = create_feedback(service_slug="highways")
    theirs = create_feedback(service_slug="libraries")
    client, _ = signed_in("service_lead", services=["highways"])
    html = client.get(f"/staff/feedback/{mine.id}").get_data(as_text=True)
    assert mine.reference in html and 'name="sentiment"' not in html  # read-only
    assert client.get(f"/staff/feedback/{theirs.id}").status_code == 404  # its existence is not revealed
    response = _post(client, f"/staff/feedback/{mine.id}/sentiment", {"sentiment": "negative"}, "/staff/")
    assert response.status_code == 403
    for url in GET_PAGES:
        assert client.get(url).status_code == 403, url


@pytest.mark.parametrize("role", ["administrator", "complaints_officer", "analyst"])
def test_pages_open_for_their_roles(signed_in, role):
    client, _ = signed_in(role)
    for url in GET_PAGES:
        response = client.get(url)
        html = response.get_data(as_text=True)
        assert response.status_code == 200 and h1_count(html) == 1 and title_starts_with_h1(html)[0], url
    home = client.get("/staff/").get_data(as_text=True)
    assert all(url in home for url in GET_PAGES)


def test_item_page_404s_for_a_missing_item(signed_in):
    client, _ = signed_in("administrator")
    assert client.get("/staff/feedback/999999").status_code == 404


def test_taxonomy_is_managed_by_administrators(signed_in):
    from app.learning.models import Topic

    client, _ = signed_in("administrator")
    page = "/staff/learning/taxonomy/new"
    response = _post(client, page, {"name": "", "kind": "theme", "service": "0"}, page)
    assert response.status_code == 200 and "Enter a name for the topic" in response.get_data(as_text=True)
    response = _post(client, page, {"name": "Noise", "description": "Noise from roadworks", "kind": "theme",
                                    "service": "0"}, page)
    assert response.status_code == 302
    topic = Topic.get(Topic.name == "Noise")
    assert topic.key == "noise" and topic.active
    edit = f"/staff/learning/taxonomy/{topic.id}"
    _post(client, edit, {"name": "Noise", "description": "", "kind": "theme", "service": "0"}, edit)
    assert not Topic.get_by_id(topic.id).active  # the box was left unticked
    officer, _ = signed_in("complaints_officer")
    assert officer.get(page).status_code == 403 and officer.get(edit).status_code == 403
    assert re.search(r"Noise", officer.get("/staff/learning/taxonomy").get_data(as_text=True))
