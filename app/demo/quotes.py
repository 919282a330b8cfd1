"""Which demo residents said yes to "May we quote your words, without your name, when we report
back?": most who wrote a compliment or a comment, fewer who complained, fixed by the seed."""
import random

from app.feedback.models import FeedbackItem

SHARE = {"compliment": 0.75, "comment": 0.65, "complaint": 0.45, "service_request": 0.3, "survey_answer": 0.55}
CHUNK = 500


def allow_quotes(items, created, seed):
    """Mark the chosen items' quote consent; returns how many said yes."""
    rng = random.Random(f"{seed}:quotes")
    ids = [created[spec["key"]].id for spec in items
           if spec["key"] in created and rng.random() < SHARE.get(spec["kind"], 0)]
    for start in range(0, len(ids), CHUNK):
        FeedbackItem.update(quote_consent=True).where(FeedbackItem.id.in_(ids[start:start + CHUNK])).execute()
    return len(ids)
