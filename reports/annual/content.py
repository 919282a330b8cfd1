"""What the annual report says, as sections of plain blocks (paragraphs, tables, charts), so the
PDF (reports.annual.pdf) and the public HTML page (templates/annual/public_show.html) say exactly
the same. Every figure comes from the report's overview (reports.overview), itself from the
query layer; nothing here counts anything."""
from dataclasses import dataclass, field

from flask_babel import format_date, gettext
from flask_babel import lazy_gettext as _l

from app.actions.evidence import in_language
from app.languages import DEFAULT, current
from reports import dashboard_data
from reports.annual import code
from reports.dashboard_data import NAMES
from reports.queries.definitions import DEFINITIONS


@dataclass(frozen=True)
class Span:
    """How a report names its period and the one before: the annual report's year, the
    scrutiny pack's quarter (reports.scrutiny), so both print the same sections."""

    name: str = _l("year")  # "in the year", "the year's top themes"
    now: str = _l("This year")  # a column heading
    before: str = _l("Previous year")


YEAR = Span()


def fmt(value, unit):
    """A figure as the dashboard writes it ("85.0%", "1,204"), "No data" in the language in force."""
    return dashboard_data.fmt(value, unit, missing=gettext("No data"))


def fmt_change(change, unit):
    """A change as the dashboard writes it ("+3.0 points", "-12"), in the language in force."""
    if change is None:
        return gettext("No comparison")
    if unit == "percent":
        return gettext("%(change)s points", change=f"{change:+.1f}")
    return dashboard_data.fmt_change(change, unit)


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
    rows = [[label, str(span.now), str(span.before), gettext("Change")]] + [
        [gettext(s.label), fmt(s.count, "count"), fmt(s.previous_count, "count"), fmt_change(s.change, "count")]
        for s in shares]
    if chart and section is not None and shares:
        section.chart(chart, [(gettext(s.label), s.count, s.previous_count) for s in shares])
    return rows


def _figures(figures, span=YEAR):
    return [[gettext("Measure"), str(span.now), gettext("Based on"), str(span.before), gettext("Change")]] + [
        [gettext(NAMES[f.key]), fmt(f.value, f.unit), fmt(f.base, "count"), fmt(f.previous, f.unit),
         fmt_change(f.change, f.unit)] for f in figures]


def volumes(overview, span=YEAR):
    found = Section(gettext("Feedback and complaints received"))
    total = overview.volumes.total
    found.p(gettext("%(measure)s: %(count)s (the %(span)s before: %(previous)s).", measure=gettext(NAMES["items"]),
                    count=fmt(total.value, "count"), span=span.name, previous=fmt(total.previous, "count"))
            + " " + gettext(DEFINITIONS["items"]))
    found.h2(gettext("By type"))
    found.table(_shares(overview.volumes.by_kind, gettext("Type"), span=span))
    found.h2(gettext("By channel"))
    found.table(_shares(overview.volumes.by_channel, gettext("Channel"), gettext("Feedback by channel"), found, span))
    found.h2(gettext("Complaints by stage"))
    found.table(_shares(overview.casework.stages, gettext("Stage"), span=span))
    return found


def timeliness(overview, span=YEAR):
    found = Section(gettext("Timeliness against the Complaint Handling Code"))
    found.p(gettext("Stage 1: acknowledged within 5 working days and answered within 10 (or the one extension "
                    "the resident was told of). Stage 2: acknowledged within 5 working days and answered within 20."))
    figures = overview.complaints.timeliness()
    found.table(_figures(figures, span))
    found.chart(gettext("Deadlines met in time, by stage (%)"), [(gettext(NAMES[f.key]), f.value or 0,
                                                                  f.previous or 0)
                                                        for f in figures])
    return found


def outcomes(overview, span=YEAR):
    found = Section(gettext("Outcomes and putting things right"))
    cases, casework = overview.complaints, overview.casework
    found.table(_figures([cases.upheld, cases.escalation], span))
    found.h2(gettext("Outcomes of complaints closed"))
    found.table(_shares(casework.outcomes, gettext("Outcome"), span=span))
    remedies = casework.remedies
    found.h2(gettext("Remedies"))
    found.table([[gettext("Remedy"), gettext("Complaints")],
                 [gettext("Closed in the %(span)s", span=span.name), fmt(remedies.closed, "count")],
                 [gettext("An apology"), fmt(remedies.apology, "count")],
                 [gettext("Something put right"), fmt(remedies.action, "count")],
                 [gettext("A payment"), fmt(remedies.financial, "count")],
                 [gettext("Payments in all"), f"£{remedies.financial_pence / 100:,.2f}"]])
    return found


def refusals(overview, span=YEAR):
    found = Section(gettext("Complaints not accepted, and why"))
    found.p(gettext("Complaints the council declined to accept under the Code's exclusions: %(count)s.",
                    count=f"{overview.refused:,}") + " "
            + gettext("Each resident was told why, and that they could ask the Ombudsman to look at the decision."))
    if overview.refusals:
        found.table(_shares(overview.refusals, gettext("Reason"), span=span))
    return found


def ombudsman_cases(found, overview, span=YEAR):
    """Add the period's Ombudsman referrals and decisions to the section `found`."""
    casework = overview.casework
    referred = sum(s.count for s in casework.ombudsman_referred)
    found.p(gettext("Complaints referred to an Ombudsman: %(referred)s. Ombudsman decisions received: %(decided)s.",
                    referred=f"{referred:,}", decided=f"{casework.ombudsman_decided:,}"))
    if casework.ombudsman_referred:
        found.table(_shares(casework.ombudsman_referred, gettext("Ombudsman"), span=span))
    return found


