"""The themes of members' comments: each comment's sentiment and topic from the promoted
(champion) models, run by the worker (panels.proposals.tasks), never in a web request.

- `request(proposal_id)`: classify the proposal's comments once the current transaction
  commits (the comments services call it after a member posts). It does nothing unless the
  settings name "classification" among the intake listeners, the same switch as for
  residents' feedback (tests leave it off, so posting a comment never loads an encoder).
- `classify_proposal(proposal_id)`: every visible comment not yet classified by the current
  champions gets its sentiment (label and confidence), its topic (the strongest theme over its
  threshold, else the service area the comment is most about) and the models' version string.
  Comments already classified by these champions are skipped, so running it twice is harmless,
  and a newly promoted model reclassifies a proposal's comments the next time it runs.
- `pending_proposal_ids()`: proposals with visible comments never classified (for the sweep).

Member's words are never logged.
"""
import logging

from app.queue import settings, transaction
from panels.proposals.models import Comment

log = logging.getLogger(__name__)

BATCH = 64
VERSION_LENGTH = Comment.classified_version.max_length


def enabled():
    return "classification" in settings().intake_listeners


def request(proposal_id):
    """Classify the proposal's new comments after the current transaction commits."""
    if not enabled():
        return
    from panels.proposals import tasks

    with transaction() as tx:
        tx.on_commit(tasks.classify_comments, int(proposal_id))


def pending_proposal_ids(limit=500):
    """Ids of proposals with visible comments that were never classified."""
    rows = (Comment.select(Comment.proposal).distinct()
            .where(Comment.classified_version == "", Comment.hidden_at.is_null())
            .order_by(Comment.proposal).limit(limit))
    return [row.proposal_id for row in rows]


def _version(models):
    from classifiers.interface import model_version

    return model_version(models.encoder, models.sentiment, models.services, models.themes)[:VERSION_LENGTH]


def _topic(prediction):
    """(key, score): the strongest theme over its threshold, else the most likely service area."""
    assigned = [(key, score) for key, score, is_assigned in prediction.themes if is_assigned]
    if assigned:
        return max(assigned, key=lambda pair: pair[1])
    if prediction.topics:
        return prediction.topics[0]
    return "", None


def _store(comment, prediction, version):
    topic, topic_score = _topic(prediction)
    (Comment.update(sentiment=prediction.sentiment, sentiment_score=float(prediction.sentiment_score),
                    topic=topic, topic_score=float(topic_score) if topic_score is not None else None,
                    classified_version=version)
     .where(Comment.id == comment.id).execute())


def classify_proposal(proposal_id, models=None):
    """Classify the proposal's visible comments not yet classified by the current champions;
    returns how many were classified."""
    from classifiers.interface import predict_batch

    from app.learning import runtime

    models = models or runtime.current()
    version = _version(models)
    done = 0
    while True:
        batch = list(Comment.select(Comment.id, Comment.body)
                     .where(Comment.proposal == proposal_id, Comment.hidden_at.is_null(),
                            Comment.classified_version != version)
                     .order_by(Comment.id).limit(BATCH))
        if not batch:
            break
        predictions = predict_batch([c.body for c in batch], encoder=models.encoder,
                                    sentiment=models.sentiment, topics=models.services,
                                    themes=models.themes, top_k=1)
        with transaction():
            for comment, prediction in zip(batch, predictions):
                _store(comment, prediction, version)
        done += len(batch)
    if done:
        log.info("proposal %s: %d comments classified by %s", proposal_id, done, version)
    return done
