"""Staff pages for one item (its words, sentiment by sentence, service area and themes apart,
safeguarding reasons, repeats, one-click corrections per head), the review queue and the
urgent queue."""
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from app.auth.access import roles_required
from app.auth.roles import SERVICE_LEAD
from app.cases import access as case_access
from app.cases.item_case import item_case
from app.feedback.models import FeedbackItem
from app.learning import calibration, labels, review, services, signals, taxonomy
from app.learning.forms import (ConfirmForm, FlagDecisionForm, SentimentForm, ServiceAreaForm,
                                ThemesForm, correction_forms)
from app.learning.models import TASKS, SafeguardingFlag
from app.learning.taxonomy import UnknownTopic

bp = Blueprint("feedback_staff", __name__, url_prefix="/staff/feedback", template_folder="templates")


def _item_or_404(item_id):
    item = FeedbackItem.get_or_none(FeedbackItem.id == item_id)
    if item is None:
        abort(404)
    in_case = case_access.case_of_item(item) is not None
    if current_user.role == SERVICE_LEAD and not in_case and item.service_id not in current_user.service_ids():
        abort(404)  # as for a case: whether it exists is not revealed
    if not case_access.may_see_item(current_user, item):  # in a case they may not see
        abort(404)
    return item


def _render_item(item, forms=None, status=200):
    summary = services.item_summary(item)
    forms = correction_forms(summary, **(forms or {}))
    return render_template("learning/item.html", item=item, summary=summary, forms=forms,
                           can_edit=services.can_edit(current_user),
                           in_case=item_case(current_user, item),
                           can_open_cases=current_user.role in case_access.CHANGE_ROLES,
                           sentence_classes=services.SENTENCE_CLASSES,
                           has_errors=any(form.errors for form in forms.values())), status


@bp.route("/<id:item_id>")
@roles_required(*services.READERS)
def item(item_id):
    item = _item_or_404(item_id)
    case = case_access.case_of_item(item)
    if case is not None and case.special_category:  # a special-category case's words: audited like its page
        case_access.record_view(current_user._get_current_object(), case, f"feedback {item.reference} of case")
    return _render_item(item)


@bp.route("/<id:item_id>/sentiment", methods=["POST"])
@roles_required(*services.EDITORS)
def set_sentiment(item_id):
    item = _item_or_404(item_id)
    form = SentimentForm()
    if not form.validate_on_submit():
        return _render_item(item, {"sentiment": form})
    labels.label_sentiment(item, form.sentiment.data, actor=current_user)
    flash("Sentiment saved. Thank you: the next model learns from it.", "success")
    return redirect(url_for("feedback_staff.item", item_id=item.id))


@bp.route("/<id:item_id>/service", methods=["POST"])
@roles_required(*services.EDITORS)
def set_service(item_id):
    item = _item_or_404(item_id)
    form = ServiceAreaForm(taxonomy.active_topics("service"))
    return _save_label(item, "service", form, form.service_area,
                       lambda: labels.label_service(item, form.service_area.data, actor=current_user),
                       "Service area saved. Thank you: the next model learns from it.")


@bp.route("/<id:item_id>/themes", methods=["POST"])
@roles_required(*services.EDITORS)
def set_themes(item_id):
    item = _item_or_404(item_id)
    form = ThemesForm(taxonomy.active_topics("theme"))
    return _save_label(item, "themes", form, form.themes,
                       lambda: labels.label_themes(item, form.keys(), actor=current_user),
                       "Themes saved. Thank you: the next model learns from them.")


def _save_label(item, name, form, field, save, saved):
    """An officer's label from `form`: `save()` stores it and the item page says `saved`; a
    refusal (a topic since retired, a missing choice) is shown at `field`, with what was chosen."""
    if form.validate_on_submit():
        try:
            save()
        except (UnknownTopic, labels.LabelError) as error:
            field.errors = [str(error)]
        else:
            flash(saved, "success")
            return redirect(url_for("feedback_staff.item", item_id=item.id))
    return _render_item(item, {name: form})


@bp.route("/<id:item_id>/confirm", methods=["POST"])
@roles_required(*services.EDITORS)
def confirm(item_id):
    item = _item_or_404(item_id)
    form = ConfirmForm()
    number = review.page_number(form.page.data)
    if form.validate_on_submit():
        try:
            labels.confirm(item, form.head.data, request.form.get("value", ""), actor=current_user)
        except (UnknownTopic, labels.LabelError) as error:
            flash(f"{item.reference}: {error}", "info")
        else:
            flash(f"{item.reference}: {TASKS.get(form.head.data, 'answer').lower()} saved", "success")
    else:
        flash("That form has expired. Try again.", "info")
    return redirect(url_for("feedback_staff.review", page=number if number > 1 else None))


@bp.route("/review", endpoint="review")
@roles_required(*services.EDITORS)
def review_queue():
    found = review.page(case_access.item_scope(current_user), review.page_number(request.args.get("page")))
    return render_template("learning/review.html", page=found, form=ConfirmForm(), review=review)


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
