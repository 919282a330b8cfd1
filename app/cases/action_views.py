"""The case page's everyday actions, each a small form page at /staff/cases/<id>/<action>:
acknowledge, extend, pause and restart the clock, holding letter, note, call, assign, link
another item, merge, split, and change between complaint and service request.

Every page is the same shape (`action_page`): check the officer may change the case,
validate the form, call one service, and go back to the case; a refusal from the service
(CaseError) is shown on the form with everything typed kept.
"""
from flask import Blueprint, abort, flash, redirect, render_template, url_for

from app.auth.access import roles_required
from app.auth.models import User
from app.cases import access, assignment, queue_queries, refusals, services, stages
from app.cases.forms import (CALL_DIRECTIONS, AcknowledgeForm, ActionForm, AssignForm, CallForm, HoldingForm,
                             LinkForm, MergeForm, NoteForm, PauseForm, ReasonForm, RefuseForm, SplitForm,
                             extend_form)
from app.cases.models import Case, CaseStage
from app.cases.page import items_with_updates
from app.cases.rules import CaseError
from app.cases.views import actor, load
from app.feedback.models import FeedbackItem
from app.forms import show_error

bp = Blueprint("case_actions", __name__, url_prefix="/staff/cases", template_folder="templates")
ACKNOWLEDGE_TITLES = {1: "Acknowledge the complaint", 2: "Acknowledge the stage 2 request"}


def action_page(case_id, make_form, perform, *, title, button, done, intro="", template="cases/action.html",
                **context):
    """GET shows the form; a valid POST calls `perform(case, form)` (which may raise
    CaseError) and returns to the case page (or where `perform` returns a case for)."""
    case = load(case_id, change=True)
    form = make_form(case)
    if form.validate_on_submit():
        try:
            result = perform(case, form)
        except CaseError as error:
            show_error(form, error)
        else:
            target = result if isinstance(result, Case) else case
            flash(done(target) if callable(done) else done, "success")
            return redirect(url_for("cases.case", case_id=target.id))
    return render_template(template, case=case, form=form, title=title, button=button, intro=intro,
                           **context)


def route(rule, endpoint=None, blueprint=None):
    """A GET/POST action route that only case changers reach."""
    def decorator(view):
        wrapped = roles_required(*access.CHANGE_ROLES)(view)
        return (blueprint or bp).route(f"/<id:case_id>/{rule}", methods=["GET", "POST"],
                                       endpoint=endpoint)(wrapped)
    return decorator


@route("acknowledge")
def acknowledge(case_id):
    return action_page(
        case_id, lambda case: AcknowledgeForm(),
        lambda case, form: stages.acknowledge(case, understanding=form.understanding.data or "", actor=actor()),
        title=ACKNOWLEDGE_TITLES.get(load(case_id).stage, ACKNOWLEDGE_TITLES[1]),
        button="Acknowledge and send the letter",
        intro="The resident is sent an acknowledgement letter that says when they will have a response.",
        done="Acknowledged. The letter is on its way.")


EXTEND_INTROS = {
    1: "The Complaint Handling Code allows one extension at stage 1, of up to 10 working days, "
       "with a reason the resident is told.",
    2: "The Complaint Handling Code allows one extension at stage 2, of up to 20 working days, with a "
       "reason. The resident's letter gives the new date, who to contact and the Ombudsman's details."}


@route("extend")
def extend(case_id):
    case = load(case_id, change=True)
    refused = refuse_stage1_handler(case, "extend the time for the stage 2 response")
    if refused is not None:
        return refused
    return action_page(
        case_id, lambda case: extend_form(case.stage),
        lambda case, form: stages.extend(case, form.days_value, form.reason.data,
                                         ombudsman=form.chosen_ombudsman, actor=actor()),
        title=f"Extend the time for the stage {case.stage} response", button="Extend and tell the resident",
        intro=EXTEND_INTROS.get(case.stage, EXTEND_INTROS[1]),
        done="Extended. The resident has been told the new date.",
        field_classes={"days": "govuk-input--width-3"})


