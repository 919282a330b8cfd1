"""The Complaint Handling Code's sections, and the evidence Heard can compute for each from a
period's overview (reports.overview) for the self-assessment. Each line names its figure and
its base, so a reader sees what it rests on.

The sections' names and provisions are marked for the catalogue (N_) and stay English where
they are defined (staff pages); the public report translates them. `evidence` writes its
sentences in the language in force (Welsh on a Welsh public page or PDF, English for staff and
in the worker); `english_evidence` writes them in English whatever the language, as the worker
stores them as a draft's starting evidence."""
from babel.dates import format_date
from flask_babel import force_locale, gettext

from app.languages import DEFAULT, N_, current
from reports.dashboard_data import fmt

SECTIONS = {
    1: (N_("Definition of a complaint"),
        N_("1.2 the definition of a complaint; 1.3 service requests are not complaints, but a complaint "
           "is logged when the resident is unhappy with one; 1.4 a complaint need not use the word")),
    2: (N_("Exclusions"),
        N_("2.1 a complaint is accepted unless an exclusion applies; 2.2 exclusions are clear and set out "
           "in the policy; 2.3 a refusal is explained with the right to go to the Ombudsman")),
    3: (N_("Accessibility and awareness"),
        N_("3.1 complaints can be made in many ways; 3.3 reasonable adjustments; 3.5 the policy is "
           "published and the Ombudsman's details given")),
    4: (N_("Complaint handling staff"),
        N_("4.1 a person or team leads complaint handling; 4.3 staff are trained and have the authority "
           "to put things right")),
    5: (N_("The complaint handling process"),
        N_("5.1 a single two-stage process; 5.6 complaints are acknowledged, understood and answered in "
           "writing; 5.8 the response addresses every point")),
    6: (N_("Complaint stages"),
        N_("6.1 stage 1 acknowledged within 5 working days and answered within 10; 6.12 stage 2 "
           "acknowledged within 5 working days and answered within 20; extensions with reasons")),
    7: (N_("Putting things right"),
        N_("7.1 remedies put the resident back where they would have been: an apology, an action, a "
           "payment; 7.3 remedies are followed through")),
    8: (N_("Performance reporting and self-assessment"),
        N_("8.1 an annual complaints performance and service improvement report; 8.2 reported to the "
           "governing body and published with its response")),
    9: (N_("Scrutiny and oversight: continuous learning and improvement"),
        N_("9.1 learning from complaints improves services; 9.7 the member responsible for complaints "
           "receives regular information")),
}


def _date(value):
    """'1 April 2025' in the language in force (English outside an app)."""
    return format_date(value, "d MMMM y", locale=current())


def _rate(figure, what):
    what = gettext(what)
    if figure.base == 0:
        return gettext("%(what)s: no deadlines fell due in the period.", what=what)
    met = round(figure.value * figure.base / 100)
    return gettext("%(what)s: %(rate)s (%(met)s of %(base)s).", what=what, rate=fmt(figure.value, "percent"),
                      met=f"{met:,}", base=f"{figure.base:,}")


def _stages(overview):
    counts = {share.key: share.count for share in overview.casework.stages}
    return gettext("Complaints received at stage 1: %(first)s; stage 2 reviews asked for: %(second)s.",
                      first=f"{counts.get(1, 0):,}", second=f"{counts.get(2, 0):,}")


def english_evidence(overview, report_title=""):
    """`evidence` in English whatever the language in force (stored as staff read and edit it)."""
    with force_locale(DEFAULT):
        return evidence(overview, report_title)


def evidence(overview, report_title=""):
    """{section: [sentence]} of what the overview shows for each section (some may be empty), in
    the language in force. `report_title` as the reader should see it."""
    found = {number: [] for number in SECTIONS}
    volumes, cases, casework = overview.volumes, overview.complaints, overview.casework
    kinds = {share.key: share.count for share in volumes.by_kind}
    found[1].append(gettext(
        "Complaints logged: %(complaints)s; service requests logged: %(requests)s, of %(total)s pieces of "
        "feedback.", complaints=f"{kinds.get('complaint', 0):,}", requests=f"{kinds.get('service_request', 0):,}",
        total=f"{volumes.total.value:,}"))
    found[2].append(gettext("Complaints not accepted: %(count)s.", count=f"{overview.refused:,}"))
    found[2] += [f"{gettext(share.label)}: {share.count:,}." for share in overview.refusals if share.count]
    channels = ", ".join(f"{gettext(share.label)} {share.count:,}" for share in volumes.by_channel if share.count)
    found[3].append(gettext("Feedback received by channel: %(channels)s.", channels=channels or gettext("none")))
    found[5].append(_stages(overview))
    found[5].append(_rate(cases.resp1,
                          N_("Stage 1 complaints answered within 10 working days (or the extended time)")))
    found[5].append(_rate(cases.resp2,
                          N_("Stage 2 complaints answered within 20 working days (or the extended time)")))
    found[6].append(_rate(cases.ack1, N_("Stage 1 complaints acknowledged within 5 working days")))
    found[6].append(_rate(cases.resp1, N_("Stage 1 complaints responded to in time")))
    found[6].append(_rate(cases.ack2, N_("Stage 2 complaints acknowledged within 5 working days")))
    found[6].append(_rate(cases.resp2, N_("Stage 2 complaints responded to in time")))
    found[6].append(_rate(cases.escalation, N_("Stage 1 responses followed by a stage 2 request")))
    remedies = casework.remedies
    found[7].append(gettext(
        "Of %(closed)s complaints closed: an apology in %(apology)s, something put right in %(action)s, a "
        "payment in %(financial)s (%(amount)s in all).", closed=f"{remedies.closed:,}",
        apology=f"{remedies.apology:,}", action=f"{remedies.action:,}", financial=f"{remedies.financial:,}",
        amount=f"£{remedies.financial_pence / 100:,.2f}"))
    found[7].append(_rate(cases.upheld, N_("Complaints upheld or partly upheld")))
    start, end = _date(overview.start), _date(overview.end)
    if report_title:
        found[8].append(gettext("This report (%(title)s) covers %(start)s to %(end)s, with every figure from "
                                "Heard's dashboard for the same period.", title=report_title, start=start, end=end))
    else:
        found[8].append(gettext("This report covers %(start)s to %(end)s, with every figure from Heard's "
                                "dashboard for the same period.", start=start, end=end))
    referred = sum(share.count for share in casework.ombudsman_referred)
    found[8].append(gettext("Complaints referred to an Ombudsman: %(referred)s; Ombudsman decisions received: "
                            "%(decided)s.", referred=f"{referred:,}", decided=f"{casework.ombudsman_decided:,}"))
    found[9].append(gettext("Service improvements made from complaints (root-cause actions done): %(count)s.",
                            count=f"{len(overview.improvements):,}"))
    found[9] += [f"{item.title} ({item.service})." for item in overview.improvements[:10]]
    return found
