"""Retention categories: how long each kind of record is kept, with sensible UK defaults.

A record's category is in its table's tags (app.privacy.register). `days` counts from the
category's `starts` moment; None means the record is kept while it is in use (no personal
data of residents, or it is deleted with the record it belongs to)."""
from dataclasses import dataclass


@dataclass(frozen=True)
class Category:
    key: str
    name: str
    days: int | None
    starts: str  # when the period starts, in words
    basis: str  # why that long

    @property
    def period(self):
        if self.days is None:
            return self.starts
        years, rest = divmod(self.days, 365)
        length = f"{years} year{'s' if years != 1 else ''}" if years and not rest else f"{self.days} days"
        return f"{length} after {self.starts}"


CATEGORIES = {c.key: c for c in (
    Category("complaint", "Complaint cases", 6 * 365, "the case closes",
             "the limitation period for a claim arising from a complaint (Limitation Act 1980)"),
    Category("feedback", "Compliments, comments and requests", 2 * 365, "it was received",
             "long enough to see trends and answer questions about it; a complaint's feedback "
             "is kept as long as its case"),
    Category("survey", "Survey answers and invitations", 2 * 365, "the answer was given",
             "two years of results to compare"),
    Category("person", "Residents' contact details", None,
             "as long as any record about the resident is kept",
             "needed to reply and to find their records"),
    Category("with_item", "Derived from a piece of feedback", None,
             "as long as the feedback it belongs to",
             "classification, similarity and safeguarding work on the feedback itself"),
    Category("correspondence", "Emails and letters sent", 2 * 365, "it was sent",
             "a copy of what we told residents; letters on a complaint are kept with its case"),
    Category("raw_email", "Raw and quarantined email", 90, "it arrived",
             "kept so nothing a resident sent is lost while it is processed and checked"),
    Category("drafts", "Unsent form drafts", 3, "the last change",
             "lets a resident finish a long form"),
    Category("security", "Sign-in records, sessions and rate limits", 30, "the event",
             "to detect and stop attacks on accounts and forms"),
    Category("audit", "Audit log", 7 * 365, "the event",
             "accountability for who saw and changed what"),
    Category("staff", "Staff accounts", 365, "the account is deactivated",
             "to run Heard and show who handled what"),
    Category("panel", "Customer panel members and their contributions", 2 * 365,
             "the member leaves their last panel", "to run the panel and show its work"),
    Category("published", "Published reports and pages", None, "kept as published",
             "public accountability; residents' words appear only with their consent"),
    Category("reports", "Stored report files", 2 * 365, "they were built",
             "service leads' monthly lessons-learnt and other reports"),
    Category("council", "The council's own settings and records", None,
             "kept while in use", "holds no resident's personal data"),
    Category("aggregate", "Counts for reports and the dashboard", None, "kept while in use",
             "counts only: no words and no person"),
    Category("model", "Trained models and their measurements", None, "kept while in use",
             "every version is kept so it can be measured and rolled back"),
)}
