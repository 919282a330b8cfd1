"""Staff pages for proposals, under /staff/panels: post a proposal to a panel, change it, add
and remove its documents, open it for views, read everything members said (hidden comments
marked) and hide a comment with a reason. Views are thin: who may (panels.proposals.access),
the form, one service call, redirect or render."""
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from app.auth.access import roles_required
from app.forms import show_error
from panels.access import STAFF_ROLES
from panels.proposals import access, comments, documents, evidence, participation, services
from panels.proposals.errors import ProposalError
from panels.proposals.forms import ButtonForm, ProposalForm, ReasonForm
from panels.proposals.models import STATUSES

bp = Blueprint("proposals_staff", __name__, url_prefix="/staff/panels", template_folder="templates")


@bp.context_processor
def helpers():
    return {"day": day, "statuses": STATUSES, "size_words": documents.size_words, "kind_words": documents.kind_words,
            "author_name": comments.author_name}


def day(value):
    return f"{value.day} {value:%B %Y}" if value else ""


def actor():
    return current_user._get_current_object()


def _form(panel, formdata=True):
    kwargs = {} if formdata else {"formdata": None}
    return ProposalForm(services=access.services_for(actor(), panel), topics=services.theme_choices(),
                        actions=services.action_choices(actor()), **kwargs)


@bp.route("/<id:panel_id>/proposals/new", methods=["GET", "POST"])
@roles_required(*STAFF_ROLES)
def new(panel_id):
    panel = access.panel_to_post_to_or_404(actor(), panel_id)
    form = _form(panel, formdata=request.method == "POST")
    if form.validate_on_submit():
        try:
            proposal = services.create(panel, actor=actor(), values=form.values(), upload=form.upload())
        except ProposalError as error:
            form.show(error)
        else:
            flash("Proposal saved as a draft. Members cannot see it until you open it for views.", "success")
            return redirect(url_for(".show", proposal_id=proposal.id))
    return render_template("proposals/staff_form.html", form=form, panel=panel, proposal=None)


@bp.route("/proposals/<id:proposal_id>")
@roles_required(*STAFF_ROLES)
def show(proposal_id):
    proposal = access.staff_proposal_or_404(actor(), proposal_id)
    threads = comments.threads(proposal, staff=True)
    return render_template("proposals/staff_show.html", proposal=proposal, evidence=evidence.for_proposal(proposal),
                           questions=participation.questions(proposal), threads=threads,
                           documents=list(proposal.documents), may_change=proposal.status in services.EDITABLE,
                           may_moderate=access.can_moderate(actor(), proposal), button=ButtonForm(),
                           open_now=participation.is_open(proposal))


@bp.route("/proposals/<id:proposal_id>/edit", methods=["GET", "POST"])
@roles_required(*STAFF_ROLES)
def edit(proposal_id):
    proposal = access.staff_proposal_or_404(actor(), proposal_id)
    if proposal.status not in services.EDITABLE:
        abort(404)
    form = _form(proposal.panel, formdata=request.method == "POST")
    if request.method == "GET":
        form.fill(proposal, [q.text for q in participation.questions(proposal)],
                  [t.id for t in evidence.linked_topics(proposal)], [a.id for a in evidence.linked_actions(proposal)])
    if form.validate_on_submit():
        try:
            services.edit(proposal, actor=actor(), values=form.values(), upload=form.upload())
        except ProposalError as error:
            form.show(error)
        else:
            flash("Proposal updated", "success")
            return redirect(url_for(".show", proposal_id=proposal.id))
    return render_template("proposals/staff_form.html", form=form, panel=proposal.panel, proposal=proposal,
                           documents=list(proposal.documents), button=ButtonForm())


@bp.route("/proposals/<id:proposal_id>/open", methods=["POST"])
@roles_required(*STAFF_ROLES)
def open_proposal(proposal_id):
    proposal = access.staff_proposal_or_404(actor(), proposal_id)
    if not ButtonForm().validate_on_submit():
        abort(400)
    try:
        told = services.open_for_views(proposal, actor=actor())
    except ProposalError as error:
        flash(error.message, "error")
    else:
        flash(f"Proposal open for views. {told} member{'s' if told != 1 else ''} will hear about it in their digest.",
              "success")
    return redirect(url_for(".show", proposal_id=proposal.id))


@bp.route("/documents/<id:document_id>/remove", methods=["POST"])
@roles_required(*STAFF_ROLES)
def remove_document(document_id):
    document = access.staff_document_or_404(actor(), document_id)
    proposal_id = document.proposal_id
    if not ButtonForm().validate_on_submit():
        abort(400)
    try:
        services.remove_document(document, actor=actor())
    except ProposalError as error:
        flash(error.message, "error")
    else:
        flash("Document removed", "success")
    return redirect(url_for(".edit", proposal_id=proposal_id))


@bp.route("/documents/<id:document_id>")
@roles_required(*STAFF_ROLES)
def document(document_id):
    return documents.download(access.staff_document_or_404(actor(), document_id))


@bp.route("/comments/<id:comment_id>/hide", methods=["GET", "POST"])
@roles_required(*STAFF_ROLES)
def hide_comment(comment_id):
    comment = access.comment_to_moderate_or_404(actor(), comment_id)
    form = ReasonForm()
    if comment.hidden_at is None and form.validate_on_submit():
        try:
            comments.hide(comment, actor=actor(), reason=form.reason.data)
        except ProposalError as error:
            show_error(form, error)
        else:
            flash("Comment hidden. Its author can see why.", "success")
            return redirect(url_for(".show", proposal_id=comment.proposal_id, _anchor=f"comment-{comment.id}"))
    return render_template("proposals/staff_hide.html", form=form, comment=comment, proposal=comment.proposal)

