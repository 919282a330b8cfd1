"""Every change to a publication: drafting, deciding on quotes, editing, review, publishing.
Each is one transaction with an audit entry saying who did what (no residents' words in it);
publishing enqueues the PDF after commit (tasks.build_pdf).

Who may: administrators and complaints officers, for any service or the whole council;
service leads, for their own services only.
"""
from app.audit import services as audit
from app.auth.roles import ADMINISTRATOR, COMPLAINTS_OFFICER, SERVICE_LEAD
from app.db import utcnow
from app.queue import transaction
from reports.yswd import drafting, eligibility, period
from reports.yswd.models import Publication, PublicationQuote

ROLES = (ADMINISTRATOR, COMPLAINTS_OFFICER, SERVICE_LEAD)
EVERY_SERVICE_ROLES = (ADMINISTRATOR, COMPLAINTS_OFFICER)
TITLE_LIMIT, SUMMARY_LIMIT = 200, 10_000


class YswdError(Exception):
    """A refusal in plain English; `field` names the form field it is about, if any."""

    def __init__(self, message, field=None):
        super().__init__(message)
        self.field = field


def may_manage(user, service_id):
    """May `user` draft and publish for this service (None: the whole council)?"""
    role = getattr(user, "role", None)
    if role in EVERY_SERVICE_ROLES:
        return True
    return role == SERVICE_LEAD and service_id is not None and service_id in user.service_ids()


def visible(user, query=None):
    """`query` (default: every publication) narrowed to those `user` may manage."""
    query = Publication.select() if query is None else query
    if getattr(user, "role", None) in EVERY_SERVICE_ROLES:
        return query
    own = list(user.service_ids()) if getattr(user, "role", None) == SERVICE_LEAD else []
    return query.where(Publication.service.in_(own or [0]))


def _require(user, publication, *statuses):
    if not may_manage(user, publication.service_id):
        raise YswdError("You cannot change this publication")
    if statuses and publication.status not in statuses:
        raise YswdError(f"This publication is {publication.status_label.lower()}: it cannot be changed that way")


def _record(action, user, publication, summary, **details):
    audit.record(action, actor=user, obj=publication, summary=summary,
                 details=dict(details, publication=publication.id))


def create_draft(*, user, service, start, end):
    """A new draft for the service (None: the whole council) and period, filled by Heard."""
    if not may_manage(user, service.id if service is not None else None):
        raise YswdError("Choose one of your own services", field="service")
    if end < start:
        raise YswdError("The period must end after it starts", field="period")
    name = service.name if service is not None else "the whole council"
    words = period.words(start, end)
    with transaction():
        publication = Publication.create(
            service=service, service_name=name, period_start=start, period_end=end,
            title=f"You said, we did: {service.name if service is not None else 'the council'}, {words}",
            slug=drafting.unique_slug(service, start, end), drafted_by=user)
        figures = drafting.fill(publication)
        _record("yswd.drafted", user, publication, f"Drafted “You said, we did” for {name}, {words}",
                themes=len(figures), quotes=publication.quotes.count())
    return publication


def decide_quote(publication, quote, approve, *, user):
    """Approve or reject a candidate quote (again, if an officer changes their mind). Approval
    checks again that the resident agreed, the item is not special-category and the words
    identify no one: any of those may have changed since drafting."""
    _require(user, publication, "draft", "in_review")
    if quote.publication_id != publication.id:
        raise YswdError("That quote is not part of this publication")
    if approve and (not eligibility.quotable_ids([quote.item_id])
                    or eligibility.still_identifies(quote.text)):
        raise YswdError("This quote can no longer be used: the resident's answers or the "
                        "item's sensitivity have changed")
    status = "approved" if approve else "rejected"
    with transaction():
        PublicationQuote.update(status=status, decided_by=user, decided_at=utcnow()).where(
            PublicationQuote.id == quote.id).execute()
        _record(f"yswd.quote_{status}", user, publication,
                f"Quote {status} for the theme “{quote.theme.name}”", quote=quote.id)
    return status


def edit(publication, *, title, summary, user):
    _require(user, publication, "draft", "in_review")
    title, summary = " ".join((title or "").split()), (summary or "").strip()
    if not title:
        raise YswdError("Enter a title", field="title")
    if not summary:
        raise YswdError("Enter what residents said", field="summary")
    for field, text in (("title", title), ("summary", summary)):
        if eligibility.still_identifies(text):
            raise YswdError("Take out the email address, phone number or postcode: this text will "
                            "be public", field=field)
    with transaction():
        Publication.update(title=title[:TITLE_LIMIT], summary=summary[:SUMMARY_LIMIT],
                           updated_at=utcnow()).where(Publication.id == publication.id).execute()
        _record("yswd.edited", user, publication, "Title and “You said” edited")


def send_for_review(publication, *, user):
    _require(user, publication, "draft")
    with transaction():
        Publication.update(status="in_review", sent_for_review_by=user, sent_for_review_at=utcnow(),
                           updated_at=utcnow()).where(Publication.id == publication.id).execute()
        _record("yswd.sent_for_review", user, publication, "Sent for review")


def return_to_draft(publication, *, user):
    _require(user, publication, "in_review")
    with transaction():
        Publication.update(status="draft", updated_at=utcnow()).where(
            Publication.id == publication.id).execute()
        _record("yswd.returned_to_draft", user, publication, "Returned to draft")


def publish(publication, *, user):
    """Publish a reviewed publication: "We did" is taken again as the actions read now, an
    approved quote that can no longer be used is withdrawn, and the PDF is built after commit."""
    from reports.yswd import tasks

    _require(user, publication, "in_review")
    approved = list(publication.quotes.where(PublicationQuote.status == "approved"))
    usable = eligibility.quotable_ids([quote.item_id for quote in approved])
    withdrawn = [q.id for q in approved if q.item_id not in usable or eligibility.still_identifies(q.text)]
    with transaction() as tx:
        if withdrawn:
            PublicationQuote.update(status="rejected", decided_by=None, decided_at=utcnow()).where(
                PublicationQuote.id.in_(withdrawn)).execute()
        drafting.snapshot_actions(publication)
        Publication.update(status="published", published_by=user, published_at=utcnow(),
                           updated_at=utcnow()).where(Publication.id == publication.id).execute()
        _record("yswd.published", user, publication, "Published", quotes=len(approved) - len(withdrawn),
                withdrawn=len(withdrawn))
        tx.on_commit(tasks.build_pdf, publication.id)
    return Publication.get_by_id(publication.id)
