"""A proposal's results for staff, the decision form, and the members' outcome page.

- /staff/panels/proposals/<id>/results: the panel's facilitators, administrators and service
  leads for their own services' proposals (anyone else: 404).
- /staff/panels/proposals/<id>/decision: the panel's facilitators and administrators.
- /panel/proposals/<id>/outcome: current members of the proposal's panel, once it is decided.
"""
import dataclasses

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from app.auth.access import roles_required
from app.auth.roles import ADMINISTRATOR, PANEL_FACILITATOR
from app.forms import show_error
from panels import access, sessions
from panels.proposals import access as proposal_access
from panels.proposals import decisions
from panels.proposals import results as reads
from panels.proposals.decision_forms import DecisionForm

bp = Blueprint("proposal_results", __name__, template_folder="templates")
# The outcome page's own words in the page's language (results.py keeps staff's English).
STANCE_WORDS = {"support": _l("Support"), "neutral": _l("Neutral"), "oppose": _l("Oppose")}
SENTIMENT_WORDS = {"positive": _l("Positive"), "neutral": _l("Neutral"), "negative": _l("Negative")}


@bp.route("/staff/panels/proposals/<id:proposal_id>/results")
@roles_required(*access.STAFF_ROLES)
def results(proposal_id):
    proposal = proposal_access.staff_proposal_or_404(current_user, proposal_id)
    return render_template("results/staff_results.html", proposal=proposal, results=reads.summary(proposal),
                           actions=decisions.decision_actions(proposal),
                           may_decide=access.runs(current_user, proposal.panel),
                           back_url=url_for("proposals_staff.show", proposal_id=proposal.id))


@bp.route("/staff/panels/proposals/<id:proposal_id>/decision", methods=["GET", "POST"])
@roles_required(ADMINISTRATOR, PANEL_FACILITATOR)
def decision(proposal_id):
    proposal = proposal_access.staff_proposal_or_404(current_user, proposal_id)
    if not access.runs(current_user, proposal.panel):
        abort(404)
    linked = decisions.decision_actions(proposal)
    form = DecisionForm(actions=decisions.action_choices(proposal),
                        publications=decisions.publication_choices(),
                        data={"decision": proposal.decision, "actions": [str(a.id) for a in linked],
                              "publication": str(proposal.publication_id or "")})
    if form.validate_on_submit():
        first = proposal.status != "decided"
        try:
            decisions.publish(proposal, actor=current_user, **form.values())
        except decisions.DecisionError as error:
            show_error(form, error)
        else:
            flash("Decision published. Members have been told." if first else "Decision updated.", "success")
            return redirect(url_for("proposal_results.results", proposal_id=proposal.id))
    return render_template("results/decision.html", proposal=proposal, form=form,
                           participants=len(decisions.participants(proposal)))


@bp.route("/panel/proposals/<id:proposal_id>/outcome")
@sessions.member_required
def outcome(proposal_id):
    proposal = proposal_access.member_proposal_or_404(sessions.current_member(), proposal_id)
    if proposal.status != "decided":
        abort(404)
    publication = proposal.publication if proposal.publication_id else None
    if publication is not None and not publication.is_published:
        publication = None
    actions = [a for a in decisions.decision_actions(proposal) if a.public_summary.strip()]
    views = [dataclasses.replace(v, label=STANCE_WORDS.get(v.key, v.label)) for v in reads.views(proposal)]
    themes = reads.themes(proposal)
    themes = dataclasses.replace(themes, sentiments=[(key, SENTIMENT_WORDS.get(key, label), count)
                                                     for key, label, count in themes.sentiments])
    return render_template("results/outcome.html", proposal=proposal, views=views, themes=themes,
                           actions=actions, publication=publication,
                           back_url=url_for("proposals_members.show", proposal_id=proposal.id))
