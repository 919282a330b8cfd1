"""What the annual report says, as sections of plain blocks (paragraphs, tables, charts), so the
PDF (reports.annual.pdf) and the public HTML page (templates/annual/public_show.html) say exactly
the same. Every figure comes from the report's overview (reports.overview), itself from the
query layer; nothing here counts anything."""
from dataclasses import dataclass, field

from reports.annual import code
from reports.dashboard_data import NAMES, fmt, fmt_change
from reports.queries.definitions import DEFINITIONS


@dataclass(frozen=True)
class Span:
    """How a report names its period and the one before: the annual report's year, the
    scrutiny pack's quarter (reports.scrutiny), so both print the same sections."""

    name: str = "year"  # "in the year", "the year's top themes"
    now: str = "This year"  # a column heading
    before: str = "Previous year"


YEAR = Span()


@dataclass
class Section:
    title: str
    blocks: list = field(default_factory=list)  # ("p", text) / ("h2", text) / ("table", rows) / ("chart", title, rows)

    def p(self, text):
        self.blocks.append(("p", text))

    def h2(self, text):
        self.blocks.append(("h2", text))

    def table(self, rows):
        self.blocks.append(("table", rows))

    def chart(self, title, rows):
        self.blocks.append(("chart", title, rows))


def _shares(shares, label, chart=None, section=None, span=YEAR):
    rows = [[label, span.now, span.before, "Change"]] + [
        [s.label, fmt(s.count, "count"), fmt(s.previous_count, "count"), fmt_change(s.change, "count")]
        for s in shares]
    if chart and section is not None and shares:
        section.chart(chart, [(s.label, s.count, s.previous_count) for s in shares])
    return rows


def _figures(figures, span=YEAR):
    return [["Measure", span.now, "Based on", span.before, "Change"]] + [
        [NAMES[f.key], fmt(f.value, f.unit), fmt(f.base, "count"), fmt(f.previous, f.unit),
         fmt_change(f.change, f.unit)] for f in figures]


def volumes(overview, span=YEAR):
    found = Section("Feedback and complaints received")
    total = overview.volumes.total
    found.p(f"{NAMES['items']}: {fmt(total.value, 'count')} (the {span.name} before: "
            f"{fmt(total.previous, 'count')}). " + DEFINITIONS["items"])
    found.h2("By type")
    found.table(_shares(overview.volumes.by_kind, "Type", span=span))
    found.h2("By channel")
    found.table(_shares(overview.volumes.by_channel, "Channel", "Feedback by channel", found, span))
    found.h2("Complaints by stage")
    found.table(_shares(overview.casework.stages, "Stage", span=span))
    return found


def timeliness(overview, span=YEAR):
    found = Section("Timeliness against the Complaint Handling Code")
    found.p("Stage 1: acknowledged within 5 working days and answered within 10 (or the one extension "
            "the resident was told of). Stage 2: acknowledged within 5 working days and answered within 20.")
    figures = overview.complaints.timeliness()
    found.table(_figures(figures, span))
    found.chart("Deadlines met in time, by stage (%)", [(NAMES[f.key], f.value or 0, f.previous or 0)
                                                        for f in figures])
    return found


def outcomes(overview, span=YEAR):
    found = Section("Outcomes and putting things right")
    cases, casework = overview.complaints, overview.casework
    found.table(_figures([cases.upheld, cases.escalation], span))
    found.h2("Outcomes of complaints closed")
    found.table(_shares(casework.outcomes, "Outcome", span=span))
    remedies = casework.remedies
    found.h2("Remedies")
    found.table([["Remedy", "Complaints"], [f"Closed in the {span.name}", fmt(remedies.closed, "count")],
                 ["An apology", fmt(remedies.apology, "count")],
                 ["Something put right", fmt(remedies.action, "count")],
                 ["A payment", fmt(remedies.financial, "count")],
                 ["Payments in all", f"£{remedies.financial_pence / 100:,.2f}"]])
    return found


def refusals(overview, span=YEAR):
    found = Section("Complaints not accepted, and why")
    found.p(f"Complaints the council declined to accept under the Code's exclusions: {overview.refused:,}. "
            "Each resident was told why, and that they could ask the Ombudsman to look at the decision.")
    if overview.refusals:
        found.table(_shares(overview.refusals, "Reason", span=span))
    return found


