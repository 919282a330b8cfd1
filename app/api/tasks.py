"""The API's housekeeping: `api.prune_idempotency` (04:20 UTC every night) deletes idempotency
records older than REPLAY_DAYS. A client retrying with the same Idempotency-Key within that time
gets the first answer again; after it, the key is forgotten (a retry days later is a new request)."""
import datetime

from huey import crontab

from app.api.models import ApiIdempotency
from app.db import utcnow
from app.queue import periodic_db_task

REPLAY_DAYS = 7


def prune(now=None):
    cutoff = (now or utcnow()) - datetime.timedelta(days=REPLAY_DAYS)
    return ApiIdempotency.delete().where(ApiIdempotency.created_at < cutoff).execute()


@periodic_db_task(crontab(minute="20", hour="4"), name="api.prune_idempotency")
def prune_idempotency():
    return prune()
