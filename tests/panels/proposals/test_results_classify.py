"""The worker classifies members' comments with the promoted models (the real code path on the
tiny test encoder, as tests/learning does): after a comment is posted, by the sweep, and never
twice for the same models."""
import dataclasses

import pytest

from app.learning.models import Topic
from app.queue import run_sweeps, transaction
from panels.proposals import classify, tasks
from panels.proposals.models import Comment
from tests.factories import create_comment, create_proposal
from tests.learning.conftest import tiny_encoder_path, tiny_models, tiny_sentiment_bytes  # noqa: F401



@pytest.fixture
def settings_overrides(settings_overrides):
    """Comments are classified as in the running app (the same switch as residents' feedback)."""
    return dict(settings_overrides, intake_listeners=("classification",))


def test_a_posted_comment_is_classified_after_the_transaction_commits(app):
    proposal = create_proposal()
    with app.app_context():
        with transaction():
            comment = create_comment(proposal, body="Thank you, a brilliant idea for working families.")
            classify.request(proposal.id)
            assert Comment.get_by_id(comment.id).classified_version == ""  # not inside the transaction
    comment = Comment.get_by_id(comment.id)
    assert comment.sentiment in {"positive", "neutral", "negative"} and 0 < comment.sentiment_score <= 1
    assert Topic.get_or_none(Topic.key == comment.topic)  # a theme over its threshold, else a service area
    assert comment.topic_score is not None
    assert comment.classified_version.startswith(tiny_models_version())


def tiny_models_version():
    from app.learning import runtime

    return runtime.encoder().version


def test_classifying_twice_changes_nothing_and_hidden_comments_are_skipped(app):
    proposal = create_proposal()
    comments = [create_comment(proposal, body=text) for text in
                ("Awful, the website never works.", "Great, thank you.", "When would it start?")]
    hidden = create_comment(proposal, body="Something rude about a named person.", hidden=True)
    with app.app_context():
        assert classify.classify_proposal(proposal.id) == 3
        first = {c.id: (c.sentiment, c.topic, c.classified_version) for c in Comment.select()}
        assert classify.classify_proposal(proposal.id) == 0
    assert {c.id: (c.sentiment, c.topic, c.classified_version) for c in Comment.select()} == first
    assert all(first[c.id][2] for c in comments) and first[hidden.id] == ("", "", "")


def test_the_sweep_finds_proposals_with_comments_never_classified(app):
    waiting, done = create_proposal(), create_proposal()
    create_comment(waiting, body="Please do it.")
    create_comment(done, body="Yes.", sentiment="positive", topic="delay")
    create_comment(done, body="Hidden.", hidden=True)
    with app.app_context():
        assert classify.pending_proposal_ids() == [waiting.id]
        counts = run_sweeps()
    assert counts["panels.classify_comments"] == 1
    assert Comment.select().where(Comment.classified_version == "", Comment.hidden_at.is_null()).count() == 0


def test_nothing_is_queued_when_classification_is_switched_off(app, monkeypatch):
    monkeypatch.setitem(app.config, "HEARD", dataclasses.replace(app.config["HEARD"], intake_listeners=()))
    proposal = create_proposal()
    comment = create_comment(proposal, body="Fine by me.")
    with app.app_context():
        classify.request(proposal.id)
    assert Comment.get_by_id(comment.id).classified_version == ""


def test_the_tasks_are_registered_by_name():
    assert tasks.classify_comments.name == "panels.classify_comments"
    assert tasks.decision_emails.name == "panels.decision_emails"