def refuse_stage1_handler(case, what):
    """The refusal page (403) when the signed-in officer handled stage 1 and `case` is at
    stage 2, whose decisions must come from someone else; None when they may go on."""
    if stages.may_decide(case, actor()):
        return None
    row = CaseStage.get_or_none(CaseStage.case == case, CaseStage.number == 2)
    reviewer = row.handler if row is not None and row.handler_id else None
    return render_template("cases/stage2_refused.html", case=case, what=what, reviewer=reviewer), 403


@route("pause")
def pause(case_id):
    return action_page(
        case_id, lambda case: PauseForm(),
        lambda case, form: stages.pause(case, form.reason.data, message=form.message.data or "",
                                        actor=actor()),
        title="Pause the clock", button="Pause the clock",
        intro="Only pause while you wait for information that only the resident can give.",
        done="The clock is paused.")


@route("resume")
def resume(case_id):
    return action_page(
        case_id, lambda case: ActionForm(), lambda case, form: stages.resume(case, actor=actor()),
        title="Restart the clock", button="Restart the clock",
        intro="The deadline moves on by the working days the clock was paused.",
        done="The clock has restarted.")


@route("holding")
def holding(case_id):
    return action_page(
        case_id, lambda case: HoldingForm(),
        lambda case, form: stages.send_holding_letter(case, form.message.data, actor=actor()),
        title="Send a holding letter", button="Send the letter",
        intro="Tell the resident where their complaint is up to.", done="The holding letter is on its way.")


@route("note")
def note(case_id):
    return action_page(
        case_id, lambda case: NoteForm(), lambda case, form: services.add_note(case, form.text.data, actor=actor()),
        title="Add a note", button="Add the note", done="Note added.")


@route("call")
def call(case_id):
    def perform(case, form):
        who = CALL_DIRECTIONS.get(form.direction.data, "")
        return services.log_call(case, f"{who}.\n\n{form.text.data}" if who else form.text.data, actor=actor())

    return action_page(case_id, lambda case: CallForm(), perform, title="Log a call", button="Log the call",
                       done="Call logged.")


@route("assign")
def assign(case_id):
    users = queue_queries.assignable_users()

    def make_form(case):
        return AssignForm(users, data={"assignee": case.assigned_to_id or 0})

    def perform(case, form):
        user = User.get_or_none(User.id == form.assignee.data) if form.assignee.data else None
        assignment.assign(case, user, actor=actor())

    return action_page(case_id, make_form, perform, title="Assign the case", button="Assign",
                       done=lambda case: f"Assigned to {case.assigned_to.name}" if case.assigned_to else "Unassigned")


@route("link")
def link(case_id):
    def perform(case, form):
        item = FeedbackItem.get_or_none(FeedbackItem.reference == form.reference.data)
        if item is None:
            raise FieldError("reference", f"No feedback has the reference {form.reference.data}")
        services.link_item(case, item, reason=form.reason.data, actor=actor())

    return action_page(case_id, lambda case: LinkForm(), perform, title="Link another item",
                       button="Link it", intro="Link feedback from the same resident, or about the same issue.",
                       done="Linked.", field_classes={"reference": "govuk-input--width-20"})


@route("merge")
def merge(case_id):
    def perform(case, form):
        target = case_by_reference(form.reference.data)
        if target is None or not access.can_change(actor(), target):
            raise FieldError("reference", f"No case you can change has the reference {form.reference.data}")
        return services.merge(case, target, form.reason.data, actor=actor())

    return action_page(case_id, lambda case: MergeForm(), perform, title="Merge into another case",
                       button="Merge", intro="Every item of this case moves to the other case. This case "
                       "stays, marked as merged, with its history.",
                       done=lambda target: f"Merged into {target.reference}.",
                       field_classes={"reference": "govuk-input--width-20"})


