"""A proposal as panel members see it, under /panel/: what would change and why, the feedback
that led to it, its documents, the questions, the member's view and the comment threads.
Only for current members of the proposal's panel, once it is open (panels.proposals.access);
read-only after the closing date. Each form posts to its own address and, when something is
wrong, the page comes back with the error at the field and everything typed kept."""
from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import format_date, gettext
from flask_babel import lazy_gettext as _l

from app.forms import show_error
from panels import sessions
from panels.proposals import access, comments, documents, evidence, participation
from panels.proposals.errors import ProposalError
from panels.proposals.forms import CommentForm, ReplyForm, ViewForm, answers_form

bp = Blueprint("proposals_members", __name__, url_prefix="/panel", template_folder="templates")
# What members read, in the page's language (panels.proposals.models keeps staff's English).
STATUSES = {"draft": _l("Draft"), "open": _l("Open for views"), "closed": _l("Closed"), "decided": _l("Decided")}
STANCES = {"support": _l("Support"), "neutral": _l("Neutral"), "oppose": _l("Oppose")}
KINDS = {"PDF": _l("PDF"), "PNG image": _l("PNG image"), "JPEG image": _l("JPEG image"), "File": _l("File")}


@bp.context_processor
def helpers():
    return {"day": day, "statuses": STATUSES, "stances": STANCES, "size_words": documents.size_words,
            "kind_words": kind_words, "author_name": author_name}


def day(value):
    """'3 March 2026', in the page's language."""
    return format_date(value, "d MMMM y") if value else ""


def kind_words(document):
    words = documents.kind_words(document)
    return KINDS.get(words, words)


def author_name(comment, member=None):
    """comments.author_name, with the product's own words in the page's language."""
    name = comments.author_name(comment, member)
    if comment.member_id is not None and member is not None and comment.member_id == member.id:
        return gettext("You")
    if comment.member_id is None and comment.staff_author_id is not None:
        return gettext("%(name)s (council staff)", name=comment.staff_author.name)
    if name == "A former member":
        return gettext("A former member")
    return name


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
            return _done(proposal, gettext("Your comment has been added"), "comments")
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
            return _done(proposal, gettext("Your reply has been added"), f"comment-{comment_id}")
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
            return _done(proposal, gettext("Your answers have been saved"), "questions")
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
            return _done(proposal, gettext("Your view has been saved"), "your-view")
    return _page(member, proposal, failed=("view", form))


@bp.route("/documents/<id:document_id>")
@sessions.member_required
def document(document_id):
    return documents.download(access.member_document_or_404(sessions.current_member(), document_id))
