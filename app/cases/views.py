"""The case page, /staff/cases/<id>: the resident's own words first, the deadlines, who has
the case, the actions, the timeline, what the models said (with one-click corrections) and
similar past cases. The actions themselves are small form pages (app.cases.action_views,
app.cases.stage_views); the single view of the customer is app.cases.people_views.

Who may see and change a case is app.cases.access; every look at the page is audited.
"""
from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_login import current_user

from app.auth.access import roles_required
from app.cases import access, corrections, page, similar, stages
from app.cases.models import OMBUDSMEN, CaseItem
from app.cases.post import services as letters_to_post
from app.feedback.models import CHANNELS, FeedbackItem
from app.cases.rules import CaseError
from app.learning import services as learning
from app.learning import taxonomy
from app.learning.forms import SentimentForm, ServiceAreaForm, ThemesForm, correction_forms
from app.learning.labels import LabelError
from app.learning.taxonomy import UnknownTopic

bp = Blueprint("cases", __name__, url_prefix="/staff/cases", template_folder="templates")

# (action, endpoint, link text) in the order the page lists them; page.available_actions
# says which apply to the case as it is.
ACTION_LINKS = (
    ("acknowledge", "case_actions.acknowledge", "Acknowledge the complaint"),
    ("respond", "case_stages.respond", "Send the response"),
    ("extend", "case_actions.extend", "Extend the time to respond"),
    ("pause", "case_actions.pause", "Pause the clock"),
    ("resume", "case_actions.resume", "Restart the clock"),
    ("holding", "case_actions.holding", "Send a holding letter"),
    ("note", "case_actions.note", "Add a note"),
    ("call", "case_actions.call", "Log a call"),
    ("assign", "case_actions.assign", "Assign"),
    ("stage2", "case_stages.stage2", "Ask for stage 2 on the resident's behalf"),
    ("reviewer", "case_stages.reviewer", "Choose the stage 2 reviewer"),
    ("ombudsman", "case_stages.ombudsman", "Record a referral to the Ombudsman"),
    ("ombudsman_outcome", "case_stages.ombudsman_outcome", "Record the Ombudsman's outcome"),
    ("link", "case_actions.link", "Link another item"),
    ("merge", "case_actions.merge", "Merge into another case"),
    ("split", "case_actions.split", "Split items into a new case"),
    ("to_service_request", "case_actions.to_service_request", "Change to a service request"),
    ("refuse", "case_actions.refuse", "Decline to accept as a complaint"),
    ("reverse_refusal", "case_actions.reverse_refusal", "Accept as a complaint after all"),
    ("to_complaint", "case_actions.to_complaint", "Change to a complaint"),
    ("close", "case_stages.close", "Close the case"),
    ("reopen", "case_stages.reopen", "Reopen the case"),
)

STAGE_2_WORDS = {"acknowledge": "Acknowledge the stage 2 request", "respond": "Send the final (stage 2) response",
                 "extend": "Extend the time for the stage 2 response"}


def load(case_id, change=False):
    """The case (404 if this user may not see it); with `change`, 403 unless they may act."""
    case = access.case_or_404(case_id)
    if change:
        access.change_or_403(case)
    return case


def actor():
    return current_user._get_current_object()


def _prefix(item):
    return f"item{item.id}"


def _classifications(items, can_edit, failed=None):
    """Per item: (item, summary, its correction forms or None); `failed` is (item_id, {head: form})."""
    found = []
    for item, _ in items:
        summary = learning.item_summary(item)
        made = failed[1] if failed and failed[0] == item.id else {}
        found.append((item, summary, correction_forms(summary, prefix=_prefix(item), **made) if can_edit else None))
    return found


