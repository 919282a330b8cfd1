"""Reads for the staff pages: one item's whole picture, and who may see what."""
from dataclasses import dataclass, field

from app.auth.roles import ADMINISTRATOR, ANALYST, COMPLAINTS_OFFICER, SERVICE_LEAD
from app.feedback.models import FeedbackItem
from app.learning import labels, signals, taxonomy
from app.learning import routing as route_rules
from app.learning.models import SafeguardingFlag

EDITORS = (ADMINISTRATOR, COMPLAINTS_OFFICER, ANALYST)
READERS = EDITORS + (SERVICE_LEAD,)
SENTENCE_CLASSES = {"negative": "heard-sentence--negative", "neutral": "heard-sentence--neutral",
                    "positive": "heard-sentence--positive"}
NO_THEME_CHOICE = "_none"  # the themes form's "No theme applies" (never a topic key: keys are slugs)


def can_edit(user):
    return user.role in EDITORS


@dataclass
class ServiceView:
    """The service-area head on one item: its choice, runners-up, the officer's, the routing."""
    choice: object = None  # ItemTopic (the model's assigned service area) or None
    runners_up: list = field(default_factory=list)
    officer: object = None  # ItemTopic or None
    routing: object = None  # ServiceRouting or None
    item_service: str = None  # the item's service now (the resident's, an officer's or routed)
    route_at: float = 0.0  # the routing confidence (app.learning.routing.ROUTE_AT)


@dataclass
class ThemesView:
    """The theme head on one item: the themes over their thresholds, those just below, and
    the officer's (`labelled` even when the officer said none apply)."""
    assigned: list = field(default_factory=list)
    near: list = field(default_factory=list)
    officer: list = field(default_factory=list)
    labelled: bool = False


def item_summary(item):
    """Everything the item page (and each item on the case page) shows besides the words."""
    prediction = labels.latest_prediction(item)
    current = labels.current_labels(item)
    services = labels.model_rows(item, "service")
    officer_service = labels.officer_rows(item, "service")
    themes = labels.model_rows(item, "theme")
    return {
        "prediction": prediction,
        "sentences": prediction.sentence_list if prediction else [],
        "service": ServiceView(choice=services[0] if services else None, runners_up=services[1:],
                               officer=officer_service[0] if officer_service else None,
                               routing=route_rules.routing_of(item.id), route_at=route_rules.ROUTE_AT,
                               item_service=item.service.name if item.service_id else None),
        "themes": ThemesView(assigned=[r for r in themes if r.assigned], near=[r for r in themes if not r.assigned],
                             officer=labels.officer_rows(item, "theme"), labelled=current["theme"] is not None),
        "labels": current,
        "language": language_of(item),
        "flag": SafeguardingFlag.get_or_none(SafeguardingFlag.item == item),
        "duplicates": signals.duplicates_of(item),
        "service_topics": taxonomy.active_topics("service"),
        "theme_topics": taxonomy.active_topics("theme"),
    }


def language_of(item):
    """The name of the language an item is written in when it is not English ("Polish",
    "Cymraeg / Welsh"), else "" (English, unknown, or not classified yet)."""
    from classifiers.language import is_foreign, language_name

    return language_name(item.language) if is_foreign(getattr(item, "language", "")) else ""


def initial_service(summary):
    """What the service-area radios start with: the officer's choice, else the model's."""
    view = summary["service"]
    chosen = view.officer or view.choice
    return chosen.topic.key if chosen else None


def initial_themes(summary):
    """What the theme checkboxes start with: the officer's themes, else the model's (and "No
    theme applies" when that is what was said)."""
    view = summary["themes"]
    if view.labelled:
        return [row.topic.key for row in view.officer] or [NO_THEME_CHOICE]
    if view.assigned:
        return [row.topic.key for row in view.assigned]
    prediction = summary["prediction"]
    return [NO_THEME_CHOICE] if prediction is not None and not prediction.unsure else []


def open_flags():
    """Open flags, most severe first (risk to life or to a child, then abuse, then the rest),
    then oldest first (by when the resident told us)."""
    return list(SafeguardingFlag.select(SafeguardingFlag, FeedbackItem).join(FeedbackItem)
                .where(SafeguardingFlag.status == "open")
                .order_by(SafeguardingFlag.severity, FeedbackItem.received_at, SafeguardingFlag.id))
