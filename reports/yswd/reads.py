"""What the pages and the PDF read: the published list, one publication as the public sees it
(only approved quotes that are still usable, checked again on every read), and a draft as
officers see it."""
from dataclasses import dataclass

from app.audit.models import AuditEvent
from reports.yswd import eligibility, period
from reports.yswd.drafting import sentiment_words
from reports.yswd.models import (Publication, PublicationAction, PublicationPdf, PublicationQuote,
                                 PublicationTheme)


@dataclass(frozen=True)
class ThemeView:
    theme: PublicationTheme
    sentiment: str  # in words
    quotes: list


@dataclass(frozen=True)
class PublicationView:
    publication: Publication
    period: str
    paragraphs: list
    themes: list  # [ThemeView]
    actions: list  # [PublicationAction]
    has_pdf: bool


def published():
    """Every published publication, by service (the whole council first) then newest period."""
    return list(Publication.select().where(Publication.status == "published")
                .order_by(Publication.service.is_null(False), Publication.service_name,
                          Publication.period_start.desc(), Publication.id.desc()))


def by_service(publications):
    """[(service name, [publications])] in the order given."""
    groups = {}
    for publication in publications:
        groups.setdefault(publication.service_name, []).append(publication)
    return list(groups.items())


def published_by_slug(slug):
    return Publication.get_or_none(Publication.slug == slug, Publication.status == "published")


def public_quotes(publication):
    """{theme id: [quote]}: approved quotes whose item is still quotable and whose words still
    identify no one."""
    approved = list(PublicationQuote.select().where(PublicationQuote.publication == publication,
                                                    PublicationQuote.status == "approved")
                    .order_by(PublicationQuote.position, PublicationQuote.id))
    usable = eligibility.quotable_ids([quote.item_id for quote in approved])
    shown = {}
    for quote in approved:
        if quote.item_id in usable and not eligibility.still_identifies(quote.text):
            shown.setdefault(quote.theme_id, []).append(quote)
    return shown


def _themes(publication, quotes_by_theme):
    themes = (PublicationTheme.select().where(PublicationTheme.publication == publication)
              .order_by(PublicationTheme.position))
    return [ThemeView(theme, sentiment_words(theme.negative, theme.neutral, theme.positive),
                      quotes_by_theme.get(theme.id, [])) for theme in themes]


def paragraphs(text):
    return [part.strip() for part in (text or "").split("\n\n") if part.strip()]


def public_view(publication):
    """The publication as residents see it (page, PDF and feed alike)."""
    actions = list(PublicationAction.select().where(PublicationAction.publication == publication)
                   .order_by(PublicationAction.position))
    return PublicationView(publication, period.words(publication.period_start, publication.period_end),
                           paragraphs(publication.summary), _themes(publication, public_quotes(publication)),
                           actions, has_pdf(publication))


def staff_themes(publication):
    """Every theme with all its quotes (candidates, approved and rejected), for officers."""
    quotes = {}
    for quote in (PublicationQuote.select().where(PublicationQuote.publication == publication)
                  .order_by(PublicationQuote.position)):
        quotes.setdefault(quote.theme_id, []).append(quote)
    return _themes(publication, quotes)


def has_pdf(publication):
    return PublicationPdf.select().where(PublicationPdf.publication == publication).exists()


def pdf_bytes(publication):
    row = PublicationPdf.get_or_none(PublicationPdf.publication == publication)
    return bytes(row.content) if row is not None else None


def trail(publication):
    """The publication's audit entries, oldest first: who did what."""
    return list(AuditEvent.select().where(AuditEvent.object_type == Publication._meta.table_name,
                                          AuditEvent.object_id == str(publication.id))
                .order_by(AuditEvent.at, AuditEvent.id))
