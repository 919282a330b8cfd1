"""The demo's "You said, we did": two published reports and one draft, made through the
publishing services by the demo's staff, so residents find pages at /you-said-we-did, their
PDFs (built by the worker) and the feed, and officers find a draft to review.

- Highways, the quarter of residents' complaints about waiting for pothole repairs (published),
  whose "We did" is the pothole action (app.demo.actions);
- Waste & Recycling, the quarter the crews began photographing bins they could not empty
  (published);
- Highways, the last complete quarter (a draft with candidate quotes waiting for an officer).

Drafting reads what Heard says about each item, so the items of those services and quarters are
classified here, as the worker would, before the drafts are made. The first candidate quotes of
each theme (only ever from residents who agreed, never special-category, always redacted) are
approved by the officer who drafted it.

    seed_publications(users, today) -> {status: count}
"""
import datetime

from app.demo.staff import DEMO_EMAIL_DOMAIN
from app.demo.texts_loop import CHANGE_DAYS_AGO
from app.feedback.models import FeedbackItem
from app.learning.predictions import classify_items
from app.org.models import ServiceArea
from app.timefmt import utc_bounds
from reports import queries
from reports.yswd import period, services
from reports.yswd.models import Publication, PublicationQuote

APPROVE_PER_THEME = 2
WASTE_CHANGE_DAYS_AGO = 190  # app.demo.actions: crews photograph bins they could not empty


def plan(today):
    """[(service slug, first day, last day, drafter, publish?)] for `today`."""
    potholes = today - datetime.timedelta(days=CHANGE_DAYS_AGO + 45)
    bins = today - datetime.timedelta(days=WASTE_CHANGE_DAYS_AGO)
    last = _quarter_of(today)[0] - datetime.timedelta(days=1)
    return [("highways", *_quarter_of(potholes), "officer1", True),
            ("waste-recycling", *_quarter_of(bins), "officer3", True),
            ("highways", *_quarter_of(last), "officer1", False)]


def seed_publications(users, today):
    staff = {email.split("@")[0]: user for email, user in users.items()
             if email.endswith("@" + DEMO_EMAIL_DOMAIN)}
    wanted = plan(today)
    _classify(wanted)
    queries.refresh()  # the summaries drafting reads, as the worker keeps them
    counts = {}
    for slug, start, end, drafter, publish in wanted:
        service = ServiceArea.get(ServiceArea.slug == slug)
        draft = services.create_draft(user=staff[drafter], service=service, start=start, end=end)
        if publish:
            _approve_quotes(draft, staff[drafter])
            services.send_for_review(draft, user=staff[drafter])
            services.publish(Publication.get_by_id(draft.id), user=staff["admin"])
        Publication.update(is_demo=True).where(Publication.id == draft.id).execute()
        status = Publication.get_by_id(draft.id).status
        counts[status] = counts.get(status, 0) + 1
    return counts


def _classify(wanted):
    """Classify the items of each report's service over its period and the period before (the
    draft says how each theme changed)."""
    ids = []
    for slug, start, end, _, _ in wanted:
        low, high = utc_bounds(_quarter_of(start - datetime.timedelta(days=1))[0], end)
        ids += [item.id for item in FeedbackItem.select(FeedbackItem.id).join_from(FeedbackItem, ServiceArea)
                .where(ServiceArea.slug == slug, FeedbackItem.received_at >= low, FeedbackItem.received_at < high)]
    classify_items(ids)


def _approve_quotes(publication, officer):
    for theme in publication.themes:
        candidates = (PublicationQuote.select().where(PublicationQuote.theme == theme)
                      .order_by(PublicationQuote.position).limit(APPROVE_PER_THEME))
        for quote in candidates:
            services.decide_quote(publication, quote, True, user=officer)


def _quarter_of(day):
    return period.quarter(day.year, (day.month - 1) // 3 + 1)
