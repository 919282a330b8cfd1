"""The panels' proposal tasks. They take ids, are safe to run twice and are enqueued after commit.

- panels.classify_comments: the sentiment and topic of a proposal's comments (classify.py);
  a sweep re-enqueues proposals whose visible comments were never classified.
- panels.decision_emails: once a decision is published, one email to every member who took
  part (decisions.py); a sweep re-enqueues decided proposals with participants still unmailed.
"""
from app.queue import db_task, register_sweep
from panels.proposals import classify, decisions


@db_task("panels.classify_comments", claim=True)
def classify_comments(proposal_id):
    return classify.classify_proposal(proposal_id)


@db_task("panels.decision_emails")
def decision_emails(proposal_id):
    return [row.id for row in decisions.email_participants(proposal_id)]


register_sweep("panels.classify_comments", classify.pending_proposal_ids, classify_comments)
register_sweep("panels.decision_emails", decisions.unmailed_proposal_ids, decision_emails)
