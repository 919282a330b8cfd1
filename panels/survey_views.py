"""Panel surveys for staff: send a survey from the survey builder to a panel's members.

- /staff/panels/<id>/surveys: choose an open survey and send it (facilitators of the panel,
  administrators); earlier sends are listed.
- /staff/panels/surveys/<id>: from a survey's own page, the panels it could go to.
"""
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import SelectField
from wtforms.validators import ValidationError

from app.auth.access import roles_required
from app.auth.roles import ADMINISTRATOR, PANEL_FACILITATOR
from app.forms import show_error
from panels import access, survey_send
from surveys.models import Survey
from surveys.services import availability

bp = Blueprint("panel_surveys", __name__, template_folder="templates")


class SendForm(FlaskForm):
    # The choice is checked by survey_send.send, which says what is wrong in words.
    survey = SelectField("Survey", coerce=str, validate_choice=False,
                         description="Only surveys that are published and open are listed.")

    def __init__(self, *args, surveys=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.survey.choices = [("", "Choose a survey")] + [(str(s.id), f"{s.title} ({s.service.name})")
                                                          for s in surveys]

    def validate_survey(self, field):
        if not field.data:
            raise ValidationError("Choose the survey to send")
        if not (field.data.isascii() and field.data.isdigit() and len(field.data) < 19):
            raise ValidationError("Choose a survey that is published and open")


@bp.route("/staff/panels/<id:panel_id>/surveys", methods=["GET", "POST"])
@roles_required(ADMINISTRATOR, PANEL_FACILITATOR)
def send(panel_id):
    panel = access.run_panel_or_404(current_user, panel_id)
    surveys = survey_send.sendable_surveys()
    chosen = request.args.get("survey", "")
    form = SendForm(surveys=surveys, data={"survey": chosen if chosen.isdigit() else ""})
    if form.validate_on_submit():
        survey = Survey.get_or_none(Survey.id == int(form.survey.data))
        try:
            record, skipped = survey_send.send(panel, survey, actor=current_user)
        except survey_send.SendError as error:
            show_error(form, error)
        else:
            flash(f"“{survey.title}” sent to {record.invited} member{'s' if record.invited != 1 else ''}"
                  + (f"; {skipped} already invited" if skipped else ""), "success")
            return redirect(url_for("panel_surveys.send", panel_id=panel.id))
    return render_template("panels/survey_send.html", panel=panel, form=form, sends=survey_send.sends(panel),
                           members=len(survey_send.current_memberships(panel)),
                           back_url=url_for("panels_staff.panel", panel_id=panel.id))


@bp.route("/staff/panels/surveys/<id:survey_id>")
@roles_required(ADMINISTRATOR, PANEL_FACILITATOR)
def choose_panel(survey_id):
    survey = Survey.get_or_none(Survey.id == survey_id) or abort(404)
    return render_template("panels/survey_choose_panel.html", survey=survey,
                           panels=access.panels_run_by(current_user),
                           open=availability(survey) == "open")
