"""Feedback in other languages: detected in the worker, stored with its language, shown to
officers with that label, and the models say "unsure: language" rather than guess (and the
figures never count that as neutral)."""
import pytest

from app.feedback.models import FeedbackItem
from app.learning import current, review
from app.learning.models import ItemTopic, Prediction, ServiceRouting
from classifiers import language
from tests.factories import create_feedback
from tests.learning.language_samples import SAMPLES, SHORT_ENGLISH

POLISH = "Śmieci nie były odbierane od dwóch tygodni i nikt nie odpowiada na telefon"
WELSH = "Mae'r biniau heb eu casglu ers pythefnos a does neb wedi ateb fy e-bost"
ENGLISH = "The bins have not been collected for two weeks and nobody answers the phone"


@pytest.mark.parametrize("text", SHORT_ENGLISH)
def test_short_english_is_never_called_another_language(text):
    assert not language.is_foreign(language.detect(text).code)


def test_the_labelled_set_is_mostly_recognised_and_never_as_english():
    right = total = 0
    for code, texts in SAMPLES.items():
        for text in texts:
            found = language.detect(text).code
            total += 1
            right += found == code
            if code != "en":
                assert found != "en", text  # another language is never taken for English
            else:
                assert found in ("en", ""), text
    assert right / total >= 0.95


def test_names_are_plain_and_welsh_in_both_languages():
    assert language.language_name("pl") == "Polish"
    assert language.language_name("cy") == "Cymraeg / Welsh"
    assert language.language_name("") == ""
    assert language.detect("Dziękuję bardzo za pomoc w sprawie podatku").code == "pl"


def _latest(item):
    return Prediction.select().where(Prediction.item == item).order_by(Prediction.id.desc()).first()


def test_polish_feedback_is_stored_with_its_language_and_the_models_are_unsure():
    item = create_feedback(text=POLISH, service_slug=None)
    item = FeedbackItem.get_by_id(item.id)
    assert item.classification_status == "done"
    assert item.language == "pl" and item.language_confidence >= language.CONFIDENT
    prediction = _latest(item)
    assert prediction.unsure_words == "unsure: language"
    assert prediction.sentiment == "unsure" and prediction.sentence_list == []
    assert ItemTopic.select().where(ItemTopic.item == item, ItemTopic.source == "model").count() == 0
    assert not ServiceRouting.select().where(ServiceRouting.item == item).exists()  # no routing on a guess
    assert current.sentiments([item.id]) == {}  # counted as no sentiment, never neutral
    waiting = [row.id for row in review.queue()]
    assert item.id in waiting  # an officer answers instead


def test_english_feedback_is_english_and_classified_as_before():
    item = FeedbackItem.get_by_id(create_feedback(text=ENGLISH).id)
    assert item.language == "en"
    prediction = _latest(item)
    assert prediction.unsure == "" and prediction.sentiment in ("negative", "neutral", "positive")
    assert current.sentiments([item.id]) == {item.id: prediction.sentiment}


def test_short_feedback_is_unknown_and_classified_as_before():
    item = FeedbackItem.get_by_id(create_feedback(text="A&E").id)
    assert item.language == "" and item.language_confidence is None
    assert _latest(item).unsure == ""


def test_an_officers_sentiment_counts_for_an_item_in_another_language(signed_in):
    item = create_feedback(text=POLISH)
    client, _ = signed_in("complaints_officer")
    page = f"/staff/feedback/{item.id}"
    from tests.web import csrf_token

    response = client.post(f"{page}/sentiment", data={"sentiment": "negative", "csrf_token": csrf_token(client, page)})
    assert response.status_code == 302
    assert current.sentiments([item.id]) == {item.id: "negative"}


def test_item_page_says_written_in_polish_and_shows_no_guess(signed_in):
    item = create_feedback(text=POLISH)
    client, _ = signed_in("complaints_officer")
    response = client.get(f"/staff/feedback/{item.id}")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert ("Written in Polish — the models were not trained on Polish; check the sentiment and topics "
            "yourself") in html
    assert "unsure: language" in html
    assert "sure)" not in html  # no confident percentage for a guess
    assert 'value="_none" checked' not in html  # "No theme applies" is not pre-ticked


def test_item_page_says_cymraeg_welsh(signed_in):
    item = create_feedback(text=WELSH)
    assert FeedbackItem.get_by_id(item.id).language == "cy"
    client, _ = signed_in("complaints_officer")
    html = client.get(f"/staff/feedback/{item.id}").get_data(as_text=True)
    assert "Written in Cymraeg / Welsh — the models were not trained on Cymraeg / Welsh" in html


def test_english_item_page_has_no_language_label(signed_in):
    item = create_feedback(text=ENGLISH)
    client, _ = signed_in("complaints_officer")
    html = client.get(f"/staff/feedback/{item.id}").get_data(as_text=True)
    assert "Written in" not in html and "unsure: language" not in html


def test_review_queue_shows_unsure_language(signed_in):
    item = create_feedback(text=POLISH)
    client, _ = signed_in("complaints_officer")
    response = client.get("/staff/feedback/review")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert item.reference in html and "unsure: language" in html
