"""Who may open which staff page: the one authorisation matrix.

Every staff endpoint is listed here with the roles that may use it (all its methods). A request
to a staff endpoint that is not listed is refused (403), so a new route must be added here
before anyone can use it; tests/test_authorisation_matrix.py walks the URL map, fails on any
route without an entry, checks that each view's `@roles_required` names the same roles, and
requests every route as every role. What a role sees *inside* a page it may open (a case of
another service, a special-category case) is decided by the package's access rules
(app.cases.access and friends), which answer 404 so an object's existence is not revealed.
"""
from flask import abort, redirect, request, url_for
from flask_login import current_user

from app.auth.roles import (ADMINISTRATOR, ANALYST, COMPLAINTS_OFFICER, CONTACT_ADVISER, PANEL_FACILITATOR,
                             SERVICE_LEAD)

ALL_STAFF = (ADMINISTRATOR, COMPLAINTS_OFFICER, SERVICE_LEAD, ANALYST, PANEL_FACILITATOR, CONTACT_ADVISER)
ADMIN = (ADMINISTRATOR,)
CASEWORK = (ADMINISTRATOR, COMPLAINTS_OFFICER)  # change cases
CASE_READERS = (ADMINISTRATOR, COMPLAINTS_OFFICER, SERVICE_LEAD)  # read cases (a lead: their services)
FEEDBACK_READERS = (ADMINISTRATOR, COMPLAINTS_OFFICER, ANALYST, SERVICE_LEAD)
LABELLERS = (ADMINISTRATOR, COMPLAINTS_OFFICER, ANALYST)  # correct the models' labels
PANEL_RUNNERS = (ADMINISTRATOR, PANEL_FACILITATOR)
PROPOSAL_TEAM = (ADMINISTRATOR, PANEL_FACILITATOR, SERVICE_LEAD)
SURVEY_TEAM = (ADMINISTRATOR, ANALYST, SERVICE_LEAD)

# Pages anyone may open: signing in and out.
OPEN = ("auth.login", "auth.logout")
STAFF_PREFIX = "/staff"

