"""The learning loop with fine-tuning (on the tiny random encoder, so it runs in seconds): with
enough officer labels a challenger is a fine-tuned version, measured against the champion,
promoted when better, used for classification, and rolled back like any other version."""
import pytest

from app.learning import labels, loop, runtime
from app.learning.models import ModelVersion, Prediction
from app.learning.tasks import train_challenger
from classifiers import tuned
from classifiers.tuned import TunedModel, is_tuned
from tests.factories import create_feedback, create_user
from tests.learning.test_loop import _bad_champion, _label_everything


@pytest.fixture
def fine_tuning(monkeypatch):
    monkeypatch.setattr(tuned, "MIN_ROWS", {"sentiment": 20, "service": 20, "theme": 20})
    monkeypatch.setattr(tuned, "MIN_PER_LABEL", {"sentiment": 0, "service": 0, "theme": 0})
    monkeypatch.setenv("CLASSIFIER_SENTIMENT_CORPUS", "none")  # officers' labels only: fast


def test_a_fine_tuned_challenger_is_promoted_used_and_rolled_back(tiny_models, fine_tuning):
    _label_everything(create_user())
    _bad_champion(tiny_models)
    first = runtime.champion("sentiment")
    assert train_challenger("sentiment").get() == "champion"
    new = runtime.champion("sentiment")
    assert new.id != first.id and is_tuned(bytes(new.blob))
    metrics = new.metrics_dict
    assert metrics["method"] == "fine-tuned"
    assert metrics["macro_f1"] >= metrics["champion_macro_f1"] + loop.MIN_GAIN
    model = runtime.load(new)
    assert isinstance(model, TunedModel) and model.meta["fine_tuning"]["rows"] == new.training_count
    # every item was classified again by the fine-tuned champion
    latest = {p.item_id: p for p in Prediction.select().order_by(Prediction.id)}
    assert latest and all(p.model_version_id == new.id for p in latest.values())
    # a new item is classified with it too
    item = create_feedback(text="Lovely kind staff, thank you so much")
    from app.learning.tasks import classify

    classify(item.id)
    assert Prediction.select().where(Prediction.item == item).get().model_version_id == new.id

    loop.roll_back(ModelVersion.get_by_id(first.id), actor=create_user(role="administrator"))
    assert runtime.champion("sentiment").id == first.id
    assert not is_tuned(bytes(runtime.champion("sentiment").blob))


def test_below_the_fine_tuning_threshold_the_challenger_is_a_frozen_head(tiny_models, monkeypatch):
    monkeypatch.setattr(tuned, "MIN_ROWS", {"sentiment": 10_000, "service": 10_000, "theme": 10_000})
    monkeypatch.setattr(tuned, "MIN_PER_LABEL", {"sentiment": 0, "service": 0, "theme": 0})
    _label_everything(create_user())
    _bad_champion(tiny_models)
    train_challenger("sentiment").get()
    latest = ModelVersion.select().where(ModelVersion.task == "sentiment").order_by(ModelVersion.id.desc()).first()
    assert not is_tuned(bytes(latest.blob)) and latest.metrics_dict["method"] == "head"


def test_fine_tuning_can_be_switched_off(tiny_models, fine_tuning, monkeypatch):
    monkeypatch.setenv("CLASSIFIER_FINE_TUNE", "off")
    _label_everything(create_user())
    train_challenger("sentiment").get()
    latest = ModelVersion.select().where(ModelVersion.task == "sentiment").order_by(ModelVersion.id.desc()).first()
    assert not is_tuned(bytes(latest.blob))


def test_service_area_and_theme_heads_fine_tune_too(tiny_models, monkeypatch):
    from tests.learning.test_loop import _label_heads

    monkeypatch.setattr(tuned, "MIN_ROWS", {"sentiment": 10_000, "service": 5, "theme": 5})

    monkeypatch.setattr(tuned, "MIN_PER_LABEL", {"sentiment": 0, "service": 0, "theme": 0})
    _label_heads(create_user())
    for task in ("service", "theme"):
        train_challenger(task).get()
        latest = (ModelVersion.select().where(ModelVersion.task == task, ModelVersion.blob.is_null(False))
                  .order_by(ModelVersion.id.desc()).first())
        assert is_tuned(bytes(latest.blob)) and latest.metrics_dict["method"] == "fine-tuned"
        assert "macro_f1" in latest.metrics_dict and latest.metrics_dict["champion_version"]
