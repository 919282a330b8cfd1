"""The review queue: its total, its pages (robust to any ?page=), and one click per head that
confirms the model's answer or gives one of the alternatives beside it."""
import pytest

from app.learning import review
from app.learning.models import ItemTopic, OfficerLabel, Prediction
from tests.factories import create_feedback
from tests.html import parse
from tests.web import csrf_token, h1_count, title_starts_with_h1

URL = "/staff/feedback/review"


@pytest.fixture
def everything_unsure(monkeypatch):
    """Every item's sentiment counts as unsure, whatever the tiny model says."""
    monkeypatch.setattr(review, "REVIEW_SENTIMENT_BELOW", 1.01)


def _forms(html, item_id, head):
    """The buttons (value, text) of one head's one-click form for one item."""
    block = parse(html).find(id=f"item-{item_id}").find(data_head=head)
    form = block.find("form")
    return [(b.attrs["value"], b.text) for b in form.find_all("button")] if form else []


def _click(client, item_id, head, value, page=1):
    token = csrf_token(client, URL)
    return client.post(f"/staff/feedback/{item_id}/confirm",
                       data={"csrf_token": token, "head": head, "value": value, "page": page})


def test_the_queue_shows_its_total_and_pages_of_25(signed_in, everything_unsure):
    items = [create_feedback(text=f"Parking permit question number {n}.") for n in range(27)]
    client, _ = signed_in("complaints_officer")
    html = client.get(URL).get_data(as_text=True)
    assert "27 items to review · page 1 of 2" in html and h1_count(html) == 1 and title_starts_with_h1(html)[0]
    page = parse(html)
    assert len(page.find_all("li", cls="heard-review__item")) == 25
    nav = page.find("nav", cls="govuk-pagination")
    assert nav.find(aria_current="page").text == "1"
    assert nav.find("a", rel="next").href.endswith("page=2") and not nav.find("a", rel="prev")
    second = parse(client.get(f"{URL}?page=2").get_data(as_text=True))
    shown = [li.id for li in second.find_all("li", cls="heard-review__item")]
    assert shown == [f"item-{items[25].id}", f"item-{items[26].id}"]  # oldest first, continuing
    for junk in ("abc", "-1", "0", "2.5", "99999999999999999999", "%00", ""):
        response = client.get(URL, query_string={"page": junk})
        assert response.status_code == 200, junk
    assert "page 2 of 2" in client.get(f"{URL}?page=999").get_data(as_text=True)  # clamped to the last


def test_confirm_sits_beside_the_alternatives_and_either_is_one_click(signed_in, everything_unsure):
    item = create_feedback(text="The bins were not collected and nobody rang back.")
    prediction = Prediction.get(Prediction.item == item)
    client, _ = signed_in("complaints_officer")
    html = client.get(URL).get_data(as_text=True)
    sentiment = _forms(html, item.id, "sentiment")
    said = prediction.sentiment
    assert sentiment[0][0] == said and sentiment[0][1].startswith("Confirm")
    assert {value for value, _ in sentiment} == {"negative", "neutral", "positive"}
    services = [row for row in ItemTopic.select().where(ItemTopic.item == item, ItemTopic.head == "service")
                .order_by(ItemTopic.confidence.desc())]
    buttons = _forms(html, item.id, "service")
    assert buttons[0] == (services[0].topic.key, f"Confirm {services[0].topic.name} (service area of {item.reference})")
    assert [value for value, _ in buttons[1:]] == [row.topic.key for row in services[1:]]
    # one click on an alternative: the officer's answer is the alternative, not the model's
    other = next(value for value in ("negative", "neutral", "positive") if value != said)
    assert _click(client, item.id, "sentiment", other).status_code == 302
    assert _click(client, item.id, "service", services[1].topic.key).status_code == 302
    answers = {(l.task, l.value) for l in OfficerLabel.select().where(OfficerLabel.item == item)}
    assert answers == {("sentiment", other), ("service", services[1].topic.key)}
    html = client.get(URL).get_data(as_text=True)
    if f'id="item-{item.id}"' in html:  # still waiting for its themes, answered heads show the officer's
        assert not _forms(html, item.id, "sentiment") and not _forms(html, item.id, "service")
        assert f"officer: {services[1].topic.name}" in html


def test_themes_are_ticked_and_unticked_in_one_click(signed_in, everything_unsure):
    item = create_feedback(text="I waited weeks for a reply and the staff were rude.")
    ItemTopic.delete().where(ItemTopic.item == item, ItemTopic.head == "theme").execute()
    version = Prediction.get(Prediction.item == item).theme_model_version
    from app.learning.models import Topic

    def row(key, confidence, assigned):
        ItemTopic.create(item=item, topic=Topic.get(Topic.key == key), confidence=confidence, source="model",
                         head="theme", assigned=assigned, model_version=version)

    row("delay", 0.81, True)
    row("staff-attitude", 0.44, False)
    client, _ = signed_in("analyst")
    buttons = dict(_forms(client.get(URL).get_data(as_text=True), item.id, "theme"))
    assert buttons["delay"].startswith("Confirm Delay")
    assert buttons["delay,staff-attitude"].startswith("Add Staff attitude (44%)")
    assert buttons[""].startswith("Remove Delay")
    assert _click(client, item.id, "theme", "delay,staff-attitude").status_code == 302
    assert {l.value for l in OfficerLabel.select().where(OfficerLabel.item == item, OfficerLabel.task == "theme")} \
        == {"delay", "staff-attitude"}
    assert _click(client, item.id, "theme", "").status_code == 302  # "none apply" is one click too
    current = OfficerLabel.select().where(OfficerLabel.item == item, OfficerLabel.task == "theme",
                                          OfficerLabel.superseded == False)  # noqa: E712
    assert [l.value for l in current] == [""]


def test_a_bad_click_stores_nothing(signed_in, everything_unsure):
    item = create_feedback(text="Something about the library.")
    client, _ = signed_in("complaints_officer")
    for head, value in (("service", "delay"), ("theme", "highways"), ("sentiment", "furious"), ("nonsense", "x")):
        response = _click(client, item.id, head, value, page="junk")
        assert response.status_code == 302 and response.headers["Location"].endswith(URL)
    assert OfficerLabel.select().count() == 0
    response = client.post(f"/staff/feedback/{item.id}/confirm", data={"head": "sentiment", "value": "neutral"})
    assert response.status_code in (302, 400) and OfficerLabel.select().count() == 0  # no CSRF token


def test_an_empty_queue_says_so(signed_in):
    client, _ = signed_in("administrator")
    html = client.get(URL).get_data(as_text=True)
    assert "0 items to review" in html and "Nothing to review" in html
