"""An item's current sentiment and themes: the officer's word wins over the model's."""
from app.learning import current, labels, taxonomy
from app.learning.models import ItemTopic, Prediction
from tests.factories import create_feedback, create_user


def _predict(item, sentiment, themes=()):
    from app.learning.models import ModelVersion

    version, _ = ModelVersion.get_or_create(task="sentiment", version="test-current")
    Prediction.create(item=item, model_version=version, sentiment=sentiment, sentiment_score=0.9)
    if themes:
        taxonomy.store_item_topics(item, [(key, 0.9, True) for key in themes], source="model", head="theme")


def _themes_of(item):
    return sorted(row.topic.key for row in current.theme_rows().where(ItemTopic.item == item))


def test_officer_labels_win_and_none_apply_leaves_no_themes(app):
    officer = create_user("complaints_officer")
    theme_keys = [t.key for t in taxonomy.active_topics(kind="theme")][:3]
    first, second, third = (create_feedback(text=f"Item {n}") for n in range(3))
    ids = [first.id, second.id, third.id]  # start from nothing said (the tiny model classified them)
    Prediction.delete().where(Prediction.item.in_(ids)).execute()
    ItemTopic.delete().where(ItemTopic.item.in_(ids)).execute()
    _predict(first, "negative", theme_keys[:1])
    _predict(second, "positive", theme_keys[:2])
    assert current.sentiments([first.id, second.id, third.id]) == {first.id: "negative", second.id: "positive"}
    labels.label_sentiment(first, "neutral", actor=officer)
    labels.label_sentiment(first, "positive", actor=officer)
    labels.label_themes(second, [theme_keys[2]], actor=officer)
    labels.label_themes(first, [], actor=officer)
    assert current.sentiments([first.id])[first.id] == "positive"
    assert _themes_of(first) == [] and _themes_of(second) == [theme_keys[2]]
    _predict(third, "negative", theme_keys[1:2])
    assert _themes_of(third) == [theme_keys[1]]