MATRIX = {
    # ALL_STAFF
    "auth.account": ALL_STAFF,
    "auth.account_recovery_codes": ALL_STAFF,
    "auth.account_two_factor": ALL_STAFF,
    "auth.change_password": ALL_STAFF,
    # The sign-in steps after the password (app.auth.signin): reached only by the browser that
    # passed the password step, before it is signed in; a signed-in visitor is sent home.
    "auth.login_code": ALL_STAFF,
    "auth.login_recovery_code": ALL_STAFF,
    "auth.login_set_up": ALL_STAFF,
    "auth.keep_alive": ALL_STAFF,
    "auth.session_status": ALL_STAFF,
    # Assisted capture (app.contacts): any member of staff records a contact on a resident's behalf.
    "contacts.lookup": ALL_STAFF,
    "contacts.new": ALL_STAFF,
    "staff.home": ALL_STAFF,
    # ADMIN
    "admin.audit_log": ADMIN,
    "admin.deactivate_user": ADMIN,
    "admin.edit_user": ADMIN,
    "admin.new_user": ADMIN,
    "admin.reactivate_user": ADMIN,
    "admin.reset_password": ADMIN,
    "admin.reset_two_factor": ADMIN,
    "admin.users": ADMIN,
    "annual_staff.approve": ADMIN,
    "api_keys.index": ADMIN,
    "api_keys.new": ADMIN,
    "api_keys.revoke": ADMIN,
    "learning.edit_topic": ADMIN,
    "learning.new_topic": ADMIN,
    "learning.rollback": ADMIN,
    "privacy.access_request": ADMIN,
    "privacy.change_period": ADMIN,
    "privacy.erasure": ADMIN,
    "privacy.hold_list": ADMIN,
    "privacy.new_hold": ADMIN,
    "privacy.new_request": ADMIN,
    "privacy.processing": ADMIN,
    "privacy.release_hold": ADMIN,
    "privacy.request_export": ADMIN,
    "privacy.request_queue": ADMIN,
    "privacy.retention": ADMIN,
    "webhooks.delete": ADMIN,
    "webhooks.index": ADMIN,
    "webhooks.pause": ADMIN,
    "webhooks.retry": ADMIN,
    "webhooks.send_test": ADMIN,
    "webhooks.subscription": ADMIN,
    # CASEWORK
    "annual_staff.assess": CASEWORK,
    "annual_staff.edit": CASEWORK,
    "annual_staff.letter": CASEWORK,
    "annual_staff.new": CASEWORK,
    "annual_staff.publish": CASEWORK,
    "annual_staff.recompute": CASEWORK,
    "case_actions.acknowledge": CASEWORK,
    "case_actions.assign": CASEWORK,
    "case_actions.call": CASEWORK,
    "case_actions.extend": CASEWORK,
    "case_actions.from_feedback": CASEWORK,
    "case_actions.holding": CASEWORK,
    "case_actions.link": CASEWORK,
    "case_actions.merge": CASEWORK,
    "case_actions.note": CASEWORK,
    "case_actions.pause": CASEWORK,
    "case_actions.refuse": CASEWORK,
    "case_actions.resume": CASEWORK,
    "case_actions.reverse_refusal": CASEWORK,
    "case_actions.split": CASEWORK,
    "case_actions.to_complaint": CASEWORK,
    "case_actions.to_service_request": CASEWORK,
    "case_stages.close": CASEWORK,
    "case_stages.ombudsman": CASEWORK,
    "case_stages.ombudsman_outcome": CASEWORK,
    "case_stages.reopen": CASEWORK,
    "case_stages.respond": CASEWORK,
    "case_stages.reviewer": CASEWORK,
    "case_stages.stage2": CASEWORK,
    "cases.set_sentiment": CASEWORK,
    "cases.set_service": CASEWORK,
    "cases.set_themes": CASEWORK,
    "cases_queues.letters.letter_pdf": CASEWORK,
    "cases_queues.letters.posted": CASEWORK,
    "cases_queues.letters.print_all": CASEWORK,
    "cases_queues.letters.queue": CASEWORK,
    "cases_queues.triage": CASEWORK,
    "cases_search.audit_trail": CASEWORK,
    "inbox.discard": CASEWORK,
    "inbox.message": CASEWORK,
    "inbox.quarantine": CASEWORK,
    "inbox.raw": CASEWORK,
    "inbox.release": CASEWORK,
    "mail.outbox": CASEWORK,
    "mail.raw": CASEWORK,
    "mail.resend": CASEWORK,
    "mail.show": CASEWORK,
    # CASE_READERS
    "actions.add_theme": CASE_READERS,
    "actions.edit": CASE_READERS,
    "actions.link_case": CASE_READERS,
    "actions.new": CASE_READERS,
    "actions.remove_theme": CASE_READERS,
    "actions.status": CASE_READERS,
    "actions.unlink_case": CASE_READERS,
    "cases.case": CASE_READERS,
    "cases_queues.queue": CASE_READERS,
    "cases_search.search_page": CASE_READERS,
    "people.person": CASE_READERS,
    "yswd_staff.back_to_draft": CASE_READERS,
    "yswd_staff.decide": CASE_READERS,
    "yswd_staff.edit": CASE_READERS,
    "yswd_staff.index": CASE_READERS,
    "yswd_staff.new": CASE_READERS,
    "yswd_staff.publish": CASE_READERS,
    "yswd_staff.review": CASE_READERS,
    "yswd_staff.show": CASE_READERS,
    # FEEDBACK_READERS
    "actions.action": FEEDBACK_READERS,
    "actions.index": FEEDBACK_READERS,
    "actions.overdue": FEEDBACK_READERS,
    "attachments.download": FEEDBACK_READERS,
    "dashboard.dashboard": FEEDBACK_READERS,
    "drivers.page": FEEDBACK_READERS,
    "feedback_staff.item": FEEDBACK_READERS,
    "report_archive.download": FEEDBACK_READERS,
    "report_archive.index": FEEDBACK_READERS,
    "report_archive.prepare": FEEDBACK_READERS,
    "report_archive.prepare_scrutiny": FEEDBACK_READERS,
    "report_archive.read": FEEDBACK_READERS,
    "report_archive.rebuild": FEEDBACK_READERS,
    "report_subscriptions.subscriptions": FEEDBACK_READERS,
    "surveys.index": FEEDBACK_READERS,
    # LABELLERS
    "annual_staff.index": LABELLERS,
    "annual_staff.letter_pdf": LABELLERS,
    "annual_staff.show": LABELLERS,
    "feedback_staff.confirm": LABELLERS,
    "feedback_staff.flag_reviewed": LABELLERS,
    "feedback_staff.review": LABELLERS,
    "feedback_staff.set_sentiment": LABELLERS,
    "feedback_staff.set_service": LABELLERS,
    "feedback_staff.set_themes": LABELLERS,
    "feedback_staff.urgent": LABELLERS,
    "learning.emerging": LABELLERS,
    "learning.emerging_action": LABELLERS,
    "learning.models": LABELLERS,
    "learning.taxonomy_list": LABELLERS,
    "learning.train": LABELLERS,
    # PANEL_RUNNERS
    "panel_surveys.choose_panel": PANEL_RUNNERS,
    "panel_surveys.send": PANEL_RUNNERS,
    "panels_staff.application": PANEL_RUNNERS,
    "panels_staff.applications": PANEL_RUNNERS,
    "panels_staff.edit": PANEL_RUNNERS,
    "panels_staff.index": PANEL_RUNNERS,
    "panels_staff.new": PANEL_RUNNERS,
    "panels_staff.panel": PANEL_RUNNERS,
    "panels_staff.population": PANEL_RUNNERS,
    "panels_staff.population_edit": PANEL_RUNNERS,
    "panels_staff.representativeness": PANEL_RUNNERS,
    "proposal_results.decision": PANEL_RUNNERS,
    # PROPOSAL_TEAM
    "proposal_results.results": PROPOSAL_TEAM,
    "proposals_staff.document": PROPOSAL_TEAM,
    "proposals_staff.edit": PROPOSAL_TEAM,
    "proposals_staff.hide_comment": PROPOSAL_TEAM,
    "proposals_staff.new": PROPOSAL_TEAM,
    "proposals_staff.open_proposal": PROPOSAL_TEAM,
    "proposals_staff.remove_document": PROPOSAL_TEAM,
    "proposals_staff.show": PROPOSAL_TEAM,
    # SURVEY_TEAM
    "survey_touchpoints.change_touchpoint": SURVEY_TEAM,
    "survey_touchpoints.new_touchpoint": SURVEY_TEAM,
    "survey_touchpoints.poster_pdf": SURVEY_TEAM,
    "survey_touchpoints.qr_png": SURVEY_TEAM,
    "survey_touchpoints.qr_svg": SURVEY_TEAM,
    "surveys.change_question": SURVEY_TEAM,
    "surveys.edit": SURVEY_TEAM,
    "surveys.edit_question": SURVEY_TEAM,
    "surveys.export": SURVEY_TEAM,
    "surveys.invite": SURVEY_TEAM,
    "surveys.new": SURVEY_TEAM,
    "surveys.new_question": SURVEY_TEAM,
    "surveys.publish": SURVEY_TEAM,
    "surveys.show": SURVEY_TEAM,
    "surveys.show_results": SURVEY_TEAM,
}


def roles_for(endpoint):
    return MATRIX.get(endpoint)


def is_staff_rule(rule):
    return rule is not None and (rule.rule == STAFF_PREFIX or rule.rule.startswith(STAFF_PREFIX + "/"))


def enforce(app):
    """Refuse any staff request the matrix does not allow. Signing in (and a form kept while
    its officer signs in again) is left to the view's own `@roles_required`, which must name
    the same roles (the test checks)."""

    @app.before_request
    def authorised():
        rule = request.url_rule
        if not is_staff_rule(rule) or request.endpoint in OPEN:
            return None
        roles = MATRIX.get(request.endpoint)
        view = app.view_functions.get(request.endpoint)
        if roles is None:
            abort(403)  # not in the matrix: nobody may use it until it is listed
        if not current_user.is_authenticated:
            if getattr(view, "allowed_roles", None) is not None:
                return None  # the view sends them to sign in (keeping a posted form)
            return redirect(url_for("auth.login"))
        if current_user.role not in roles:
            abort(403)
        return None
