"""The panel member's workspace under /panel/: residents only, never staff sessions.

Sign-in (panels.signin): /panel/sign-in asks for an email address and always answers the same;
the emailed link opens /panel/sign-in/<token>, whose "Sign in" button spends it. Both are public
forms (their own CSRF check, so an expired page keeps what was typed). Every other page needs a
member session (panels.sessions) and shows only the member's own panels: any other id is a 404.
"""
from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import format_date, gettext, refresh

from app.languages import CHOSEN_KEY
from app.publicforms import limit_public_posts, over_limit, too_many_requests
from panels import access, digest, leaving, sessions, signin, workspace
from panels.models import Member
from panels.member_forms import LeaveForm, SettingsForm, SignInForm, UseLinkForm

bp = Blueprint("panel_members", __name__, url_prefix="/panel", template_folder="templates")
SENT_KEY = "panel_sign_in_sent"
LEFT_KEY = "panel_left"
LINK_PROBLEMS = {"used": 410, "expired": 410, "unknown": 404, "not_member": 404}


@bp.record_once
def _public_forms(state):
    """The sign-in forms check CSRF themselves (PublicForm); the rest of /panel/ keeps the
    global check."""
    csrf = state.app.extensions["csrf"]
    csrf.exempt(f"{__name__}.sign_in")
    csrf.exempt(f"{__name__}.follow_link")


@bp.app_context_processor
def signed_in_member():
    return {"member": sessions.current_member(), "member_day": member_day}


def member_day(value):
    """A date as members read it ('3 March 2026'), in the page's language."""
    return format_date(value, "d MMMM y") if value else ""


def _member():
    return sessions.current_member()


@bp.route("/")
@sessions.member_required
def home():
    member = _member()
    return render_template("panels/member_home.html", panels=access.member_panels(member),
                           proposals=workspace.open_proposals(member))


@bp.route("/sign-in", methods=["GET", "POST"])
def sign_in():
    form = SignInForm(next=request.args.get("next", ""))
    target = signin.safe_next(form.next.data)
    if _member() is not None:
        return redirect(target or url_for("panel_members.home"))
    if request.method == "POST":
        if over_limit("panel-sign-in", signin.PER_ADDRESS):
            return too_many_requests()
        if form.is_spam():
            return redirect(url_for("panel_members.sign_in_sent"))
        if form.validate():
            signin.request_link(form.email.data, target)
            session[SENT_KEY] = form.email.data
            return redirect(url_for("panel_members.sign_in_sent"))
    return render_template("panels/member_sign_in.html", form=form)


@bp.route("/sign-in/check-your-email")
def sign_in_sent():
    return render_template("panels/member_sign_in_sent.html", email=session.get(SENT_KEY, ""),
                           minutes=int(signin.LINK_LIFETIME.total_seconds() // 60), per_email=signin.PER_EMAIL)


def _link_problem(why):
    return render_template("panels/member_link_problem.html", why=why,
                           minutes=int(signin.LINK_LIFETIME.total_seconds() // 60)), LINK_PROBLEMS[why]


@bp.route("/sign-in/<token>", methods=["GET", "POST"])
@limit_public_posts("panel-sign-in-link")
def follow_link(token):
    form = UseLinkForm(next=request.args.get("next", ""))
    if request.method == "POST" and form.validate():
        try:
            signin.sign_in_with(token)
        except signin.LinkRefused as refused:
            return _link_problem(refused.why)
        session.pop(SENT_KEY, None)
        return redirect(signin.safe_next(form.next.data) or url_for("panel_members.home"))
    why = signin.state(token)
    if why != "ok":
        return _link_problem(why)
    return render_template("panels/member_follow_link.html", form=form)


@bp.route("/sign-out", methods=["POST"])
def sign_out():
    sessions.end()
    flash(gettext("You have signed out"), "success")
    return redirect(url_for("panel_members.sign_in"))


@bp.route("/panels/<id:panel_id>")
@sessions.member_required
def panel(panel_id):
    return render_template("panels/member_panel.html", page=workspace.panel_page(_member(), panel_id))


@bp.route("/panels/<id:panel_id>/leave", methods=["GET", "POST"])
@sessions.member_required
def leave(panel_id):
    member = _member()
    page = workspace.panel_page(member, panel_id)
    form = LeaveForm()
    last = page.other_panels == 0
    if form.validate_on_submit():
        try:
            left = leaving.leave(member, page.panel, anonymise=last and form.anonymise.data)
        except LookupError:
            abort(404)
        if left.panels_left:
            flash(gettext("You have left the %(panel)s", panel=left.panel_name), "success")
            return redirect(url_for("panel_members.home"))
        session[LEFT_KEY] = {"panel": left.panel_name, "anonymised": left.anonymised}
        return redirect(url_for("panel_members.left"))
    return render_template("panels/member_leave.html", page=page, form=form, last=last,
                           said=workspace.counts_for_leaving(member, page.panel))


@bp.route("/left")
def left():
    what = session.pop(LEFT_KEY, None)
    if not what:
        return redirect(url_for("panel_members.sign_in"))
    return render_template("panels/member_left.html", panel_name=what.get("panel", ""),
                           anonymised=bool(what.get("anonymised")))


@bp.route("/settings", methods=["GET", "POST"])
@sessions.member_required
def settings():
    """The digest and, when the council offers more than one, the language of their emails (the
    workspace switches to it too)."""
    member = _member()
    form = SettingsForm(digest="on" if member.digest_enabled else "off", language=member.language,
                        languages=current_app.config["HEARD"].languages)
    if form.validate_on_submit():
        digest.set_digest(member, form.digest.data == "on")
        language = form.chosen_language()
        if language and language != member.language:
            Member.update(language=language).where(Member.id == member.id).execute()
            session[CHOSEN_KEY] = language
            refresh()
        flash(gettext("Daily digest switched on") if member.digest_enabled else gettext("Daily digest switched off"),
              "success")
        return redirect(url_for("panel_members.settings"))
    return render_template("panels/member_settings.html", form=form)
