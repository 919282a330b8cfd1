"""One query layer: a topic's complaints in a month are the same number on the dashboard (the
summaries' top topics), in an action's evidence (topic_months), on "What drives complaints" and
in a "You said, we did" draft, whatever officers relabelled and wherever the month boundary
falls in London time."""
import datetime

from app.learning import labels
from app.learning.models import ItemTopic, Prediction, Topic
from reports import queries
from reports.queries import drivers
from reports.queries.filters import month
from reports.queries.topics import top_topics, topic_months
from tests.factories import classify, create_feedback, create_user, service


def _complaint(at, themes=("delay",), sentiment="negative", kind="complaint", service_slug="highways"):
    item = create_feedback(kind=kind, text="Waited weeks for the pothole repair.", received_at=at,
                           service_slug=service_slug)
    Prediction.delete().where(Prediction.item == item).execute()  # what the tiny test model said
    ItemTopic.delete().where(ItemTopic.item == item).execute()
    return classify(item, themes=themes, sentiment=sentiment)


def test_a_topics_monthly_complaints_are_the_same_number_everywhere(app):
    officer = create_user("complaints_officer")
    utc = datetime.datetime
    _complaint(utc(2026, 2, 28, 23, 30))  # February in London (GMT)
    _complaint(utc(2026, 3, 31, 23, 30))  # 1 April in London (BST): not March
    for day in (2, 9, 16):
        _complaint(utc(2026, 3, day, 10))
    _complaint(utc(2026, 3, 20, 10), sentiment="positive")
    relabelled = _complaint(utc(2026, 3, 21, 10), themes=("communication",))
    labels.label_themes(relabelled, ["delay"], actor=officer)  # an officer's word wins
    dropped = _complaint(utc(2026, 3, 22, 10))
    labels.label_themes(dropped, [], actor=officer)
    _complaint(utc(2026, 3, 23, 10), kind="comment")  # not a complaint
    _complaint(utc(2026, 3, 24, 10), service_slug="parking")  # another service
    queries.refresh()

    highways = service("highways").id
    march = month(2026, 3, services=(highways,))
    delay = Topic.get(Topic.key == "delay")
    (dashboard,) = [f for f in top_topics(march, kinds=("complaint",)) if f.key == "delay"]
    (evidence,) = topic_months(delay.id, services=(highways,), start_month=datetime.date(2026, 3, 1), months=1)
    (driver,) = [row for row in drivers.topics(march) if row.key == "delay"]
    assert dashboard.count == evidence.count == driver.count == 5
    assert dashboard.previous_count == driver.previous_count == 1
    assert dashboard.negative == evidence.negative == 4
    assert round(dashboard.negative_share, 4) == round(evidence.negative_share, 4) == 80.0
