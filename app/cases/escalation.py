"""The resident's stage 2 request: the link in the stage 1 response
(/complaint/escalate/<token>, signed by app.cases.letters) opens a one-question form; sending
it asks for a stage 2 review (app.cases.stages.request_stage2).

A public form (app.publicforms): no CAPTCHA, a honeypot, a rate limit on POSTs, and the
answer survives an expired session. The page shows only the case's reference: whoever holds
the link sees nothing else about the complaint.
"""
import logging

from flask import Blueprint, redirect, render_template, request, url_for
from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from wtforms import TextAreaField
from wtforms.validators import ValidationError

from app.cases import clocks, letters, stages
from app.cases.rules import CaseError
from app.feedback import services as feedback_services
from app.feedback.forms import MaxChars, no_nul
from app.publicforms import PublicForm, address_key, limit_public_posts

log = logging.getLogger(__name__)

bp = Blueprint("cases_public", __name__, template_folder="templates")
bp.public_forms = True

REASON_LIMIT = 5_000
NOT_ONLINE = _l("We could not record your request online. Please contact us and quote your "
                "reference number, and we will arrange your review.")


class EscalationForm(PublicForm):
    reason = TextAreaField(_l("Why are you unhappy with our stage 1 response?"), validators=[
        no_nul, MaxChars(REASON_LIMIT, _l("Your reasons"))])

    def validate_reason(self, field):
        if not (field.data if isinstance(field.data, str) else "").strip():
            raise ValidationError(gettext("Tell us why you are unhappy with our stage 1 response"))


def _case_or_invalid(token):
    case = letters.case_for_token(token)
    if case is None:
        return None, (render_template("cases/escalate_invalid.html"), 404)
    return case, None


def _acknowledge_by(case):
    due = clocks.current(case)
    return due.due_on if due is not None and due.stage == 2 and due.what == "acknowledge" else None


def _sent_page(case, just_sent):
    return render_template("cases/escalate_sent.html", case=case, just_sent=just_sent,
                           acknowledge_by=_acknowledge_by(case) if case is not None else None)


@bp.route("/complaint/escalate/<token>", methods=["GET", "POST"])
@limit_public_posts("escalate")
def escalate(token):
    case, invalid = _case_or_invalid(token)
    if invalid:
        return invalid
    if case.stage >= 2:
        return _sent_page(case, just_sent=False)
    form = EscalationForm()
    if request.method == "POST" and form.is_spam():
        feedback_services.record_spam("escalate", address_key())
        return _sent_page(None, just_sent=True)  # a bot sees a normal ending; nothing recorded
    problem = None
    if request.method == "POST" and form.validate():
        try:
            stages.request_stage2(case, form.reason.data)
        except CaseError as error:
            log.info("stage 2 request for case %s refused: %s", case.id, error)
            problem = NOT_ONLINE
        else:
            return redirect(url_for("cases_public.sent", token=token))
    return render_template("cases/escalate.html", form=form, case=case, problem=problem,
                           reason_limit=REASON_LIMIT)


@bp.route("/complaint/escalate/<token>/sent")
def sent(token):
    case, invalid = _case_or_invalid(token)
    if invalid:
        return invalid
    if case.stage < 2:
        return redirect(url_for("cases_public.escalate", token=token))
    return _sent_page(case, just_sent=True)