def ombudsman(overview, report):
    found = ombudsman_cases(Section(gettext("The Ombudsman")), overview)
    found.h2(gettext("The Ombudsman's annual letter"))
    found.p(report.ombudsman_letter or gettext("The Ombudsman's annual letter has not been added to this report."))
    if report.ombudsman_reports:
        found.h2(gettext("Other Ombudsman reports"))
        found.p(report.ombudsman_reports)
    return found


def categories(overview, span=YEAR):
    found = Section(gettext("Complaints by service and by theme"))
    found.h2(gettext("By service"))
    found.table(_shares(overview.complaints_by_service, gettext("Service"), gettext("Complaints by service"),
                        found, span))
    found.h2(gettext("By theme"))
    rows = [[gettext("Theme"), str(span.now), str(span.before), gettext("Change")]] + [
        [t.name, fmt(t.count, "count"), fmt(t.previous_count, "count"), fmt_change(t.count - t.previous_count, "count")]
        for t in overview.complaint_themes]
    found.table(rows)
    return found


def themes(overview):
    found = categories(overview)
    found.h2(gettext("The year's top themes in all feedback"))
    found.table([[gettext("Theme"), gettext("Feedback"), gettext("Negative share")]] + [
        [t.name, fmt(t.count, "count"), fmt(t.negative_share, "percent")] for t in overview.top_themes])
    return found


def improvements(overview, span=YEAR):
    found = Section(gettext("Service improvements made from learning"))
    found.p(gettext("Root-cause actions completed in the %(span)s: %(count)s.", span=span.name,
                    count=f"{len(overview.improvements):,}"))
    for item in overview.improvements:
        found.h2(item.title)
        found.p(gettext("%(service)s. Owner: %(owner)s. Done on %(date)s.", service=item.service, owner=item.owner,
                        date=format_date(item.done_on, "d MMMM y")))
        if item.summary:
            found.p(item.summary)
        for sentence in item.evidence:  # kept in English with the figures: in the page's language
            found.p(in_language(sentence))
    return found


def self_assessment(report, overview, assessments):
    found = Section(gettext("Self-assessment against the Complaint Handling Code"))
    computed = code.evidence(overview, title_words(report))
    # The council's evidence starts as Heard's, in English (services.fill_figures): while it is
    # still that, it is Heard's words and is shown in the language in force.
    english = computed if current() == DEFAULT else code.english_evidence(overview, report.title)
    rows = {row.section: row for row in assessments}
    for number, (name, provisions) in code.SECTIONS.items():
        row = rows.get(number)
        found.h2(gettext("Section %(number)s: %(name)s", number=number, name=gettext(name)))
        found.p(gettext("What the Code asks: %(provisions)s.", provisions=gettext(provisions)))
        found.p(gettext("Compliance: %(status)s.", status=gettext(row.status_label if row else "Not yet assessed")))
        if row is not None and row.evidence:
            said = row.evidence
            if _lines(said) == _lines("\n".join(english[number])):
                said = "\n".join(computed[number])
            found.p(gettext("The council's evidence: %(evidence)s", evidence=said))
        found.p(gettext("Computed by Heard: %(evidence)s", evidence=" ".join(computed[number])
                        or gettext("nothing Heard can count for this section.")))
        if row is not None and row.commentary:
            found.p(gettext("Commentary: %(commentary)s", commentary=row.commentary))
    failing = [gettext("Section %(number)s: %(name)s", number=n, name=gettext(code.SECTIONS[n][0]))
               + f" ({gettext(rows[n].status_label).lower()})"
               for n in code.SECTIONS if n in rows and rows[n].status in ("partly", "does_not")]
    found.h2(gettext("Findings of non-compliance"))
    found.p("; ".join(failing) + "." if failing
            else gettext("None: no section was assessed as partly or not complying."))
    return found


def _lines(text):
    return [line.strip() for line in text.strip().splitlines()]


def governance(report):
    found = Section(gettext("The governance response"))
    if report.governance_response:
        who = report.governance_by or gettext("The council's governing body")
        if report.governance_on:
            found.p(gettext("%(who)s responded on %(date)s:", who=who,
                            date=format_date(report.governance_on, "d MMMM y")))
        else:
            found.p(gettext("%(who)s responded:", who=who))
        found.p(report.governance_response)
    else:
        found.p(gettext("The governance response has not yet been added."))
    return found


def sections(report, overview, assessments):
    """The report's sections; `assessments`: its Assessment rows (any order)."""
    return [volumes(overview), timeliness(overview), outcomes(overview), refusals(overview),
            ombudsman(overview, report), themes(overview), improvements(overview),
            self_assessment(report, overview, assessments), governance(report)]


def title_words(report):
    """The report's title: as officers wrote it, or, when it is still the one Heard gave it
    (services.title_of), that title in the language in force."""
    start, end = report.period_start, report.period_end
    if (start.month, start.day) == (4, 1):
        years = f"{start.year}/{end:%y}"
        if report.title == f"Annual complaints performance and service improvement report {years}":
            return gettext("Annual complaints performance and service improvement report %(years)s", years=years)
    elif report.title == (f"Annual complaints performance and service improvement report, "
                          f"{start:%-d %B %Y} to {end:%-d %B %Y}"):
        return gettext("Annual complaints performance and service improvement report, %(period)s",
                       period=period_words(report))
    return report.title


def period_words(report):
    """"1 April 2025 to 31 March 2026", in the language in force."""
    return gettext("%(start)s to %(end)s", start=format_date(report.period_start, "d MMMM y"),
                   end=format_date(report.period_end, "d MMMM y"))
