"""The stage actions of a case, as form pages at /staff/cases/<id>/<action>: the response
(a decision with reasons on each point), stage 2 on the resident's behalf, the stage 2
reviewer, the Ombudsman, closing and reopening. Shaped like app.cases.action_views.
"""
from flask import Blueprint, flash, redirect, render_template, request, url_for

from app.auth.models import User
from app.cases import closing, queue_queries, stages
from app.cases.action_views import action_page, refuse_stage1_handler, route
from app.cases.forms import (CloseForm, OmbudsmanOutcomeForm, OmbudsmanReferralForm, ReasonForm,
                             RespondForm, ReviewerForm, Stage2RequestForm)
from app.cases.models import OUTCOMES, CaseStage
from app.cases.rules import CaseError
from app.cases.views import actor, load
from app.forms import show_error

bp = Blueprint("case_stages", __name__, url_prefix="/staff/cases", template_folder="templates")


def stage_route(rule, endpoint=None):
    """Like action_views.route, on this module's blueprint."""
    return route(rule, endpoint, blueprint=bp)


def _pounds(pence):
    return "" if pence is None else f"{pence / 100:.2f}".removesuffix(".00")


@stage_route("respond")
def respond(case_id):
    """The response letter. "Add another point" posts the form back and shows it again with
    one more empty point (no JavaScript needed); nothing typed is lost."""
    case = load(case_id, change=True)
    refused = refuse_stage1_handler(case, "send the stage 2 response")
    if refused is not None:
        return refused
    form = RespondForm(data=None if request.method == "POST" else {
        "remedy_apology": case.remedy_apology, "remedy_action": case.remedy_action,
        "remedy_financial": _pounds(case.remedy_financial_pence)})
    if request.method == "POST" and "add_point" in request.form:
        form.add_row()
    elif form.validate_on_submit():
        try:
            stages.respond(case, form.point_list(), remedy_apology=form.remedy_apology.data,
                           remedy_action=form.remedy_action.data or "", remedy_financial_pence=form.pence,
                           outstanding_actions=form.outstanding_actions.data or "",
                           ombudsman=(form.ombudsman.data or "") if case.stage == 2 else "", actor=actor())
        except CaseError as error:
            show_error(form, error)
        else:
            flash(f"The stage {case.stage} response is on its way to the resident.", "success")
            return redirect(url_for("cases.case", case_id=case.id))
    return render_template("cases/respond.html", case=case, form=form, outcomes=OUTCOMES)


@stage_route("stage-2", endpoint="stage2")
def stage2(case_id):
    return action_page(
        case_id, lambda case: Stage2RequestForm(),
        lambda case, form: stages.request_stage2(case, form.reason.data, actor=actor()),
        title="Ask for stage 2 on the resident's behalf", button="Ask for stage 2",
        intro="Do this when the resident tells you by phone, letter or in person that they are unhappy "
              "with the stage 1 response. (They can also use the link in the response email.)",
        done="Stage 2 review requested. Acknowledge it within 5 working days.")


@stage_route("reviewer")
def reviewer(case_id):
    def make_form(case):
        handlers = stages.stage1_handlers(case)
        users = [u for u in queue_queries.assignable_users() if u.id not in handlers]
        row = CaseStage.get_or_none(CaseStage.case == case, CaseStage.number == 2)
        return ReviewerForm(users, data={"reviewer": row.handler_id if row and row.handler_id else 0})

    def perform(case, form):
        stages.set_reviewer(case, User.get_or_none(User.id == form.reviewer.data), actor=actor())

    return action_page(case_id, make_form, perform, title="Choose the stage 2 reviewer", button="Choose",
                       intro="The stage 2 review must be done by someone who did not handle stage 1. "
                             "The case is assigned to them.",
                       done=lambda case: f"{case.assigned_to.name} will review stage 2.")


@stage_route("ombudsman")
def ombudsman(case_id):
    return action_page(
        case_id, lambda case: OmbudsmanReferralForm(),
        lambda case, form: stages.refer_to_ombudsman(case, form.ombudsman.data, actor=actor()),
        title="Record a referral to the Ombudsman", button="Record the referral",
        done="Referral to the Ombudsman recorded.")


@stage_route("ombudsman-outcome", endpoint="ombudsman_outcome")
def ombudsman_outcome(case_id):
    return action_page(
        case_id, lambda case: OmbudsmanOutcomeForm(),
        lambda case, form: stages.record_ombudsman_outcome(case, form.outcome.data, actor=actor()),
        title="Record the Ombudsman's outcome", button="Record the outcome",
        done="The Ombudsman's outcome is recorded.")


@stage_route("close")
def close(case_id):
    def make_form(case):
        return CloseForm(case.kind, data=None if request.method == "POST" else {
            "remedy_apology": case.remedy_apology, "remedy_action": case.remedy_action,
            "remedy_financial": _pounds(case.remedy_financial_pence)})

    def perform(case, form):
        return closing.close(case, form.outcome.data or "", remedy_apology=form.remedy_apology.data,
                             remedy_action=form.remedy_action.data or "", remedy_financial_pence=form.pence,
                             root_cause=form.root_cause.data or "", lessons_learnt=form.lessons_learnt.data or "",
                             actions=form.action_list, actor=actor())

    return action_page(case_id, make_form, perform, title="Close the case", button="Close the case",
                       intro="The resident is told the case is closed and asked how we did.",
                       done="Case closed.", field_classes={"remedy_financial": "govuk-input--width-10"})


@stage_route("reopen")
def reopen(case_id):
    return action_page(
        case_id, lambda case: ReasonForm(), lambda case, form: closing.reopen(case, form.reason.data, actor=actor()),
        title="Reopen the case", button="Reopen", done="Case reopened.")
