"""A proposal as panel members see it, under /panel/: what would change and why, the feedback
that led to it, its documents, the questions, the member's view and the comment threads.
Only for current members of the proposal's panel, once it is open (panels.proposals.access);
read-only after the closing date. Each form posts to its own address and, when something is
wrong, the page comes back with the error at the field and everything typed kept."""
from flask import Blueprint, flash, redirect, render_template, request, url_for

from app.forms import show_error
from panels import sessions
from panels.proposals import access, comments, documents, evidence, participation
from panels.proposals.errors import ProposalError
from panels.proposals.forms import CommentForm, ReplyForm, ViewForm, answers_form
from panels.proposals.models import STANCES, STATUSES

bp = Blueprint("proposals_members", __name__, url_prefix="/panel", template_folder="templates")


@bp.context_processor
def helpers():
    return {"day": day, "statuses": STATUSES, "stances": STANCES, "size_words": documents.size_words,
            "kind_words": documents.kind_words, "author_name": comments.author_name}


def day(value):
    return f"{value.day} {value:%B %Y}" if value else ""


def _load(proposal_id):
    member = sessions.current_member()
    return member, access.member_proposal_or_404(member, proposal_id)


def _page(member, proposal, failed=None, reply_to=None, status=200):
    """The proposal page; `failed` the form that was sent and refused, shown with its errors."""
    saved_view = participation.view_of(proposal, member)
    questions = participation.questions(proposal)
    forms = {
        "answers": answers_form(questions, saved=participation.answers_of(proposal, member)),
        "view": ViewForm(formdata=None, stance=saved_view.stance if saved_view else None,
                         reason=saved_view.reason if saved_view else ""),
        "comment": CommentForm(formdata=None),
    }
    if failed is not None and reply_to is None:
        forms[failed[0]] = failed[1]
    return render_template(
        "proposals/member_show.html", proposal=proposal, evidence=evidence.for_proposal(proposal),
        questions=questions, documents=list(proposal.documents), saved_view=saved_view,
        threads=comments.threads(proposal, member=member), page_forms=forms,
        failed=failed[1] if failed else None, reply_to=reply_to,
        open_now=participation.is_open(proposal)), status


def _done(proposal, message, anchor):
    flash(message, "success")
    return redirect(url_for(".show", proposal_id=proposal.id, _anchor=anchor))


@bp.route("/proposals/<id:proposal_id>")
@sessions.member_required
def show(proposal_id):
    member, proposal = _load(proposal_id)
    return _page(member, proposal)


@bp.route("/proposals/<id:proposal_id>/comments", methods=["POST"])
@sessions.member_required
def comment(proposal_id):
    member, proposal = _load(proposal_id)
    form = CommentForm()
    if form.validate_on_submit():
        try:
            comments.post(proposal, member, form.body.data)
        except ProposalError as error:
            show_error(form, error)
        else:
            return _done(proposal, "Your comment has been added", "comments")
    return _page(member, proposal, failed=("comment", form))


@bp.route("/proposals/<id:proposal_id>/comments/<id:comment_id>/replies", methods=["POST"])
@sessions.member_required
def reply(proposal_id, comment_id):
    member, proposal = _load(proposal_id)
    form = ReplyForm(parent_id=comment_id)
    if form.validate_on_submit():
        try:
            comments.post(proposal, member, form.body.data, parent_id=comment_id)
        except ProposalError as error:
            show_error(form, error)
        else:
            return _done(proposal, "Your reply has been added", f"comment-{comment_id}")
    return _page(member, proposal, failed=("reply", form), reply_to=comment_id)


@bp.route("/proposals/<id:proposal_id>/answers", methods=["POST"])
@sessions.member_required
def answers(proposal_id):
    member, proposal = _load(proposal_id)
    questions = participation.questions(proposal)
    form = answers_form(questions, formdata=request.form)
    if form.validate_on_submit():
        try:
            participation.save_answers(proposal, member, {q.id: form[f"answer_{q.id}"].data for q in questions})
        except ProposalError as error:
            show_error(form, error)
        else:
            return _done(proposal, "Your answers have been saved", "questions")
    return _page(member, proposal, failed=("answers", form))


@bp.route("/proposals/<id:proposal_id>/view", methods=["POST"])
@sessions.member_required
def view(proposal_id):
    member, proposal = _load(proposal_id)
    form = ViewForm()
    if form.validate_on_submit():
        try:
            participation.save_view(proposal, member, form.stance.data, form.reason.data)
        except ProposalError as error:
            show_error(form, error)
        else:
            return _done(proposal, "Your view has been saved", "your-view")
    return _page(member, proposal, failed=("view", form))


@bp.route("/documents/<id:document_id>")
@sessions.member_required
def document(document_id):
    return documents.download(access.member_document_or_404(sessions.current_member(), document_id))
