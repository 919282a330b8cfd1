"""Officers' pages at /staff/you-said-we-did: the list, starting a draft, the draft page with
its themes and candidate quotes (approve or reject each), editing "You said", sending for
review and publishing. Each view checks the form, calls one service and goes back to the page."""
from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_login import current_user

from app.auth.access import roles_required
from app.auth.models import User
from app.forms import show_error
from app.org.models import ServiceArea
from reports.yswd import reads, services
from reports.yswd.forms import WHOLE_COUNCIL, ButtonForm, DraftForm, EditForm, QuoteForm
from reports.yswd.models import Publication, PublicationQuote
from reports.yswd.period import parse
from reports.yswd.services import ROLES, YswdError

bp = Blueprint("yswd_staff", __name__, url_prefix="/staff/you-said-we-did", template_folder="templates")


def _user():
    return User.get_by_id(current_user.id)


def _load(publication_id):
    """The publication, if this officer may manage it; otherwise 404."""
    publication = Publication.get_or_none(Publication.id == publication_id)
    if publication is None or not services.may_manage(current_user, publication.service_id):
        abort(404)
    return publication


def _own_services():
    everything = ServiceArea.ordered()
    if current_user.role in services.EVERY_SERVICE_ROLES:
        return list(everything), True
    return [s for s in everything if s.id in current_user.service_ids()], False


@bp.route("/")
@roles_required(*ROLES)
def index():
    publications = services.visible(current_user).order_by(Publication.drafted_at.desc(),
                                                            Publication.id.desc())
    return render_template("yswd/staff_list.html", publications=list(publications))


@bp.route("/new", methods=["GET", "POST"])
@roles_required(*ROLES)
def new():
    form = DraftForm().set_choices(*_own_services())
    if form.validate_on_submit():
        service = None if form.service.data == WHOLE_COUNCIL else \
            ServiceArea.get(ServiceArea.slug == form.service.data)
        start, end = parse(form.period.data)
        try:
            publication = services.create_draft(user=_user(), service=service, start=start, end=end)
        except YswdError as error:
            show_error(form, error)
        else:
            flash("Draft ready. Check the figures, choose the quotes and edit the words.", "success")
            return redirect(url_for(".show", publication_id=publication.id))
    return render_template("yswd/staff_new.html", form=form)


@bp.route("/<id:publication_id>")
@roles_required(*ROLES)
def show(publication_id):
    publication = _load(publication_id)
    return render_template("yswd/staff_show.html", publication=publication,
                           themes=reads.staff_themes(publication), view=reads.public_view(publication),
                           trail=reads.trail(publication), button=ButtonForm())


@bp.route("/<id:publication_id>/edit", methods=["GET", "POST"])
@roles_required(*ROLES)
def edit(publication_id):
    publication = _load(publication_id)
    if publication.is_published:
        abort(404)
    form = EditForm(obj=publication)
    if form.validate_on_submit():
        try:
            services.edit(publication, title=form.title.data, summary=form.summary.data, user=_user())
        except YswdError as error:
            show_error(form, error)
        else:
            flash("Saved", "success")
            return redirect(url_for(".show", publication_id=publication.id))
    return render_template("yswd/staff_edit.html", publication=publication, form=form)


def _change(publication, perform, done):
    if not ButtonForm().validate_on_submit():
        abort(400)
    try:
        perform(publication, user=_user())
    except YswdError as error:
        flash(str(error), "error")
    else:
        flash(done, "success")
    return redirect(url_for(".show", publication_id=publication.id))


@bp.route("/<id:publication_id>/quotes/<id:quote_id>", methods=["POST"])
@roles_required(*ROLES)
def decide(publication_id, quote_id):
    publication = _load(publication_id)
    quote = PublicationQuote.get_or_none(PublicationQuote.id == quote_id,
                                         PublicationQuote.publication == publication) or abort(404)
    form = QuoteForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        status = services.decide_quote(publication, quote, form.decision.data == "approve", user=_user())
    except YswdError as error:
        flash(str(error), "error")
    else:
        flash(f"Quote {status}", "success")
    return redirect(url_for(".show", publication_id=publication.id, _anchor=f"quote-{quote.id}"))


@bp.route("/<id:publication_id>/review", methods=["POST"])
@roles_required(*ROLES)
def review(publication_id):
    return _change(_load(publication_id), services.send_for_review, "Sent for review")


@bp.route("/<id:publication_id>/return", methods=["POST"])
@roles_required(*ROLES)
def back_to_draft(publication_id):
    return _change(_load(publication_id), services.return_to_draft, "Returned to draft")


@bp.route("/<id:publication_id>/publish", methods=["POST"])
@roles_required(*ROLES)
def publish(publication_id):
    return _change(_load(publication_id), services.publish,
                   "Published. Residents can read it now; its PDF is being prepared.")