def render_case(case, failed=None):
    user = actor()
    items = page.items_with_updates(case)
    stage_rows = page.stages(case)
    paused_since = page.paused_since(case)
    can_change = access.can_change(user, case)
    may_decide = stages.may_decide(case, user)
    actions = page.available_actions(case, stage_rows, paused_since is not None,
                                     may_decide=may_decide) if can_change else set()
    classified = _classifications(items, can_change and learning.can_edit(user), failed)
    has_errors = any(form.errors for _, _, forms in classified for form in (forms or {}).values())
    access.record_view(user, case)
    events = page.events_newest_first(case)
    postal_letters = letters_to_post.for_case(case)
    suggested = None if case.service_id else next(
        (summary["service"].choice for _, summary, _ in classified if summary["service"].choice), None)
    return render_template(
        "cases/case.html", case=case, items=items, deadlines=page.deadline_rows(case),
        stage_rows=stage_rows, paused_since=paused_since, points=page.decision_points(case),
        events=events, event_links=page.event_links(case, events, user), can_change=can_change,
        stage1_handler=can_change and case.on_clock and not may_decide,
        actions=[(url_for(endpoint, case_id=case.id), STAGE_2_WORDS.get(name, text) if case.stage == 2 else text)
                 for name, endpoint, text in ACTION_LINKS if name in actions],
        classified=classified, has_errors=has_errors, suggested_service=suggested, similar=similar.similar_cases(case, user),
        can_see_mail=can_change, merged_cases=list(case.merged_cases), linked_actions=page.linked_actions(case, user),
        sentence_classes=learning.SENTENCE_CLASSES, labels={"ombudsmen": OMBUDSMEN, "channels": CHANNELS},
        day=page.day, today=page.today(), postal_letters=postal_letters,
        letters_by_event={letter.event_id: letter for letter in postal_letters})


@bp.route("/<id:case_id>")
@roles_required(*access.VIEW_ROLES)
def case(case_id):
    return render_case(load(case_id))


def _case_item(case, item_id):
    item = (FeedbackItem.select().join(CaseItem, on=(CaseItem.item == FeedbackItem.id))
            .where(CaseItem.case == case, FeedbackItem.id == item_id).first())
    if item is None:
        abort(404)
    return item


@bp.route("/<id:case_id>/items/<id:item_id>/sentiment", methods=["POST"])
@roles_required(*access.CHANGE_ROLES)
def set_sentiment(case_id, item_id):
    case = load(case_id, change=True)
    item = _case_item(case, item_id)
    form = SentimentForm(prefix=_prefix(item))
    if not form.validate_on_submit():
        return render_case(case, failed=(item.id, {"sentiment": form}))
    corrections.correct_sentiment(case, item, form.sentiment.data, actor=actor())
    flash(f"Sentiment of {item.reference} saved. Thank you: the next model learns from it.", "success")
    return _back_to(case, item)


@bp.route("/<id:case_id>/items/<id:item_id>/service", methods=["POST"])
@roles_required(*access.CHANGE_ROLES)
def set_service(case_id, item_id):
    case = load(case_id, change=True)
    item = _case_item(case, item_id)
    form = ServiceAreaForm(taxonomy.active_topics("service"), prefix=_prefix(item))

    def save():
        moved = corrections.correct_service(case, item, form.service_area.data, actor=actor())
        return (f"Service area of {item.reference} saved" + (f"; the case moved to {case.service.name}" if moved else "")
                + ". Thank you: the next model learns from it.")
    return _correct(case, item, "service", form, form.service_area, save)


@bp.route("/<id:case_id>/items/<id:item_id>/themes", methods=["POST"])
@roles_required(*access.CHANGE_ROLES)
def set_themes(case_id, item_id):
    case = load(case_id, change=True)
    item = _case_item(case, item_id)
    form = ThemesForm(taxonomy.active_topics("theme"), prefix=_prefix(item))

    def save():
        corrections.correct_themes(case, item, form.keys(), actor=actor())
        return f"Themes of {item.reference} saved. Thank you: the next model learns from them."
    return _correct(case, item, "themes", form, form.themes, save)


def _correct(case, item, name, form, field, save):
    """An officer's correction of one item's label from `form`: `save()` makes it and returns
    the words to show; a refusal (a topic since retired, a case that cannot move) is shown at
    `field` on the case page, with what was chosen."""
    if form.validate_on_submit():
        try:
            saved = save()
        except (UnknownTopic, LabelError, CaseError) as error:
            field.errors = [str(error)]
        else:
            flash(saved, "success")
            return _back_to(case, item)
    return render_case(case, failed=(item.id, {name: form}))


def _back_to(case, item):
    return redirect(url_for("cases.case", case_id=case.id, _anchor=f"classification-{item.id}"))
