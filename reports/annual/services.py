"""The annual report's workflow: start a draft for a 12-month period (a financial year by
default), recompute its overview while a draft, edit the Ombudsman's letter, the
self-assessment and the governance response, approve it (an administrator who did not make the
last change: a second pair of eyes) and publish it, which enqueues the PDF after commit. Each
function owns its transaction and writes an audit entry (no residents' data in it)."""
import datetime

from app.audit import services as audit
from app.auth.roles import ADMINISTRATOR, COMPLAINTS_OFFICER
from app.db import utcnow
from app.queue import transaction
from app.timefmt import add_months
from reports.annual import code
from reports.annual.models import COMPLIANCE, AnnualFile, AnnualReport, Assessment
from reports.overview import gather, store
from reports.queries.filters import Filters

ROLES = (ADMINISTRATOR, COMPLAINTS_OFFICER)  # may start and edit reports
APPROVERS = (ADMINISTRATOR,)
TEXT_LIMIT = 20000
LETTER_LIMIT = 1_500_000  # bytes; the app refuses any request over 2 MB before this is reached
GOVERNANCE_FIELDS = ("ombudsman_letter", "ombudsman_reports", "governance_response", "governance_by")


class AnnualError(ValueError):
    """A change the report's state or the input does not allow; `field` names the form field."""

    def __init__(self, message, field=None):
        super().__init__(message)
        self.message, self.field = message, field


def period_of(start):
    """The 12 months from `start` (first and last day)."""
    return start, add_months(start, 12) - datetime.timedelta(days=1)


def default_start(today):
    """The last financial year that has ended by `today` (1 April to 31 March)."""
    year = today.year - 1 if today.month >= 4 else today.year - 2
    return datetime.date(year, 4, 1)


def title_of(start, end):
    if (start.month, start.day) == (4, 1):
        return f"Annual complaints performance and service improvement report {start.year}/{end:%y}"
    return f"Annual complaints performance and service improvement report, {start:%-d %B %Y} to {end:%-d %B %Y}"


def slug_of(start, end):
    return f"{start.year}-{end:%y}" if (start.month, start.day) == (4, 1) else f"{start:%Y-%m-%d}-to-{end:%Y-%m-%d}"


def overview_of(report):
    return store.loads(report.overview) if report.overview else None


def compute(start, end):
    return gather(Filters(start=start, end=end))


def create(start, *, actor=None, today=None):
    """A new draft for the 12 months from `start`, one row per section of the Code for the
    self-assessment; the worker computes its figures and pre-fills the evidence (fill_figures)."""
    start, end = period_of(start)
    if start > (today or datetime.date.today()):
        raise AnnualError("Choose a period that has begun", field="start")
    if AnnualReport.select().where(AnnualReport.slug == slug_of(start, end)).exists():
        raise AnnualError("There is already a report for this period", field="start")
    title = title_of(start, end)
    with transaction() as tx:
        report = AnnualReport.create(period_start=start, period_end=end, title=title, slug=slug_of(start, end),
                                     created_by=actor, edited_by=actor, edited_at=utcnow())
        for section in code.SECTIONS:
            Assessment.create(report=report, section=section)
        audit.record("annual.created", actor=actor, obj=report, summary=f"{title}: draft started",
                     details={"start": start.isoformat(), "end": end.isoformat()})
        tx.on_commit(_compute_later, report.id)
    return report


def _compute_later(report_id):
    from reports.annual import tasks

    tasks.compute_figures(report_id)


def computing(report):
    """True while the worker has still to (re)compute a draft's figures."""
    return report.is_draft and report.computed_at is None


def fill_figures(report_id):
    """The worker's part of create and recompute: compute the draft's overview from the
    summaries and pre-fill each section's evidence that nobody has written yet. Safe to run
    twice: nothing happens unless the draft is waiting for its figures."""
    from reports.tasks import refresh_now

    report = AnnualReport.get_or_none(AnnualReport.id == report_id)
    if report is None or not computing(report):
        return False
    refresh_now()  # the summaries up to date first, under the worker's lock
    overview = compute(report.period_start, report.period_end)
    computed = code.english_evidence(overview, report.title)  # stored: English, as staff read it
    with transaction():
        fresh = AnnualReport.get_by_id(report_id)
        if not computing(fresh):
            return False
        fresh.overview, fresh.computed_at = store.dumps(overview), utcnow()
        fresh.save(only=[AnnualReport.overview, AnnualReport.computed_at])
        for row in fresh.assessments:
            if not row.evidence.strip():
                row.evidence = "\n".join(computed[row.section])
                row.save(only=[Assessment.evidence])
        audit.record("annual.computed", obj=fresh, summary=f"{fresh.title}: figures computed")
    return True


def _draft(report):
    if not report.is_draft:
        raise AnnualError(f"This report is {report.status_label.lower()}, so it can no longer be changed")


