"""Classification of the domain tables (cases, feedback, email in, learning). See
app.privacy.register for what each part means."""
from app.privacy.register import Tags

TAGS = (
    Tags("attachment", "with_item",  # app.attachments.models.Attachment
         "Files residents sent with feedback or by email (photos, PDFs, Word documents), "
         "kept as long as the feedback; files added to an unsent form go with the draft.",
         personal="filename storage_name refused_reason",
         special="storage_name",
         ordinary=("id item inbound draft_key content_type kind size sha256 location_removed "
                   "metadata_removed created_at")),
    Tags("case_action_link", "complaint",  # app.cases.models.CaseActionLink
         "Which actions a complaint led to.",
         personal="description",
         ordinary="id case action created_at"),
    Tags("case_assignment_cursor", "council",  # app.cases.models.AssignmentCursor
         "Round-robin assignment of new cases.",
         personal="last_user_id",
         ordinary="id service updated_at"),
    Tags("case_clock_pause", "complaint",  # app.cases.models.ClockPause
         "Pauses of a complaint's clock, and why.",
         personal="reason",
         ordinary="id case stage started_at ended_at"),
    Tags("case_decision_point", "complaint",  # app.cases.models.DecisionPoint
         "The points of a complaint and the decision on each.",
         personal="point reasons",
         ordinary="id case stage position decision"),
    Tags("case_event", "complaint",  # app.cases.models.CaseEvent
         "The case timeline: notes, letters, emails and decisions.",
         personal="actor summary body",
         ordinary="id case at kind item_id outbox_id inbound_id stage"),
    Tags("case_item", "complaint",  # app.cases.models.CaseItem
         "Which feedback belongs to a case.",
         personal="linked_by reason",
         ordinary="id case item linked_at"),
    Tags("case_record", "complaint",  # app.cases.models.Case
         "A complaint handled under the Complaint Handling Code.",
         personal=("reference title person assigned_to remedy_apology remedy_action "
                   "remedy_financial_pence lessons_learnt special_category"),
         special="special_category",
         ordinary=("id kind status stage service anonymous urgent severity channel received_at "
                   "created_at next_due_on next_due_what paused closed_at outcome root_cause "
                   "ombudsman ombudsman_referred_at ombudsman_outcome ombudsman_decided_at "
                   "merged_into is_demo")),
    Tags("case_refusal", "complaint",  # app.cases.models.CaseRefusal
         "A complaint not taken forward under the Code, and why.",
         personal="other reasons refused_by reversed_by reversal_reason",
         ordinary="id case exclusion refused_at reversed_at"),
    Tags("case_stage", "complaint",  # app.cases.models.CaseStage
         "The stages of a complaint and their clocks.",
         personal="handler extension_reason escalation_reason",
         ordinary=("id case number started_at acknowledged_at extension_days extended_at "
                   "responded_at ombudsman")),
    Tags("postal_letter", "complaint",  # app.cases.post.models.PostalLetter
         "Letters to residents who asked for post.",
         personal="recipient_name address subject text posted_by",
         ordinary="id case key template name stage event_id created_at posted_at language"),
    Tags("feedback_draft", "drafts",  # app.feedback.journey.models.FeedbackDraft
         "A resident's unfinished form, so a long form can be finished later.",
         personal="answers",
         ordinary="id token_hash created_at updated_at"),
    Tags("counter", "council",  # app.feedback.models.Counter
         "Sequences for references.",
         personal="",
         ordinary="name value"),
    Tags("feedback_item", "feedback",  # app.feedback.models.FeedbackItem
         "What a resident told the council, to handle it and learn from it.",
         personal=("reference text person put_right happened_on preferred_contact support_needs "
                   "support_details acting_for consent_basis consented_at quote_consent captured_by "
                   "language"),  # the language a resident writes in can suggest their origin
         special="support_needs support_details",
         ordinary=("id kind channel service anonymous status received_at created_at is_demo "
                   "service_unsure acknowledged_at classification_status first_contact_resolved "
                   "repeat_of language_confidence")),
    Tags("feedback_status_change", "with_item",  # app.feedback.models.FeedbackStatusChange
         "The status history residents see when they track their feedback.",
         personal="actor_id public_note",
         ordinary="id item status at"),
    Tags("feedback_update", "feedback",  # app.feedback.models.FeedbackUpdate
         "More a resident or officer added to a piece of feedback.",
         personal="text",
         ordinary="id item channel from_resident received_at inbound_message_id"),
    Tags("inbound_message", "raw_email",  # app.inbox.models.InboundMessage
         "Every email received, kept raw so nothing is lost.",
         personal="raw message_id from_address from_name subject attachments parse_error reason",
         ordinary="id sha256 size source received_at processed_at outcome times_seen feedback_item"),
    Tags("mailbox_state", "council",  # app.inbox.models.MailboxState
         "Where the mailbox poller got to.",
         personal="",
         ordinary="id mailbox uidvalidity last_uid last_polled_at last_error"),
    Tags("duplicate_link", "with_item",  # app.learning.models.DuplicateLink
         "Feedback that repeats other feedback.",
         personal="",
         ordinary="id item_a item_b similarity created_at"),
    Tags("emerging_issue", "with_item",  # app.learning.models.EmergingIssue
         "Clusters of similar new feedback for officers to review.",
         personal="key_phrases reviewed_by",
         ordinary=("id created_at item_ids representative size first_seen last_seen status "
                   "reviewed_at")),
    Tags("item_embedding", "with_item",  # app.learning.models.ItemEmbedding
         "A numeric fingerprint of the feedback's words, for similarity.",
         personal="vector",
         ordinary="id item encoder_version created_at"),
    Tags("item_topic", "with_item",  # app.learning.models.ItemTopic
         "The topics a piece of feedback is about.",
         personal="",
         ordinary="id item topic confidence source head assigned model_version"),
    Tags("model_version", "model",  # app.learning.models.ModelVersion
         "Trained models, their measurements and their history.",
         personal="",
         ordinary=("id task version created_at training_count metrics blob encoder_version status "
                   "promoted_at notes")),
    Tags("officer_label", "with_item",  # app.learning.models.OfficerLabel
         "Officers' corrections the models learn from.",
         personal="user",
         ordinary="id item task value at superseded"),
    Tags("prediction", "with_item",  # app.learning.models.Prediction
         "What the models said about a piece of feedback.",
         personal="sentences",
         ordinary=("id item model_version service_model_version theme_model_version sentiment "
                   "sentiment_score service_confidence theme_margin unsure created_at")),
    Tags("safeguarding_calibration", "model",  # app.learning.models.SafeguardingCalibration
         "The safeguarding flag's threshold and how it was set.",
         personal="",
         ordinary=("id computed_at head_version threshold default_threshold ceiling decisions "
                   "confirmed dismissed")),
    Tags("safeguarding_flag", "with_item",  # app.learning.models.SafeguardingFlag
         "A possible safeguarding concern for an officer to review.",
         personal="reasons evidence decision reviewed_by",
         special="reasons evidence",
         ordinary=("id item score severity head_version threshold status created_at reviewed_at "
                   "notified_at")),
    Tags("service_routing", "with_item",  # app.learning.models.ServiceRouting
         "Which service a piece of feedback was sent to, and why.",
         personal="",
         ordinary="id item service topic confidence model_version at"),
    Tags("topic", "council",  # app.learning.models.Topic
         "The council's service areas and themes.",
         personal="",
         ordinary="id key name description kind service active position created_at"),
)
