"""The staff survey builder: surveys, questions, versions, touchpoints, invitations, results."""
from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user

from app.auth.access import roles_required
from app.auth.roles import ADMINISTRATOR, ANALYST, COMPLAINTS_OFFICER, SERVICE_LEAD
from app.csvout import csv_response
from app.mail import about
from app.org.models import ServiceArea
from surveys import invitations, results, services, touchpoints, versions
from surveys.builder_forms import InviteForm, QuestionForm, SurveyForm
from surveys.models import Invitation, Survey

bp = Blueprint("surveys", __name__, url_prefix="/staff/surveys", template_folder="templates")
MANAGERS = (ADMINISTRATOR, ANALYST, SERVICE_LEAD)
# The staff page for one feedback item, once there is one: free-text answers link to it.
FEEDBACK_ITEM_ENDPOINT = "feedback_staff.item"


def services_for(user):
    """The services a member of staff may put a survey in."""
    query = ServiceArea.ordered()
    if user.role == SERVICE_LEAD:
        query = query.where(ServiceArea.id.in_(list(user.service_ids()) or [0]))
    return list(query)


def survey_or_404(survey_id):
    """The survey, if this member of staff may manage it (403 otherwise)."""
    survey = Survey.get_or_none(Survey.id == survey_id)
    if survey is None:
        abort(404)
    if not services.can_manage(current_user, survey):
        abort(403)
    return survey


@bp.route("/")
@roles_required(*MANAGERS, COMPLAINTS_OFFICER)
def index():
    surveys = list(services.visible_surveys(current_user))
    return render_template("surveys/index.html", surveys=surveys, availability=services.availability,
                           can_create=current_user.role in MANAGERS)


def _settings_form(user, services, **kwargs):
    """The settings form; only administrators choose the survey that follows closed complaints
    (it goes to residents of every service)."""
    form = SurveyForm(services=services, **kwargs)
    if user.role != ADMINISTRATOR:
        del form.after_complaints
    return form


@bp.route("/new", methods=["GET", "POST"])
@roles_required(*MANAGERS)
def new():
    form = _settings_form(current_user, services_for(current_user))
    if form.validate_on_submit():
        survey = services.create_survey(actor=current_user, **form.values())
        flash("Survey created. Now add its questions.", "success")
        return redirect(url_for("surveys.show", survey_id=survey.id))
    return render_template("surveys/survey_form.html", form=form, survey=None)


@bp.route("/<id:survey_id>")
@roles_required(*MANAGERS)
def show(survey_id):
    survey = survey_or_404(survey_id)
    latest = versions.latest_version(survey)
    live = services.live_version(survey)
    settings = current_app.config["HEARD"]
    return render_template(
        "surveys/show.html", survey=survey, latest=latest, live=live,
        questions=versions.questions(latest) if latest else [], draft=versions.has_draft(survey),
        versions=results.response_counts(survey), availability=services.availability(survey),
        touchpoints=[(t, touchpoints.public_url(t, settings)) for t in touchpoints.touchpoints(survey)])


@bp.route("/<id:survey_id>/edit", methods=["GET", "POST"])
@roles_required(*MANAGERS)
def edit(survey_id):
    survey = survey_or_404(survey_id)
    form = _settings_form(current_user, services_for(current_user) or [survey.service], data={
        "title": survey.title, "service": survey.service_id, "welcome_text": survey.welcome_text,
        "thank_you_text": survey.thank_you_text, "anonymous": "yes" if survey.anonymous else "no",
        "opens_on": survey.opens_on, "closes_on": survey.closes_on, "formats_phone": survey.formats_phone,
        "after_complaints": "yes" if survey.after_complaints else "no"})
    if form.validate_on_submit():
        services.update_survey(survey, actor=current_user, **form.values())
        flash("Survey settings saved", "success")
        return redirect(url_for("surveys.show", survey_id=survey.id))
    return render_template("surveys/survey_form.html", form=form, survey=survey)


@bp.route("/<id:survey_id>/questions/new", methods=["GET", "POST"])
@roles_required(*MANAGERS)
def new_question(survey_id):
    survey = survey_or_404(survey_id)
    form = QuestionForm()
    if form.validate_on_submit():
        versions.add_question(survey, actor=current_user, **form.values())
        flash("Question added to the draft", "success")
        return redirect(url_for("surveys.show", survey_id=survey.id))
    return render_template("surveys/question_form.html", form=form, survey=survey, question=None,
                           frozen=not versions.has_draft(survey))


