"""Every outbox email's kind in words for officers, from its template's name: the Outbox
shows "Stage 2 acknowledgement", never "case_stage2_acknowledgement".

Every template in templates/mail/ (other than the _partials) has its words here; a test
walks the folder, so a new template cannot reach the Outbox as a code.
"""
KINDS = {
    "acknowledgement": "Feedback acknowledgement",
    "auto_reply_received_by_email": "Automatic reply to an email",
    "more_information_received": "More information received",
    "case_acknowledgement": "Stage 1 acknowledgement",
    "case_extension": "Stage 1 extension letter",
    "case_holding": "Holding letter",
    "case_stage1_response": "Stage 1 response",
    "case_stage2_acknowledgement": "Stage 2 acknowledgement",
    "case_stage2_extension": "Stage 2 extension letter",
    "case_stage2_response": "Stage 2 response",
    "case_closing": "Closing letter",
    "case_refusal": "Complaint not accepted letter",
    "case_digest": "Daily digest",
    "action_reminder": "Overdue action reminder",
    "lessons_report": "Monthly lessons-learnt report",
    "safeguarding_alert": "Safeguarding alert",
    "survey_invitation": "Survey invitation",
    "survey_reminder": "Survey reminder",
    "panel_sign_in_link": "Panel sign-in link",
    "panel_digest": "Panel members' daily digest",
    "proposal_decision": "Panel proposal decision",
    "panel_application_received": "Panel application received",
    "panel_application_decision": "Panel application decision",
}
UNKNOWN = "Email"


def kind_label(template):
    """The words for a template's kind of email ("Email" for a row with no template)."""
    return KINDS.get(template or "", UNKNOWN)
