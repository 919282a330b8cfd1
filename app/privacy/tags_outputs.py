"""Classification of the panels', reports' and surveys' tables. See app.privacy.register
for what each part means."""
from app.privacy.register import Tags

TAGS = (
    Tags("panel", "council",  # panels.models.Panel
         "Customer panels.",
         personal="",
         ordinary="id name slug summary how_to_join accepting_applications created_at is_demo"),
    Tags("panel_application", "panel",  # panels.models.Application
         "Applications to join a customer panel.",
         personal=("name email reason support_needs demographics_consent age_band sex ethnicity "
                   "disability area decision_reason decided_by member"),
         special="support_needs ethnicity disability",
         ordinary="id panel status decided_at created_at is_demo language"),  # language: en / cy
    Tags("panel_demographics", "panel",  # panels.models.Demographics
         "Panel members' demographics, given with consent, to keep panels representative.",
         personal="member age_band sex ethnicity disability area consented_at",
         special="ethnicity disability",
         ordinary="id"),
    Tags("panel_facilitator", "staff",  # panels.models.PanelFacilitator
         "Staff who run a panel.",
         personal="user",
         ordinary="id panel"),
    Tags("panel_member", "panel",  # panels.models.Member
         "Customer panel members.",
         personal="email name support_needs last_signed_in_at",
         special="support_needs",
         ordinary="id digest_enabled created_at anonymised_at is_demo language"),  # language: en / cy
    Tags("panel_membership", "panel",  # panels.models.Membership
         "Who is on which panel.",
         personal="member application",
         ordinary="id panel joined_at left_at"),
    Tags("panel_population_share", "council",  # panels.models.PopulationShare
         "The population's make-up, to compare panels with.",
         personal="",
         ordinary="id dimension category percent source updated_at"),
    Tags("panel_session", "security",  # panels.models.MemberSession
         "Panel members' sign-in sessions.",
         personal="member",
         ordinary="id token_hash created_at last_seen_at"),
    Tags("panel_sign_in_link", "security",  # panels.models.SignInLink
         "Emailed sign-in links for panel members.",
         personal="member",
         ordinary="id token_hash created_at expires_at used_at"),
    Tags("panel_answer", "panel",  # panels.proposals.models.Answer
         "Panel members' answers to a proposal's questions.",
         personal="member text",
         ordinary="id question updated_at"),
    Tags("panel_comment", "panel",  # panels.proposals.models.Comment
         "Comments in a panel's discussion.",
         personal="member staff_author body hidden_reason hidden_by",
         ordinary=("id proposal parent created_at hidden_at sentiment sentiment_score topic "
                   "topic_score classified_version")),
    Tags("panel_document", "council",  # panels.proposals.models.Document
         "Documents attached to proposals.",
         personal="uploaded_by",
         ordinary="id proposal filename stored_name content_type size sha256 uploaded_at"),
    Tags("panel_notification", "panel",  # panels.proposals.models.Notification
         "What panel members are told about.",
         personal="member",
         ordinary="id kind proposal comment created_at digested_at"),
    Tags("panel_proposal", "council",  # panels.proposals.models.Proposal
         "Proposals the council puts to a panel.",
         personal="created_by decided_by",
         ordinary=("id panel title what_would_change why service evidence_start evidence_end "
                   "closes_on status created_at opened_at decision decided_at publication is_demo")),
    Tags("panel_proposal_action", "council",  # panels.proposals.models.ProposalAction
         "Actions a proposal relates to.",
         personal="",
         ordinary="id proposal action role"),
    Tags("panel_proposal_topic", "council",  # panels.proposals.models.ProposalTopic
         "Themes a proposal relates to.",
         personal="",
         ordinary="id proposal topic"),
    Tags("panel_question", "council",  # panels.proposals.models.Question
         "Questions a proposal asks.",
         personal="",
         ordinary="id proposal position text"),
    Tags("panel_survey_send", "council",  # panels.proposals.models.SurveySend
         "Surveys sent to a panel.",
         personal="sent_by",
         ordinary="id panel survey sent_at invited"),
    Tags("panel_view", "panel",  # panels.proposals.models.View
         "Where each member stands on a proposal, and why.",
         personal="member stance reason",
         ordinary="id proposal updated_at"),
    Tags("annual_assessment", "published",  # reports.annual.models.Assessment
         "The annual self-assessment against the Code.",
         personal="",
         ordinary="id report section status evidence commentary"),
    Tags("annual_file", "published",  # reports.annual.models.AnnualFile
         "Files of the annual complaints report (the Ombudsman's letter and others).",
         personal="uploaded_by",
         ordinary="id report kind filename content size created_at"),
    Tags("annual_report", "published",  # reports.annual.models.AnnualReport
         "The annual complaints performance and service improvement report.",
         personal="governance_by created_by edited_by approved_by published_by",
         ordinary=("id period_start period_end title slug status overview computed_at "
                   "ombudsman_letter ombudsman_reports governance_response governance_on created_at "
                   "edited_at approved_at published_at is_demo")),
    Tags("stored_report", "reports",  # reports.archive.models.StoredReport
         "Built reports (lessons-learnt PDFs and others), which may quote residents.",
         personal="pdf html summary requested_by",
         ordinary=("id kind scope service period_start period_end status pages requested_at "
                   "rebuild_requested_at built_at attempts last_error")),
    Tags("report_delivery", "council",  # reports.delivery.models.MonthlyDelivery
         "Monthly report deliveries.",
         personal="emails",
         ordinary="id report started_at completed_at"),
    Tags("report_subscription", "staff",  # reports.delivery.models.Subscription
         "Who receives which monthly report.",
         personal="user created_by",
         ordinary="id service created_at"),
    Tags("report_case_measure", "aggregate",  # reports.models.CaseMeasure
         "Complaint figures for the dashboard.",
         personal="",
         ordinary="id case_id day service_id channel measure"),
    Tags("report_case_summary", "aggregate",  # reports.models.CaseSummary
         "Complaint counts for the dashboard.",
         personal="",
         ordinary="id measure cases span day service_id channel touchpoint_id"),
    Tags("report_item_summary", "aggregate",  # reports.models.ItemSummary
         "Feedback counts for the dashboard.",
         personal="",
         ordinary=("id kind items negative neutral positive contacts repeats span day service_id "
                   "channel touchpoint_id")),
    Tags("report_summary_state", "aggregate",  # reports.models.SummaryState
         "Where the dashboard's counts got to.",
         personal="",
         ordinary="name value updated_at"),
    Tags("report_survey_summary", "aggregate",  # reports.models.SurveySummary
         "Survey answer counts for the dashboard.",
         personal="",
         ordinary="id question_kind value answers span day service_id channel touchpoint_id"),
    Tags("report_topic_summary", "aggregate",  # reports.models.TopicSummary
         "Topic counts for the dashboard.",
         personal="",
         ordinary=("id kind head topic_id items negative neutral positive span day service_id "
                   "channel touchpoint_id")),
    Tags("yswd_action", "published",  # reports.yswd.models.PublicationAction
         "Actions on a 'You said, we did' page.",
         personal="",
         ordinary="id publication action title summary done_at position"),
    Tags("yswd_pdf", "published",  # reports.yswd.models.PublicationPdf
         "A 'You said, we did' page as PDF, with any consented quotes.",
         personal="content",
         ordinary="id publication built_at"),
    Tags("yswd_publication", "published",  # reports.yswd.models.Publication
         "'You said, we did' pages.",
         personal="drafted_by sent_for_review_by published_by",
         ordinary=("id service service_name period_start period_end title slug status summary "
                   "drafted_at sent_for_review_at published_at updated_at is_demo")),
    Tags("yswd_quote", "published",  # reports.yswd.models.PublicationQuote
         "Residents' words quoted on a page, only with their consent.",
         personal="item text decided_by",
         ordinary="id publication theme score position status decided_at"),
    Tags("yswd_theme", "published",  # reports.yswd.models.PublicationTheme
         "Themes on a 'You said, we did' page.",
         personal="",
         ordinary="id publication topic name position count negative neutral positive"),
    Tags("survey", "council",  # surveys.models.Survey
         "Surveys.",
         personal="created_by_id",
         ordinary=("id title service welcome_text thank_you_text anonymous opens_on closes_on "
                   "formats_phone created_at after_complaints is_demo")),
    Tags("survey_answer", "survey",  # surveys.models.Answer
         "Answers to surveys.",
         personal="value",
         ordinary="id response question number feedback_item"),
    Tags("survey_invitation", "survey",  # surveys.models.Invitation
         "Invitations to answer a survey.",
         personal="email created_by_id",
         ordinary=("id survey service token_hash reminder_token_hash related_type related_id "
                   "created_at expires_at reminded_at responded_at")),
    Tags("survey_question", "council",  # surveys.models.Question
         "Survey questions.",
         personal="",
         ordinary="id version key position kind text help_text required options"),
    Tags("survey_response", "survey",  # surveys.models.Response
         "A survey response.",
         personal="person quote_consent",
         ordinary="id survey version touchpoint channel service submitted_at"),
    Tags("survey_touchpoint", "council",  # surveys.models.Touchpoint
         "Where a survey is offered (a desk, a poster).",
         personal="",
         ordinary="id survey name channel service code active created_at"),
    Tags("survey_version", "council",  # surveys.models.SurveyVersion
         "Published versions of a survey.",
         personal="",
         ordinary="id survey number status created_at published_at"),
)
