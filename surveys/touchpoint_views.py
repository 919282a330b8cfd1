"""Staff pages for touchpoints: place a survey, and download its QR code and poster."""
from flask import Blueprint, abort, current_app, flash, redirect, render_template, url_for
from flask_login import current_user

from app.auth.access import roles_required
from app.org.models import ServiceArea
from surveys import poster, qr, services, touchpoints
from surveys.builder_forms import TouchpointForm
from surveys.models import Touchpoint
from surveys.views import MANAGERS, services_for, survey_or_404

bp = Blueprint("survey_touchpoints", __name__, url_prefix="/staff/surveys", template_folder="templates")


def _touchpoint_or_404(touchpoint_id):
    touchpoint = Touchpoint.get_or_none(Touchpoint.id == touchpoint_id)
    if touchpoint is None:
        abort(404)
    if not services.can_manage(current_user, touchpoint.survey):
        abort(403)
    return touchpoint


def _url(touchpoint):
    return touchpoints.public_url(touchpoint, current_app.config["HEARD"])


def _download(body, mimetype, filename):
    response = current_app.make_response(body)
    response.mimetype = mimetype
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "private, max-age=300"
    return response


@bp.route("/<id:survey_id>/touchpoints/new", methods=["GET", "POST"])
@roles_required(*MANAGERS)
def new_touchpoint(survey_id):
    survey = survey_or_404(survey_id)
    form = TouchpointForm(services=services_for(current_user) or [survey.service],
                          data={"service": survey.service_id})
    if form.validate_on_submit():
        touchpoint = touchpoints.create_touchpoint(
            survey, name=form.name.data, channel=form.channel.data,
            service=ServiceArea.get_by_id(form.service.data), actor=current_user)
        flash(f"Touchpoint added. Its address is {_url(touchpoint)}", "success")
        return redirect(url_for("surveys.show", survey_id=survey.id))
    return render_template("surveys/touchpoint_form.html", form=form, survey=survey)


@bp.route("/touchpoints/<id:touchpoint_id>/<action>", methods=["POST"])
@roles_required(*MANAGERS)
def change_touchpoint(touchpoint_id, action):
    """`action` is close or reopen."""
    touchpoint = _touchpoint_or_404(touchpoint_id)
    if action not in ("close", "reopen"):
        abort(404)
    touchpoints.set_active(touchpoint, action == "reopen", actor=current_user)
    flash(f"{touchpoint.name} is {'open again' if action == 'reopen' else 'closed'}", "success")
    return redirect(url_for("surveys.show", survey_id=touchpoint.survey_id))


@bp.route("/touchpoints/<id:touchpoint_id>/qr.png")
@roles_required(*MANAGERS)
def qr_png(touchpoint_id):
    touchpoint = _touchpoint_or_404(touchpoint_id)
    return _download(qr.png(_url(touchpoint)), "image/png", f"survey-{touchpoint.code}.png")


@bp.route("/touchpoints/<id:touchpoint_id>/qr.svg")
@roles_required(*MANAGERS)
def qr_svg(touchpoint_id):
    touchpoint = _touchpoint_or_404(touchpoint_id)
    return _download(qr.svg(_url(touchpoint)), "image/svg+xml", f"survey-{touchpoint.code}.svg")


@bp.route("/touchpoints/<id:touchpoint_id>/poster.pdf")
@roles_required(*MANAGERS)
def poster_pdf(touchpoint_id):
    touchpoint = _touchpoint_or_404(touchpoint_id)
    settings = current_app.config["HEARD"]
    body = poster.render(touchpoint, _url(touchpoint), council_name=settings.council_name,
                         council_colour=settings.council_colour)
    return _download(body, "application/pdf", f"survey-poster-{touchpoint.code}.pdf")
