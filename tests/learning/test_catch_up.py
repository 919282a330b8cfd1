"""The worker's catch-up at start-up: pending items classified, emerging issues raised now (not
at the next hourly run), challengers trained on officers' labels the loop has not tried yet;
running it again does nothing new."""
import datetime

from app.db import utcnow
from app.demo.scenarios import COLLECTION_CHANGE
from app.feedback import hooks
from app.feedback.models import FeedbackItem
from app.learning import labels
from app.learning.models import EmergingIssue, ModelVersion
from app.learning.tasks import catch_up, catch_up_on_start
from app.queue import huey
from tests.factories import create_feedback, create_user
from tests.learning.test_loop import NEGATIVE, NEUTRAL, POSITIVE


def _trained(task):
    return [v for v in ModelVersion.select().where(ModelVersion.task == task)
            if "champion_macro_f1" in v.metrics_dict]


def test_catch_up_classifies_finds_the_emerging_issue_and_trains_once():
    hooks.disconnect_all()  # as after a bulk load: all pending
    now = utcnow()
    burst = [create_feedback(text=spec["text"], service_slug=spec["service"],
                             received_at=now - datetime.timedelta(days=spec["days_ago"]))
             for spec in COLLECTION_CHANGE]
    officer = create_user(role="complaints_officer")
    for sentiment, texts, topic in (("positive", POSITIVE, "libraries"), ("negative", NEGATIVE, "highways"),
                                    ("neutral", NEUTRAL, "council-tax")):
        for text in texts:
            item = create_feedback(text=text, received_at=now - datetime.timedelta(days=40))
            labels.label_sentiment(item, sentiment, actor=officer)
            labels.label_service(item, topic, actor=officer)
    assert FeedbackItem.select().where(FeedbackItem.classification_status == "pending").count() == 37

    result = catch_up().get()

    assert result["classified"] == 37 and set(result["training"]) == {"sentiment", "service"}
    assert not FeedbackItem.select().where(FeedbackItem.classification_status == "pending").exists()
    [issue] = EmergingIssue.select()
    assert set(issue.id_list) >= {item.id for item in burst}
    for task in ("sentiment", "service"):
        [version] = _trained(task)
        assert version.metrics_dict["holdout"] > 0 and "macro_f1" in version.metrics_dict

    again = catch_up().get()
    assert again == {"classified": 0, "emerging": [], "training": []}
    assert EmergingIssue.select().count() == 1 and all(len(_trained(t)) == 1 for t in ("sentiment", "service"))


def test_the_worker_enqueues_the_catch_up_once_when_it_starts(monkeypatch):
    ran = []
    monkeypatch.setattr("app.learning.tasks.catch_up", lambda: ran.append(True))
    assert huey._startup["learning.catch_up_on_start"] is catch_up_on_start
    catch_up_on_start()
    catch_up_on_start()  # the second worker thread
    assert ran == [True]
