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
from app.learning import services as learning
from app.learning.forms import SentimentForm, TopicsForm
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


def _correction_forms(item, summary, sentiment_form=None, topics_form=None):
    prefix = _prefix(item)
    if sentiment_form is None:
        chosen = summary["labels"]["sentiment"] or (summary["prediction"].sentiment if summary["prediction"] else None)
        sentiment_form = SentimentForm(prefix=prefix, formdata=None, data={"sentiment": chosen})
    if topics_form is None:
        topics_form = TopicsForm(summary["topics"], prefix=prefix, formdata=None,
                                 data={"topics": learning.initial_topics(summary)})
    return sentiment_form, topics_form


def _classifications(items, can_edit, failed=None):
    """Per item: (item, summary, sentiment form, topics form); `failed` is (item_id, forms)."""
    found = []
    for item, _ in items:
        summary = learning.item_summary(item)
        forms = failed[1] if failed and failed[0] == item.id else {}
        sentiment_form, topics_form = _correction_forms(item, summary, **forms) if can_edit else (None, None)
        found.append((item, summary, sentiment_form, topics_form))
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
    has_errors = any(f is not None and f.errors for _, _, s, t in classified for f in (s, t))
    access.record_view(user, case)
    events = page.events_newest_first(case)
    postal_letters = letters_to_post.for_case(case)
    return render_template(
        "cases/case.html", case=case, items=items, deadlines=page.deadline_rows(case),
        stage_rows=stage_rows, paused_since=paused_since, points=page.decision_points(case),
        events=events, event_links=page.event_links(case, events, user), can_change=can_change,
        stage1_handler=can_change and case.on_clock and not may_decide,
        actions=[(url_for(endpoint, case_id=case.id), STAGE_2_WORDS.get(name, text) if case.stage == 2 else text)
                 for name, endpoint, text in ACTION_LINKS if name in actions],
        classified=classified, has_errors=has_errors, similar=similar.similar_cases(case, user),
        can_see_mail=can_change, merged_cases=list(case.merged_cases),
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
        return render_case(case, failed=(item.id, {"sentiment_form": form}))
    corrections.correct_sentiment(case, item, form.sentiment.data, actor=actor())
    flash(f"Sentiment of {item.reference} saved. Thank you: the next model learns from it.", "success")
    return redirect(url_for("cases.case", case_id=case.id, _anchor=f"classification-{item.id}"))


@bp.route("/<id:case_id>/items/<id:item_id>/topics", methods=["POST"])
@roles_required(*access.CHANGE_ROLES)
def set_topics(case_id, item_id):
    case = load(case_id, change=True)
    item = _case_item(case, item_id)
    topics = learning.item_summary(item)["topics"]
    form = TopicsForm(topics, prefix=_prefix(item))
    if form.validate_on_submit():
        try:
            corrections.correct_topics(case, item, form.topics.data, actor=actor(),
                                       names={t.key: t.name for t in topics})
        except (UnknownTopic, LabelError) as error:
            form.topics.errors = [str(error)]
        else:
            flash(f"Topics of {item.reference} saved. Thank you: the next model learns from them.", "success")
            return redirect(url_for("cases.case", case_id=case.id, _anchor=f"classification-{item.id}"))
    return render_case(case, failed=(item.id, {"topics_form": form}))
