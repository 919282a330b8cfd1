"""Evidence of effect against hand-counted complaints: a theme's complaints a month and their
share negative, three months before the month an action was done and three after, in the
action's service, by Europe/London calendar month and current (officer-first) themes."""
import datetime

import pytest

from app.actions import evidence
from app.learning.models import ItemTopic, ModelVersion, Prediction, Topic
from app.learning.trends import MonthFigure, topic_months
from tests.cases.pages import signed_in
from tests.factories import create_action, create_feedback, create_user, service
from tests.html import parse

DONE_AT = datetime.datetime(2025, 6, 15, 11, 0)  # done in June 2025


@pytest.fixture
def settings_overrides(settings_overrides):
    return dict(settings_overrides, intake_listeners=())  # no cases needed: faster


def complaint(at, sentiment=None, theme="delay", service_slug="waste-recycling", kind="complaint"):
    item = create_feedback(kind=kind, service_slug=service_slug, received_at=at, text="Bins missed again.")
    ItemTopic.create(item=item, topic=Topic.get(Topic.key == theme), source="model", head="theme", confidence=0.9)
    if sentiment:
        version = ModelVersion.get_or_create(task="sentiment", version="test", defaults={"status": "champion"})[0]
        Prediction.create(item=item, model_version=version, sentiment=sentiment, sentiment_score=0.9)
    return item


@pytest.fixture
def complaints(app):
    """By hand: March 5 (3 negative of 5 rated), April 4 (all negative), May 3 (none rated):
    12 before, 4 a month. June (the month it was done) 10. July 2, August 1, September 0:
    3 after, 1 a month. Around them, what must not count."""
    d = datetime.datetime
    for n, sentiment in enumerate(["negative"] * 3 + ["positive"] * 2):
        complaint(d(2025, 3, 1 + n, 10), sentiment)
    for n in range(4):
        complaint(d(2025, 4, 3 + n, 10), "negative")
    for n in range(3):
        complaint(d(2025, 5, 3 + n, 10))
    for n in range(10):
        complaint(d(2025, 6, 1 + n, 10), "negative")
    complaint(d(2025, 6, 30, 23, 30), "negative")  # 00:30 on 1 July in London: July
    complaint(d(2025, 7, 9, 10), "neutral")
    complaint(d(2025, 8, 9, 10))
    complaint(d(2025, 9, 30, 23, 30), "negative")  # 1 October in London: not September
    complaint(d(2025, 7, 9, 10), "negative", service_slug="highways")  # another service
    complaint(d(2025, 7, 9, 10), "negative", kind="comment")  # not a complaint
    complaint(d(2025, 7, 9, 10), "negative", theme="communication")  # another theme
    relabelled = complaint(d(2025, 8, 9, 10), "negative")  # an officer says: not delay
    from app.learning import labels

    labels.label_themes(relabelled, ["communication"], actor=create_user())


def test_topic_months_counts_by_london_month_and_current_themes(complaints):
    delay = Topic.get(Topic.key == "delay")
    waste = (service("waste-recycling").id,)
    figures = topic_months(delay.id, services=waste, start_month=datetime.date(2025, 3, 1), months=7)
    assert figures == [
        MonthFigure(datetime.date(2025, 3, 1), 5, 3, 60.0), MonthFigure(datetime.date(2025, 4, 1), 4, 4, 100.0),
        MonthFigure(datetime.date(2025, 5, 1), 3, 0, None), MonthFigure(datetime.date(2025, 6, 1), 10, 10, 100.0),
        MonthFigure(datetime.date(2025, 7, 1), 2, 1, 50.0), MonthFigure(datetime.date(2025, 8, 1), 1, 0, None),
        MonthFigure(datetime.date(2025, 9, 1), 0, 0, None)]
    everywhere = topic_months(delay.id, start_month=datetime.date(2025, 7, 1), months=1, kinds=None)
    assert everywhere[0].count == 4  # with highways' complaint and the comment
    assert topic_months(delay.id, start_month=datetime.date(2025, 7, 1), months=0) == []


def test_a_done_action_shows_three_months_before_and_after(complaints):
    action = create_action(status="done", done_at=DONE_AT,
                           themes=[("delay", datetime.date(2025, 3, 1), datetime.date(2025, 5, 31))])
    [theme] = evidence.for_action(action, today=datetime.date(2026, 1, 10))
    assert [(m.month.month, m.figure.count, m.after, m.so_far) for m in theme.months] == [
        (3, 5, False, False), (4, 4, False, False), (5, 3, False, False),
        (7, 2, True, False), (8, 1, True, False), (9, 0, True, False)]
    assert theme.sentence == "Complaints about Delay fell from 4 a month to 1 a month in the three months after."


def test_months_not_over_are_so_far_and_future_months_are_not_shown(complaints):
    action = create_action(status="done", done_at=DONE_AT,
                           themes=[("delay", datetime.date(2025, 3, 1), datetime.date(2025, 5, 31))])
    [theme] = evidence.for_action(action, today=datetime.date(2025, 8, 20))
    assert [(m.month.month, m.so_far) for m in theme.after] == [(7, False), (8, True)]
    assert theme.sentence == "Complaints about Delay fell from 4 a month to 2 a month in the month after."
    [theme] = evidence.for_action(action, today=datetime.date(2025, 7, 2))
    assert theme.sentence.startswith("It is too soon to compare")


def test_no_evidence_until_done(complaints):
    action = create_action(status="in_progress", themes=[("delay", datetime.date(2025, 3, 1), datetime.date(2025, 5, 31))])
    assert evidence.for_action(action) == []


def test_the_action_page_shows_the_table_chart_sentence_and_owners_note(app, complaints):
    officer = signed_in(app)
    action = create_action(status="done", done_at=DONE_AT, owner_note="Crews now start at 6am.",
                           themes=[("delay", datetime.date(2025, 3, 1), datetime.date(2025, 5, 31))])
    page = parse(officer.get(f"/staff/actions/{action.id}").get_data(as_text=True))
    assert page.by_id("evidence-sentence-delay").text == \
        "Complaints about Delay fell from 4 a month to 1 a month in the three months after."
    rows = [[c.text for c in row.find_all(where=lambda e: e.tag in ("th", "td"))]
            for row in page.by_id("evidence-delay").find("tbody").find_all("tr")]
    assert rows[0] == ["March 2025", "Before", "5", "60%"] and rows[2] == ["May 2025", "Before", "3", "No sentiment"]
    assert rows[3] == ["July 2025", "After", "2", "50%"]
    assert page.find("svg", cls="heard-evidence-chart") is not None
    assert page.by_id("owner-note").text == "Crews now start at 6am."
