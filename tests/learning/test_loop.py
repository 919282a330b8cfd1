"""The learning loop with real (tiny) models: a challenger is promoted only when it beats the
champion on held-out officer labels; every version is kept; rollback; idempotent reclassify."""
from app.learning import labels, loop, runtime
from app.learning.models import ModelVersion, Prediction
from app.learning.tasks import reclassify, train_challenger
from tests.factories import create_feedback, create_user

POSITIVE = ["Thank you so much, the staff were lovely and kind.", "Brilliant, really helpful crew, great job.",
            "Excellent service, thanks, amazing and friendly.", "Lovely library staff, very helpful, thank you.",
            "Great, the repair was quick, thanks a lot.", "Fab service, kind and helpful staff, brilliant.",
            "Really good, thank you for the help.", "Amazing and friendly nurse, thanks so much.",
            "Excellent, helpful and kind, thank you.", "Brilliant and lovely, great help, thanks."]
NEGATIVE = ["Awful, rude staff and terrible service.", "Terrible, I waited weeks, really bad and slow.",
            "Bad service, the crew were rude and awful.", "Disgusting, dirty and unsafe, terrible.",
            "Awful website, never works, really bad.", "Rude and unhelpful, terrible and awful.",
            "Terrible delay, bad communication, awful.", "Poor, slow, rude and bad.",
            "Awful, unsafe road, terrible and dangerous.", "Really bad, awful and rude, worse than ever."]
NEUTRAL = ["Please send the parking permit form.", "When are the bins collected on Tuesday?",
           "The library opens at nine on Saturday.", "Can you tell me about the council tax letter?",
           "I would like information about school transport.", "What time is the appointment?",
           "Please call me about the housing form.", "Where is the street light on Mill Lane?",
           "Is the park open on Sunday?", "How do I apply for a bus pass?"]


def _label_everything(officer):
    for label, texts in (("positive", POSITIVE), ("negative", NEGATIVE), ("neutral", NEUTRAL)):
        for text in texts:
            labels.label_sentiment(create_feedback(text=text), label, actor=officer)


def _bad_champion(encoder):
    """Replace the sentiment champion with one trained on swapped labels."""
    from classifiers.sentiment import SentimentModel

    swap = {"positive": "negative", "negative": "positive", "neutral": "neutral"}
    texts = POSITIVE[:4] + NEGATIVE[:4] + NEUTRAL[:4]
    truth = ["positive"] * 4 + ["negative"] * 4 + ["neutral"] * 4
    model = SentimentModel.train(texts, [swap[t] for t in truth], encoder)
    champion = runtime.champion("sentiment")
    champion.blob = model.to_bytes()
    champion.save()
    runtime.reset()


def test_too_few_labels_records_a_rejected_attempt():
    assert train_challenger("topic").get() == "rejected"
    attempt = ModelVersion.get(ModelVersion.task == "topic", ModelVersion.status == "rejected")
    assert "at least 10" in attempt.notes and attempt.blob is None


def test_better_challenger_is_promoted_then_rollback_and_reclassify(tiny_models):
    officer = create_user()
    _label_everything(officer)
    _bad_champion(tiny_models)
    first = runtime.champion("sentiment")
    assert train_challenger("sentiment").get() == "champion"
    new = runtime.champion("sentiment")
    assert new.id != first.id
    metrics = new.metrics_dict
    assert metrics["macro_f1"] >= metrics["champion_macro_f1"] + loop.MIN_GAIN
    assert new.training_count == 24 and metrics["holdout"] == 6
    assert ModelVersion.get_by_id(first.id).status == "retired"
    # promotion re-classified every item with the new champion
    latest = {p.item_id: p for p in Prediction.select().order_by(Prediction.id)}
    assert latest and all(p.model_version_id == new.id for p in latest.values())

    # the same labels again: no better, so not promoted, but kept
    assert train_challenger("sentiment").get() == "rejected"
    assert runtime.champion("sentiment").id == new.id
    assert ModelVersion.select().where(ModelVersion.task == "sentiment").count() == 3

    loop.roll_back(ModelVersion.get_by_id(first.id), actor=create_user(role="administrator"))
    assert runtime.champion("sentiment").id == first.id
    latest = {p.item_id: p for p in Prediction.select().order_by(Prediction.id)}
    assert all(p.model_version_id == first.id for p in latest.values())
    count = Prediction.select().count()
    assert reclassify("sentiment").get() == 0  # idempotent: nothing left to do
    assert Prediction.select().count() == count


def test_models_page_train_and_rollback_roles(signed_in):
    from tests.web import csrf_token

    admin, _ = signed_in("administrator")
    analyst, _ = signed_in("analyst")
    create_feedback(text="Something to classify.")
    html = admin.get("/staff/learning/models").get_data(as_text=True)
    assert "sentiment-1" in html and "Train a sentiment challenger now" in html
    token = csrf_token(analyst, "/staff/learning/models")
    assert analyst.post("/staff/learning/models/train", data={"task": "topic", "csrf_token": token}).status_code == 302
    assert ModelVersion.select().where(ModelVersion.task == "topic", ModelVersion.status == "rejected").exists()
    retired = ModelVersion.create(task="sentiment", version="sentiment-old", blob=runtime.champion("sentiment").blob,
                                  status="retired", encoder_version=runtime.encoder().version)
    url = f"/staff/learning/models/{retired.id}/rollback"
    assert analyst.post(url, data={"csrf_token": token}).status_code == 403
    token = csrf_token(admin, "/staff/learning/models")
    assert admin.post(url, data={"csrf_token": token}).status_code == 302
    assert runtime.champion("sentiment").id == retired.id


def test_too_few_labels_again_adds_no_new_attempt():
    assert train_challenger("topic").get() == "rejected"
    assert train_challenger("topic").get() == "rejected"
    assert ModelVersion.select().where(ModelVersion.task == "topic",
                                       ModelVersion.status == "rejected").count() == 1


def test_zero_shot_topics_adapt_to_the_councils_feedback_once_there_is_enough(tiny_models):
    from app.learning.tasks import adapt_topics

    first = runtime.ensure_champions()[1]
    assert adapt_topics().get() is None  # nothing classified yet: nothing to adapt to
    for text in (POSITIVE + NEGATIVE + NEUTRAL) * 4:  # 120 items, classified as they arrive
        create_feedback(text=text)
    version = adapt_topics().get()
    assert version is not None and runtime.champion("topic").version == version
    champion = runtime.champion("topic")
    assert champion.id != first.id and "adapted to 120 items" in champion.notes
    assert ModelVersion.get_by_id(first.id).status == "retired"  # kept: can roll back
    assert runtime.load_topics(champion).meta["adapted_on"] == 120
    assert adapt_topics().get() is None  # no new feedback since: no new version
