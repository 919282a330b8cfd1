"""Staff pages for one item (its words, sentiment by sentence, topics, safeguarding reasons,
repeats, one-click corrections), the review queue and the urgent queue."""
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from app.auth.access import roles_required
from app.auth.roles import SERVICE_LEAD
from app.cases import access as case_access
from app.cases.item_case import item_case
from app.feedback.models import FeedbackItem
from app.learning import calibration, labels, services, signals
from app.learning.forms import ActionForm, FlagDecisionForm, SentimentForm, TopicsForm
from app.learning.models import SafeguardingFlag
from app.learning.taxonomy import UnknownTopic

bp = Blueprint("feedback_staff", __name__, url_prefix="/staff/feedback", template_folder="templates")


def _item_or_404(item_id):
    item = FeedbackItem.get_or_none(FeedbackItem.id == item_id)
    if item is None:
        abort(404)
    if current_user.role == SERVICE_LEAD and item.service_id not in current_user.service_ids():
        abort(403)
    if not case_access.may_see_item(current_user, item):  # in a special-category case
        abort(404)
    return item


def _render_item(item, sentiment_form=None, topics_form=None, status=200):
    summary = services.item_summary(item)
    sentiment_form = sentiment_form or SentimentForm(
        data={"sentiment": summary["labels"]["sentiment"] or
              (summary["prediction"].sentiment if summary["prediction"] else None)})
    topics_form = topics_form or TopicsForm(summary["topics"], data={"topics": services.initial_topics(summary)})
    return render_template("learning/item.html", item=item, summary=summary, sentiment_form=sentiment_form,
                           topics_form=topics_form, can_edit=services.can_edit(current_user),
                           in_case=item_case(current_user, item),
                           can_open_cases=current_user.role in case_access.CHANGE_ROLES,
                           sentence_classes=services.SENTENCE_CLASSES, has_errors=bool(
                               sentiment_form.errors or topics_form.errors)), status


@bp.route("/<id:item_id>")
@roles_required(*services.READERS)
def item(item_id):
    return _render_item(_item_or_404(item_id))


@bp.route("/<id:item_id>/sentiment", methods=["POST"])
@roles_required(*services.EDITORS)
def set_sentiment(item_id):
    item = _item_or_404(item_id)
    form = SentimentForm()
    if not form.validate_on_submit():
        return _render_item(item, sentiment_form=form)
    labels.label_sentiment(item, form.sentiment.data, actor=current_user)
    flash("Sentiment saved. Thank you: the next model learns from it.", "success")
    return redirect(url_for("feedback_staff.item", item_id=item.id))


@bp.route("/<id:item_id>/topics", methods=["POST"])
@roles_required(*services.EDITORS)
def set_topics(item_id):
    item = _item_or_404(item_id)
    form = TopicsForm(services.item_summary(item)["topics"])
    if form.validate_on_submit():
        try:
            labels.label_topics(item, form.topics.data, actor=current_user)
        except (UnknownTopic, labels.LabelError) as error:
            form.topics.errors = [str(error)]
        else:
            flash("Topics saved. Thank you: the next model learns from them.", "success")
            return redirect(url_for("feedback_staff.item", item_id=item.id))
    return _render_item(item, topics_form=form)


@bp.route("/<id:item_id>/confirm", methods=["POST"])
@roles_required(*services.EDITORS)
def confirm(item_id):
    item = _item_or_404(item_id)
    form = ActionForm()
    if form.validate_on_submit():
        try:
            labels.confirm(item, actor=current_user)
        except labels.LabelError as error:
            flash(str(error), "info")
        else:
            flash(f"{item.reference} confirmed", "success")
    else:
        flash("That form has expired. Try again.", "info")
    return redirect(url_for("feedback_staff.review"))


@bp.route("/review")
@roles_required(*services.EDITORS)
def review():
    items = labels.review_queue(scope=case_access.item_scope(current_user))
    return render_template("learning/review.html", items=items, form=ActionForm(),
                           sentiment_below=labels.REVIEW_SENTIMENT_BELOW, topic_below=labels.REVIEW_TOPIC_BELOW)


@bp.route("/urgent")
@roles_required(*services.EDITORS)
def urgent():
    flags = services.open_flags()
    hidden = case_access.hidden_item_ids(current_user, [flag.item_id for flag in flags])
    return render_template("learning/urgent.html", flags=[f for f in flags if f.item_id not in hidden],
                           form=FlagDecisionForm(), calibrated=calibration.in_force())


DECIDED = {"concern": "{} confirmed as a safeguarding concern", "not_concern": "{} reviewed: not a concern"}


@bp.route("/urgent/<id:flag_id>/reviewed", methods=["POST"])
@roles_required(*services.EDITORS)
def flag_reviewed(flag_id):
    flag = SafeguardingFlag.get_or_none(SafeguardingFlag.id == flag_id)
    if flag is None or case_access.hidden_item_ids(current_user, [flag.item_id]):
        abort(404)
    form = FlagDecisionForm()
    if form.validate_on_submit():
        signals.review_flag(flag, form.decision.data, actor=current_user)
        flash(DECIDED[form.decision.data].format(flag.item.reference), "success")
    elif form.csrf_token.errors:
        flash("That form has expired. Try again.", "info")
    else:
        flash("Choose confirmed concern or not a concern.", "info")
    return redirect(request.form.get("next_page") == "item" and
                    url_for("feedback_staff.item", item_id=flag.item_id) or url_for("feedback_staff.urgent"))