def ombudsman_cases(found, overview, span=YEAR):
    """Add the period's Ombudsman referrals and decisions to the section `found`."""
    casework = overview.casework
    referred = sum(s.count for s in casework.ombudsman_referred)
    found.p(f"Complaints referred to an Ombudsman: {referred:,}. Ombudsman decisions received: "
            f"{casework.ombudsman_decided:,}.")
    if casework.ombudsman_referred:
        found.table(_shares(casework.ombudsman_referred, "Ombudsman", span=span))
    return found


def ombudsman(overview, report):
    found = ombudsman_cases(Section("The Ombudsman"), overview)
    found.h2("The Ombudsman's annual letter")
    found.p(report.ombudsman_letter or "The Ombudsman's annual letter has not been added to this report.")
    if report.ombudsman_reports:
        found.h2("Other Ombudsman reports")
        found.p(report.ombudsman_reports)
    return found


def categories(overview, span=YEAR):
    found = Section("Complaints by service and by theme")
    found.h2("By service")
    found.table(_shares(overview.complaints_by_service, "Service", "Complaints by service", found, span))
    found.h2("By theme")
    rows = [["Theme", span.now, span.before, "Change"]] + [
        [t.name, fmt(t.count, "count"), fmt(t.previous_count, "count"), fmt_change(t.count - t.previous_count, "count")]
        for t in overview.complaint_themes]
    found.table(rows)
    return found


def themes(overview):
    found = categories(overview)
    found.h2("The year's top themes in all feedback")
    found.table([["Theme", "Feedback", "Negative share"]] + [
        [t.name, fmt(t.count, "count"), fmt(t.negative_share, "percent")] for t in overview.top_themes])
    return found


def improvements(overview, span=YEAR):
    found = Section("Service improvements made from learning")
    found.p(f"Root-cause actions completed in the {span.name}: {len(overview.improvements):,}.")
    for item in overview.improvements:
        found.h2(item.title)
        found.p(f"{item.service}. Owner: {item.owner}. Done on {item.done_on:%-d %B %Y}.")
        if item.summary:
            found.p(item.summary)
        for sentence in item.evidence:
            found.p(sentence)
    return found


def self_assessment(report, overview, assessments):
    found = Section("Self-assessment against the Complaint Handling Code")
    computed = code.evidence(overview, report.title)
    rows = {row.section: row for row in assessments}
    for number, (name, provisions) in code.SECTIONS.items():
        row = rows.get(number)
        found.h2(f"Section {number}: {name}")
        found.p(f"What the Code asks: {provisions}.")
        found.p(f"Compliance: {row.status_label if row else 'Not yet assessed'}.")
        if row is not None and row.evidence:
            found.p(f"The council's evidence: {row.evidence}")
        found.p("Computed by Heard: " + (" ".join(computed[number]) or "nothing Heard can count for this section."))
        if row is not None and row.commentary:
            found.p(f"Commentary: {row.commentary}")
    failing = [f"Section {n}: {code.SECTIONS[n][0]} ({rows[n].status_label.lower()})"
               for n in code.SECTIONS if n in rows and rows[n].status in ("partly", "does_not")]
    found.h2("Findings of non-compliance")
    found.p("; ".join(failing) + "." if failing else "None: no section was assessed as partly or not complying.")
    return found


def governance(report):
    found = Section("The governance response")
    if report.governance_response:
        who = report.governance_by or "The council's governing body"
        when = f" on {report.governance_on:%-d %B %Y}" if report.governance_on else ""
        found.p(f"{who} responded{when}:")
        found.p(report.governance_response)
    else:
        found.p("The governance response has not yet been added.")
    return found


def sections(report, overview, assessments):
    """The report's sections; `assessments`: its Assessment rows (any order)."""
    return [volumes(overview), timeliness(overview), outcomes(overview), refusals(overview),
            ombudsman(overview, report), themes(overview), improvements(overview),
            self_assessment(report, overview, assessments), governance(report)]


def period_words(report):
    return f"{report.period_start:%-d %B %Y} to {report.period_end:%-d %B %Y}"
