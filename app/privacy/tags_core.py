"""Classification of the core tables (actions, audit, staff accounts, mail, services,
people, rate limits). See app.privacy.register for what each part means."""
from app.privacy.register import Tags

TAGS = (
    Tags("action", "council",  # app.actions.models.Action
         "Root-cause actions: what the council does about what drives complaints.",
         personal="owner created_by",
         ordinary=("id title description service due_on status dropped_reason public_summary "
                   "owner_note done_at created_at updated_at is_demo")),
    Tags("action_theme", "council",  # app.actions.models.ActionTheme
         "Which themes an action answers, for 'You said, we did'.",
         personal="",
         ordinary="id action topic period_start period_end"),
    Tags("audit_event", "audit",  # app.audit.models.AuditEvent
         "Who did what, when: accountability and security. Never residents' words.",
         personal="actor_id actor_label summary details ip",
         ordinary="id at action object_type object_id"),
    Tags("login_attempt", "security",  # app.auth.models.LoginAttempt
         "Sign-in attempts, to throttle guessing.",
         personal="email ip",
         ordinary="id at succeeded"),
    Tags("staff_kept_form", "security",  # app.auth.models.KeptForm
         "A staff member's form answers kept over a sign-in timeout, so nothing typed is lost.",
         personal="user fields",
         ordinary="id token_hash path created_at"),
    Tags("staff_session", "security",  # app.auth.models.StaffSession
         "Staff sign-in sessions.",
         personal="user ip",
         ordinary="id token_hash created_at last_seen_at"),
    Tags("staff_user", "staff",  # app.auth.models.User
         "Staff accounts: who may sign in and what they may do.",
         personal="email name password_hash last_login_at totp_secret",
         ordinary="id role active must_change_password is_demo created_at totp_last_step totp_enabled_at"),
    Tags("staff_recovery_code", "staff",  # app.auth.models.RecoveryCode
         "One-time recovery codes for two-factor sign-in, stored hashed; deleted with the account.",
         personal="user",
         ordinary="id token_hash created_at used_at"),
    Tags("staff_password_history", "staff",  # app.auth.models.PasswordHistory
         "Hashes of a member of staff's last passwords, so a change cannot reuse one; deleted with "
         "the account.",
         personal="user password_hash",
         ordinary="id created_at"),
    Tags("staff_user_service", "staff",  # app.auth.models.UserService
         "Which services a member of staff works for.",
         personal="user",
         ordinary="id service"),
    Tags("outbox_attachment", "correspondence",  # app.mail.models.OutboxAttachment
         "Files attached to emails sent.",
         personal="filename content",
         ordinary="id message position content_type size"),
    Tags("outbox_message", "correspondence",  # app.mail.models.OutboxMessage
         "Emails sent to residents and staff.",
         personal=("message_id to_address subject text_body html_body in_reply_to last_error "
                   "eml_file"),
         ordinary=("id idempotency_key template purpose auto_submitted related_type related_id "
                   "status attempts created_at next_attempt_at lease_token lease_until sent_at")),
    Tags("service_area", "council",  # app.org.models.ServiceArea
         "The council's services.",
         personal="",
         ordinary="id slug name description position active created_at"),
    Tags("person", "person",  # app.people.models.Person
         "Residents who gave their details, to reply and keep their records together.",
         personal="name email phone preferred_contact postal_address",
         ordinary="id created_at anonymised_at language"),  # language: en / cy, not identifying
    Tags("rate_limit_hit", "security",  # app.publicforms.RateLimitHit
         "Posts to public forms, to stop floods.",
         personal="bucket",
         ordinary="id at"),
    Tags("api_key", "council",  # app.api.models.ApiKey
         "Keys other systems use with the open API: a name, scopes and a hash of the key.",
         personal="created_by revoked_by",
         ordinary="id public_id name scopes token_hash rate_limit created_at last_used_at revoked_at"),
    Tags("api_idempotency", "with_item",  # app.api.models.ApiIdempotency
         "The first answer to an API request sent with an Idempotency-Key, so a retry is not "
         "recorded twice: the reference and status, never the resident's details.",
         personal="request_hash",
         ordinary="id api_key key status_code response item created_at"),
    Tags("retention_setting", "council",  # app.privacy.models.RetentionSetting
         "How long each kind of record is kept, as administrators set it.",
         personal="updated_by",
         ordinary="id category days updated_at"),
    Tags("legal_hold", "audit",  # app.privacy.models.LegalHold
         "Holds that stop deletion of a person's or a case's records, and why.",
         personal="person reason created_by released_by release_reason",
         ordinary="id case created_at released_at"),
    Tags("privileged_change", "audit",  # app.privacy.models.PrivilegedChange
         "Leave, inside one transaction, to change append-only records for retention or erasure.",
         personal="actor_id reason",
         ordinary="id started_at"),
    Tags("subject_access_request", "audit",  # app.privacy.models.AccessRequest
         "Subject access requests and their deadlines, to answer each within a month.",
         personal="identifier requester created_by redactions",
         ordinary="id received_on due_on status exported_at sent_on created_at withheld reviewed_at"),
    Tags("work_claim", "council",  # app.claims.models.WorkClaim
         "Which worker is doing which piece of work now, so nothing runs twice at once. "
         "Deleted when the work is done.",
         personal="",
         ordinary="id work object_id token claimed_at expires_at"),
    Tags("webhook_cursor", "council",  # app.webhooks.models.WebhookCursor
         "How far the webhook dispatcher has read the audit log and the classifier's results.",
         personal="",
         ordinary="source last_id gap_since"),
    Tags("webhook_delivery", "council",  # app.webhooks.models.WebhookDelivery
         "Events sent to other systems by webhook: ids, references and status only, and the "
         "receiver's last answer.",
         personal="",
         ordinary=("id subscription event event_key occurred_at payload status attempts next_attempt_at "
                   "last_attempt_at last_status_code last_response last_error last_duration_ms "
                   "delivered_at created_at")),
    Tags("webhook_subscription", "council",  # app.webhooks.models.WebhookSubscription
         "Web addresses administrators chose to send events to, and each one's signing secret.",
         personal="",
         ordinary="id url secret events active created_at"),
)