@bp.route("/<id:survey_id>/questions/<key>/edit", methods=["GET", "POST"])
@roles_required(*MANAGERS)
def edit_question(survey_id, key):
    survey = survey_or_404(survey_id)
    question = versions.find_question(survey, key)
    if question is None:
        abort(404)
    form = QuestionForm(data={"kind": question.kind, "text": question.text, "help_text": question.help_text,
                              "required": "yes" if question.required else "no", "options": question.options})
    if form.validate_on_submit():
        try:
            versions.edit_question(survey, key, actor=current_user, **form.values())
        except versions.VersionError:
            abort(404)
        flash("Question saved in the draft", "success")
        return redirect(url_for("surveys.show", survey_id=survey.id))
    return render_template("surveys/question_form.html", form=form, survey=survey, question=question,
                           frozen=not versions.has_draft(survey))


@bp.route("/<id:survey_id>/questions/<key>/<action>", methods=["POST"])
@roles_required(*MANAGERS)
def change_question(survey_id, key, action):
    """`action` is up, down or remove."""
    survey = survey_or_404(survey_id)
    if action not in ("up", "down", "remove"):
        abort(404)
    try:
        if action == "remove":
            versions.remove_question(survey, key, actor=current_user)
            flash("Question removed from the draft", "success")
        else:
            versions.move_question(survey, key, action, actor=current_user)
    except versions.VersionError:
        abort(404)
    return redirect(url_for("surveys.show", survey_id=survey.id))


@bp.route("/<id:survey_id>/publish", methods=["POST"])
@roles_required(*MANAGERS)
def publish(survey_id):
    survey = survey_or_404(survey_id)
    try:
        version = versions.publish(survey, actor=current_user)
    except versions.VersionError as error:
        flash(str(error), "info")
    else:
        flash(f"Version {version.number} is now live", "success")
    return redirect(url_for("surveys.show", survey_id=survey.id))


@bp.route("/<id:survey_id>/results")
@roles_required(*MANAGERS)
def show_results(survey_id):
    survey = survey_or_404(survey_id)
    counts = results.response_counts(survey)
    number = request.args.get("version", "")
    chosen = next((v for v, _ in counts if str(v.number) == number), None)
    if chosen is None:  # the live version, else the newest with answers, else the newest
        chosen = services.live_version(survey) or next((v for v, n in counts if n), None) \
            or (counts[0][0] if counts else None)
    return render_template("surveys/results.html", survey=survey, counts=counts, version=chosen,
                           by_touchpoint=results.by_touchpoint(survey), by_channel=results.by_channel(survey),
                           questions=results.version_results(chosen) if chosen else [],
                           total=sum(n for _, n in counts), feedback_url=_feedback_url())


def _feedback_url():
    if FEEDBACK_ITEM_ENDPOINT not in current_app.view_functions:
        return None
    return lambda item: url_for(FEEDBACK_ITEM_ENDPOINT, item_id=item.id)


@bp.route("/<id:survey_id>/results.csv")
@roles_required(*MANAGERS)
def export(survey_id):
    survey = survey_or_404(survey_id)
    return csv_response(results.export_rows(survey), f"survey-{survey.id}-responses.csv")


@bp.route("/<id:survey_id>/invite", methods=["GET", "POST"])
@roles_required(*MANAGERS)
def invite(survey_id):
    survey = survey_or_404(survey_id)
    form = InviteForm()
    report = None
    if form.validate_on_submit():
        try:
            invited, skipped, problems = invitations.invite_many(
                survey, form.addresses.data, expires_in_days=form.expires_in_days.data, actor=current_user)
        except invitations.InvitationError as error:
            form.addresses.errors = [str(error)]
        else:
            report = {"invited": len(invited), "skipped": skipped, "problems": problems}
            if not problems:
                flash(f"{len(invited)} invitation{'s' if len(invited) != 1 else ''} sent"
                      + (f"; {skipped} already invited" if skipped else ""), "success")
                return redirect(url_for("surveys.show", survey_id=survey.id))
    return render_template("surveys/invite.html", form=form, survey=survey, report=report,
                           open=services.availability(survey) == "open",
                           lines=(form.addresses.data or "").splitlines())


def register_outbox_words(app):
    """The Outbox says what a survey invitation is about (app.wiring calls this)."""
    about.register(app, Invitation._meta.table_name, describe_invitations)


def describe_invitations(ids, user):
    """For the Outbox (app.mail.about): an invitation is about its survey, or about the case
    (or other record) it followed, with the survey named beside it."""
    found = {}
    for invitation in Invitation.select(Invitation, Survey).join(Survey).where(Invitation.id.in_(ids)):
        survey = invitation.survey
        words = f"Survey ‘{survey.title}’"
        url = url_for("surveys.show", survey_id=survey.id) if services.can_manage(user, survey) else ""
        via = ((invitation.related_type, int(invitation.related_id))
               if invitation.related_type and invitation.related_id.isdigit() else ())
        found[invitation.id] = about.About(f"About survey ‘{survey.title}’", url, words if via else "", via)
    return found