def _touch(report, actor, action, summary, details=None):
    report.edited_by, report.edited_at = actor, utcnow()
    report.save()
    audit.record(action, actor=actor, obj=report, summary=summary, details=details or {})


def recompute(report, *, actor=None):
    """Ask the worker to compute the draft's overview again from the summaries as they are now
    (the figures shown until then are the last ones computed)."""
    _draft(report)
    if computing(report):
        raise AnnualError("Heard is already computing the figures: refresh the page in a minute")
    with transaction() as tx:
        report.computed_at = None
        _touch(report, actor, "annual.recompute_asked", f"{report.title}: figures to be recomputed")
        tx.on_commit(_compute_later, report.id)
    return report


def _text(value, label, field):
    text = (value or "").strip()
    if len(text) > TEXT_LIMIT:
        raise AnnualError(f"{label} must be {TEXT_LIMIT:,} characters or fewer", field=field)
    return text


def edit(report, *, ombudsman_letter, ombudsman_reports, governance_response, governance_by, governance_on,
         actor=None):
    """The Ombudsman's letter and other reports (pasted text) and the governance response."""
    _draft(report)
    values = {"ombudsman_letter": _text(ombudsman_letter, "The Ombudsman's letter", "ombudsman_letter"),
              "ombudsman_reports": _text(ombudsman_reports, "Other Ombudsman reports", "ombudsman_reports"),
              "governance_response": _text(governance_response, "The governance response", "governance_response"),
              "governance_by": _text(governance_by, "Who responded", "governance_by")[:200]}
    with transaction():
        for name, value in values.items():
            setattr(report, name, value)
        report.governance_on = governance_on
        _touch(report, actor, "annual.edited", f"{report.title}: edited",
               {"filled": sorted(name for name, value in values.items() if value)})
    return report


def assess(report, section, *, status, evidence, commentary, actor=None):
    """The council's self-assessment of one section of the Code."""
    _draft(report)
    if status not in COMPLIANCE:
        raise AnnualError("Choose whether the council complies", field="status")
    row = Assessment.get_or_none(Assessment.report == report, Assessment.section == section)
    if row is None:
        raise AnnualError("There is no such section of the Code")
    with transaction():
        row.status = status
        row.evidence = _text(evidence, "The evidence", "evidence")
        row.commentary = _text(commentary, "The commentary", "commentary")
        row.save()
        _touch(report, actor, "annual.assessed", f"{report.title}: section {section} assessed",
               {"section": section, "status": status})
    return row


def attach_letter(report, filename, content, *, actor=None):
    """Keep the Ombudsman's annual letter (a PDF, checked by its content, not its name)."""
    _draft(report)
    if not content:
        raise AnnualError("Choose the Ombudsman's letter to upload", field="letter")
    if len(content) > LETTER_LIMIT:
        raise AnnualError(f"The letter must be smaller than {LETTER_LIMIT // 1_000_000} MB", field="letter")
    if not content.startswith(b"%PDF-") or b"%%EOF" not in content[-2048:]:
        raise AnnualError("The letter must be a PDF file", field="letter")
    name = "".join(c for c in (filename or "letter.pdf") if c.isalnum() or c in "._- ")[:200] or "letter.pdf"
    with transaction():
        AnnualFile.delete().where(AnnualFile.report == report, AnnualFile.kind == "letter").execute()
        AnnualFile.create(report=report, kind="letter", filename=name, content=content, size=len(content),
                          uploaded_by=actor)
        _touch(report, actor, "annual.letter_uploaded", f"{report.title}: the Ombudsman's letter uploaded",
               {"bytes": len(content)})


def may_approve(user, report):
    return user.role in APPROVERS and report.is_draft and report.edited_by_id != user.id and not computing(report)


def approve(report, *, actor):
    """Freeze the figures and the words: an administrator who did not make the last change."""
    _draft(report)
    if actor.role not in APPROVERS:
        raise AnnualError("Only an administrator can approve the annual report")
    if report.edited_by_id == actor.id:
        raise AnnualError("Someone other than the person who made the last change must approve the report")
    if computing(report):
        raise AnnualError("Wait until Heard has computed the figures, then approve the report")
    with transaction():
        report.status, report.approved_by, report.approved_at = "approved", actor, utcnow()
        report.save()
        audit.record("annual.approved", actor=actor, obj=report, summary=f"{report.title}: approved")
    return report


def publish(report, *, actor):
    """Publish an approved report on the public site; its PDF is built in the worker after commit."""
    from reports.annual import tasks

    if report.status != "approved":
        raise AnnualError("Approve the report before publishing it")
    if actor.role not in ROLES:
        raise AnnualError("Only an administrator or a complaints officer can publish the report")
    with transaction() as tx:
        report.status, report.published_by, report.published_at = "published", actor, utcnow()
        report.save()
        audit.record("annual.published", actor=actor, obj=report, summary=f"{report.title}: published")
        tx.on_commit(tasks.build_pdf, report.id)
    return report
