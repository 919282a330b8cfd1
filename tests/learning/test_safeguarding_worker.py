"""The worker's path with the real encoder and the shipped head (slow: loads ~90 MB): new
feedback is classified, risky items are flagged by the head at the council's threshold with
their severity, alerts are queued, and the demo's ordinary street-light complaint is not."""
import pytest

from app.learning import calibration, runtime
from app.learning.models import ModelVersion, SafeguardingFlag
from app.mail.models import OutboxMessage
from tests.factories import create_feedback, create_user

pytestmark = pytest.mark.slow


@pytest.fixture
def real_models(tiny_models, monkeypatch):
    """Undo tests/learning's tiny encoder: the pinned all-MiniLM-L6-v2 and the shipped models."""
    monkeypatch.delenv("CLASSIFIER_ENCODER", raising=False)
    ModelVersion.delete().execute()
    runtime.reset()
    yield
    runtime.reset()


def test_the_worker_flags_with_the_head_at_the_councils_threshold(real_models):
    officer = create_user("complaints_officer", services=["childrens-services"])
    risky = create_feedback(text="Hi, just wondering if anyone has looked into the family over the road. The kids "
                                 "are out at all hours and I haven't seen an adult there for days.",
                            service_slug="childrens-services")
    ordinary = create_feedback(text="Street light out for weeks on Mill Lane. The whole cul-de-sac is dark and my "
                                    "elderly neighbour won't go out after 4pm now.", service_slug="street-lighting")
    head = calibration.shipped_head()
    flag = SafeguardingFlag.get(SafeguardingFlag.item == risky)
    assert (flag.head_version, flag.threshold) == (head.version, head.threshold)
    assert flag.severity == 1 and "Possible risk to a child" in flag.reason_list and flag.score > 0
    assert not SafeguardingFlag.select().where(SafeguardingFlag.item == ordinary).exists()
    assert [m.to_address for m in OutboxMessage.select().where(OutboxMessage.related_id == flag.id)] == [officer.email]
