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
    for task in ("service", "theme"):
        assert train_challenger(task).get() == "rejected"
        attempt = ModelVersion.get(ModelVersion.task == task, ModelVersion.status == "rejected")
        assert "at least 10" in attempt.notes and attempt.blob is None


def test_a_challenger_measured_on_a_handful_is_kept_but_not_promoted(tiny_models, monkeypatch):
    monkeypatch.setattr(loop, "MIN_HOLDOUT", 30)
    _label_everything(create_user())
    _bad_champion(tiny_models)
    first = runtime.champion("sentiment")
    assert train_challenger("sentiment").get() == "rejected"
    version = ModelVersion.select().order_by(ModelVersion.id.desc()).first()
    assert version.blob is not None
    assert version.metrics_dict["macro_f1"] > version.metrics_dict["champion_macro_f1"]
    assert "at least 30 held-out items are needed" in version.notes
    assert runtime.champion("sentiment").id == first.id


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
    assert "Train a service area challenger now" in html and "Train a themes challenger now" in html
    token = csrf_token(analyst, "/staff/learning/models")
    assert analyst.post("/staff/learning/models/train", data={"task": "theme", "csrf_token": token}).status_code == 302
    assert ModelVersion.select().where(ModelVersion.task == "theme", ModelVersion.status == "rejected").exists()
    assert analyst.post("/staff/learning/models/train", data={"task": "topic", "csrf_token": token}).status_code == 302
    assert not ModelVersion.select().where(ModelVersion.task == "topic").exists()
    retired = ModelVersion.create(task="sentiment", version="sentiment-old", blob=runtime.champion("sentiment").blob,
                                  status="retired", encoder_version=runtime.encoder().version)
    url = f"/staff/learning/models/{retired.id}/rollback"
    assert analyst.post(url, data={"csrf_token": token}).status_code == 403
    token = csrf_token(admin, "/staff/learning/models")
    assert admin.post(url, data={"csrf_token": token}).status_code == 302
    assert runtime.champion("sentiment").id == retired.id


def test_too_few_labels_again_adds_no_new_attempt():
    assert train_challenger("service").get() == "rejected"
    assert train_challenger("service").get() == "rejected"
    assert ModelVersion.select().where(ModelVersion.task == "service",
                                       ModelVersion.status == "rejected").count() == 1


def test_zero_shot_heads_adapt_to_the_councils_feedback_once_there_is_enough(tiny_models):
    from app.learning.tasks import adapt_topics

    first = runtime.ensure_champions()
    assert adapt_topics().get() == {"service": None, "theme": None}  # nothing classified yet
    for text in (POSITIVE + NEGATIVE + NEUTRAL) * 4:  # 120 items, classified as they arrive
        create_feedback(text=text)
    made = adapt_topics().get()
    for task in ("service", "theme"):
        champion = runtime.champion(task)
        assert made[task] == champion.version and champion.id != first[task].id
        assert "adapted to 120 items" in champion.notes
        assert ModelVersion.get_by_id(first[task].id).status == "retired"  # kept: can roll back
        assert runtime.load_head(champion).meta["adapted_on"] == 120
    assert adapt_topics().get() == {"service": None, "theme": None}  # nothing new since


SERVICE_TEXTS = {"highways": ["The pothole on the road is deep.", "Potholes on every road near the school.",
                              "The road is broken and dangerous.", "A pothole damaged my car on the road.",
                              "The road repair was poor.", "Street light and road both broken."],
                 "waste-recycling": ["My bin was not collected.", "The bins were missed again.",
                                     "Rubbish and waste left in the street.", "Recycling bin collection missed.",
                                     "The bin men left rubbish everywhere.", "Waste collection was late again."]}


def _label_heads(officer):
    """Twelve items with a service area each; half of them with Delay, half with no theme."""
    for key, texts in SERVICE_TEXTS.items():
        for n, text in enumerate(texts):
            item = create_feedback(text=text)
            labels.label_service(item, key, actor=officer)
            labels.label_themes(item, ["delay"] if n % 2 else [], actor=officer)


def test_each_head_is_trained_and_measured_against_its_own_champion(signed_in):
    admin, officer = signed_in("administrator")
    _label_heads(officer)
    first = runtime.ensure_champions()
    for task, extra in (("service", "accuracy"), ("theme", "micro_f1")):
        train_challenger(task).get()
        attempt = ModelVersion.select().where(ModelVersion.task == task, ModelVersion.blob.is_null(False),
                                              ModelVersion.id != first[task].id).get()
        metrics = attempt.metrics_dict
        assert metrics["champion_version"] == first[task].version  # its own head's champion
        assert extra in metrics and metrics["holdout"] == metrics["n"] >= 2 and attempt.training_count >= 8
    assert runtime.champion("sentiment").id == first["sentiment"].id  # untouched
    html = admin.get("/staff/learning/models").get_data(as_text=True)
    assert "Measured quality" in html and "–" not in html[html.index("<table"):]  # never a dash
    assert "held out from its training" in html and "the model in use then scored" in html
    # rolling one head back leaves the other alone
    theme_champion = runtime.champion("theme").id
    retired = ModelVersion.create(task="service", version="service-old", blob=first["service"].blob,
                                  status="retired", encoder_version=runtime.encoder().version)
    loop.roll_back(retired, actor=officer)
    assert runtime.champion("service").id == retired.id and runtime.champion("theme").id == theme_champion


def test_the_models_page_says_in_words_what_was_not_measured(signed_in):
    admin, _ = signed_in("administrator")
    create_feedback(text="Something to classify.")  # the zero-shot heads are made
    train_challenger("theme").get()  # too few labels: a rejected attempt
    html = admin.get("/staff/learning/models").get_data(as_text=True)
    assert "–" not in html[html.index("<table"):]
    assert html.count("Not measured:</strong> no officer labels yet. Zero-shot from the taxonomy&#39;s names and "
                      "descriptions.") == 2  # the service-area and theme heads
    assert "Not measured:</strong> too few officer labels to train and test (0; at least 10 needed)." in html
    assert "Not measured:</strong> no officer labels were held out to measure it on." in html  # the test sentiment