@route("split")
def split(case_id):
    def make_form(case):
        return SplitForm([item for item, _ in items_with_updates(case)])

    def perform(case, form):
        return services.split(case, form.items.data, form.reason.data, actor=actor())

    return action_page(case_id, make_form, perform, title="Split items into a new case", button="Split",
                       done=lambda new: f"Split off into the new case {new.reference}.")


@route("service-request", endpoint="to_service_request")
def to_service_request(case_id):
    return action_page(
        case_id, lambda case: ReasonForm(),
        lambda case, form: services.make_service_request(case, form.reason.data, actor=actor()),
        title="Change to a service request", button="Change to a service request",
        intro="A service request asks the council to provide or fix something. It is logged and "
              "reported, but it is not a complaint and is not on the complaint clocks.",
        done="This is now a service request.")


@route("decline", endpoint="refuse")
def refuse(case_id):
    return action_page(
        case_id, lambda case: RefuseForm(),
        lambda case, form: refusals.refuse(case, form.exclusion.data, form.reasons.data, other=form.other.data,
                                           actor=actor()),
        title="Decline to accept as a complaint", button="Decline and write to the resident",
        intro="The Complaint Handling Code lets the council decline a complaint only for a clear reason "
              "(section 2). The case closes as not accepted, and the resident is sent your reasons and "
              "how to ask the Ombudsman to look at the decision.",
        done="Not accepted as a complaint. The resident is being told why.")


@route("accept", endpoint="reverse_refusal")
def reverse_refusal(case_id):
    return action_page(
        case_id, lambda case: ReasonForm(),
        lambda case, form: refusals.reverse(case, form.reason.data, actor=actor()),
        title="Accept as a complaint after all", button="Accept and reopen",
        intro="The decision not to accept this complaint is reversed: the case opens again, with its clocks.",
        done="Accepted as a complaint. The case is open again.")


@route("complaint", endpoint="to_complaint")
def to_complaint(case_id):
    def perform(case, form):
        items = items_with_updates(case)
        if not items:
            raise CaseError("This case has no feedback to treat as a complaint")
        return services.make_complaint(items[0][0], actor=actor())

    return action_page(
        case_id, lambda case: ActionForm(), perform, title="Change to a complaint", button="Change to a complaint",
        intro="A complaint is any expression of dissatisfaction, however made: the resident need not use "
              "the word. The complaint clocks start from when the feedback was received.",
        done="This is now a complaint.")


@bp.route("/from-feedback/<id:item_id>", methods=["GET", "POST"])
@roles_required(*access.CHANGE_ROLES)
def from_feedback(item_id):
    """Treat a comment (or other feedback in no case) as a complaint: it opens a case."""
    item = FeedbackItem.get_or_none(FeedbackItem.id == item_id)
    if item is None or not access.may_see_item(actor(), item):
        abort(404)
    existing = services.case_of(item)
    if existing is not None and existing.kind == "complaint":
        return redirect(url_for("cases.case", case_id=existing.id))
    form = ActionForm()
    if form.validate_on_submit():
        try:
            case = services.make_complaint(item, actor=actor())
        except CaseError as error:
            show_error(form, error)
        else:
            flash(f"{item.reference} is now a complaint, with the clocks counting from when it arrived.", "success")
            return redirect(url_for("cases.case", case_id=case.id))
    return render_template("cases/from_feedback.html", item=item, form=form)


class FieldError(CaseError):
    """A refusal that belongs to one field of the form (app.forms.show_error)."""

    def __init__(self, field, message):
        super().__init__(message)
        self.field = field


def case_by_reference(reference):
    """A case by its reference, or the case holding the feedback with that reference."""
    case = Case.get_or_none(Case.reference == reference)
    if case is None:
        item = FeedbackItem.get_or_none(FeedbackItem.reference == reference)
        case = services.case_of(item) if item is not None else None
    for _ in range(10):  # follow a chain of merges to the case that is still open
        if case is None or case.status != "merged" or not case.merged_into_id:
            break
        case = case.merged_into
    return case
