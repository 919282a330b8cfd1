"""Heard's first draft of a publication: "You said" from the query layer (the period's main
themes with counts and sentiment), candidate quotes for each theme (quotes.py), and "We did"
from done actions' public summaries (`done_actions`)."""
from flask_babel import gettext
from peewee import fn

from app.actions.models import Action, ActionTheme
from app.languages import current
from app.timefmt import utc_bounds
from reports.queries.filters import Filters
from reports.queries.topics import top_topics
from reports.yswd import period, quotes
from reports.yswd.models import Publication, PublicationAction, PublicationQuote, PublicationTheme

THEMES = 5


def filters_for(service, start, end):
    return Filters(start=start, end=end, services=(service.id,) if service is not None else None)


def sentiment_words(negative, neutral, positive):
    """"8 negative, 3 neutral or mixed and 1 positive" (the parts that are not zero), in the
    language in force (English in a draft's summary, made on a staff page or in the worker)."""
    parts = [(n, text) for n, text in (
        (negative, gettext("%(count)s negative", count=negative)),
        (neutral, gettext("%(count)s neutral or mixed", count=neutral)),
        (positive, gettext("%(count)s positive", count=positive))) if n]
    if not parts:
        return gettext("no sentiment recorded yet")
    if len(parts) == 1:
        return parts[0][1]
    head = ", ".join(text for _, text in parts[:-1])
    count, last = parts[-1]
    if current() == "cy" and _vowel_sound(count):
        return f"{head} ac {last}"
    return gettext("%(first)s and %(last)s", first=head, last=last)


def _vowel_sound(count):
    """Whether a number is said in Welsh with a vowel first (un, wyth, un ar ddeg, wyth deg...),
    so "and" before it is "ac" rather than "a"."""
    return count in (1, 8, 11, 16, 18) or 80 <= count <= 89 or (count > 99 and str(count)[:1] == "8")


def _change(figure):
    if figure.previous_count == figure.count:
        return "the same as the period before"
    direction = "up" if figure.count > figure.previous_count else "down"
    return f"{direction} from {figure.previous_count} the period before"


def _in_sentence(name):
    """"Missed bins" -> "missed bins"; "Council Tax" and "CCTV" stay as they are."""
    words = name.split()
    if words and words[0][1:].islower() and all(not w[:1].isupper() for w in words[1:]):
        return name[0].lower() + name[1:]
    return name


def summary_text(figures, service_name, period_words):
    """The drafted "You said": one paragraph to open, one a theme."""
    if not figures:
        return (f"In {period_words} we did not hear enough about {service_name} to report "
                "the main themes.")
    names = [_in_sentence(figure.name) for figure in figures]
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    paragraphs = [f"In {period_words} you told us most about {listed}."]
    for figure in figures:
        times = "once" if figure.count == 1 else f"{figure.count} times"
        paragraphs.append(
            f"{figure.name} came up {times} ({_change(figure)}): "
            f"{sentiment_words(figure.negative, figure.neutral, figure.positive)}.")
    return "\n\n".join(paragraphs)


def done_actions(service, start, end):
    """Done actions with a public summary, of the service (every service for the whole
    council): those done in the period, and those answering a theme of the period."""
    low, high = utc_bounds(start, end)
    answering = ActionTheme.select(ActionTheme.action).where(
        ActionTheme.period_start <= end, ActionTheme.period_end >= start)
    query = (Action.select().where(
        Action.status == "done", fn.TRIM(Action.public_summary) != "",
        ((Action.done_at >= low) & (Action.done_at < high)) | Action.id.in_(answering))
        .order_by(Action.done_at, Action.id))
    if service is not None:
        query = query.where(Action.service == service)
    return list(query)


def snapshot_actions(publication):
    """(Re)write the publication's "We did" from the done actions as they read now."""
    PublicationAction.delete().where(PublicationAction.publication == publication).execute()
    for position, action in enumerate(done_actions(publication.service, publication.period_start,
                                                   publication.period_end)):
        PublicationAction.create(publication=publication, action=action, title=action.title,
                                 summary=action.public_summary.strip(), done_at=action.done_at,
                                 position=position)


def unique_slug(service, start, end):
    base = f"{service.slug if service is not None else 'whole-council'}-{start:%Y-%m-%d}-to-{end:%Y-%m-%d}"
    slug, n = base, 1
    while Publication.select().where(Publication.slug == slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def fill(publication):
    """Write the draft's themes, candidate quotes and "We did" (inside the caller's transaction)."""
    start, end = publication.period_start, publication.period_end
    figures = top_topics(filters_for(publication.service, start, end), limit=THEMES)
    publication.summary = summary_text(figures, publication.service_name, period.words(start, end))
    publication.save(only=[Publication.summary])
    used = set()
    for position, figure in enumerate(figures):
        theme = PublicationTheme.create(
            publication=publication, topic=figure.topic_id, name=figure.name, position=position,
            count=figure.count, negative=figure.negative, neutral=figure.neutral,
            positive=figure.positive)
        ids = quotes.theme_item_ids(figure.topic_id, start, end, publication.service_id)
        for rank, candidate in enumerate(quotes.candidates(ids, exclude=used)):
            used.add(candidate.item_id)
            PublicationQuote.create(publication=publication, theme=theme, item=candidate.item_id,
                                    text=candidate.text, score=candidate.score, position=rank)
    snapshot_actions(publication)
    return figures
