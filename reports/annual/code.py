"""The Complaint Handling Code's sections, and the evidence Heard can compute for each from a
period's overview (reports.overview) for the self-assessment. Each line names its figure and
its base, so a reader sees what it rests on."""
from reports.dashboard_data import fmt

SECTIONS = {
    1: ("Definition of a complaint",
        "1.2 the definition of a complaint; 1.3 service requests are not complaints, but a complaint "
        "is logged when the resident is unhappy with one; 1.4 a complaint need not use the word"),
    2: ("Exclusions",
        "2.1 a complaint is accepted unless an exclusion applies; 2.2 exclusions are clear and set out "
        "in the policy; 2.3 a refusal is explained with the right to go to the Ombudsman"),
    3: ("Accessibility and awareness",
        "3.1 complaints can be made in many ways; 3.3 reasonable adjustments; 3.5 the policy is "
        "published and the Ombudsman's details given"),
    4: ("Complaint handling staff",
        "4.1 a person or team leads complaint handling; 4.3 staff are trained and have the authority "
        "to put things right"),
    5: ("The complaint handling process",
        "5.1 a single two-stage process; 5.6 complaints are acknowledged, understood and answered in "
        "writing; 5.8 the response addresses every point"),
    6: ("Complaint stages",
        "6.1 stage 1 acknowledged within 5 working days and answered within 10; 6.12 stage 2 "
        "acknowledged within 5 working days and answered within 20; extensions with reasons"),
    7: ("Putting things right",
        "7.1 remedies put the resident back where they would have been: an apology, an action, a "
        "payment; 7.3 remedies are followed through"),
    8: ("Performance reporting and self-assessment",
        "8.1 an annual complaints performance and service improvement report; 8.2 reported to the "
        "governing body and published with its response"),
    9: ("Scrutiny and oversight: continuous learning and improvement",
        "9.1 learning from complaints improves services; 9.7 the member responsible for complaints "
        "receives regular information"),
}


def _rate(figure, what):
    if figure.base == 0:
        return f"{what}: no deadlines fell due in the period."
    met = round(figure.value * figure.base / 100)
    return f"{what}: {fmt(figure.value, 'percent')} ({met:,} of {figure.base:,})."


def _stages(overview):
    counts = {share.key: share.count for share in overview.casework.stages}
    return (f"Complaints received at stage 1: {counts.get(1, 0):,}; stage 2 reviews asked for: "
            f"{counts.get(2, 0):,}.")


def evidence(overview, report_title=""):
    """{section: [sentence]} of what the overview shows for each section (some may be empty)."""
    found = {number: [] for number in SECTIONS}
    volumes, cases, casework = overview.volumes, overview.complaints, overview.casework
    kinds = {share.key: share.count for share in volumes.by_kind}
    found[1].append(f"Complaints logged: {kinds.get('complaint', 0):,}; service requests logged: "
                    f"{kinds.get('service_request', 0):,}, of {volumes.total.value:,} pieces of feedback.")
    found[2].append(f"Complaints not accepted: {overview.refused:,}.")
    found[2] += [f"{share.label}: {share.count:,}." for share in overview.refusals if share.count]
    channels = ", ".join(f"{share.label} {share.count:,}" for share in volumes.by_channel if share.count)
    found[3].append(f"Feedback received by channel: {channels or 'none'}.")
    found[5].append(_stages(overview))
    found[5].append(_rate(cases.resp1, "Stage 1 complaints answered within 10 working days (or the extended time)"))
    found[5].append(_rate(cases.resp2, "Stage 2 complaints answered within 20 working days (or the extended time)"))
    found[6].append(_rate(cases.ack1, "Stage 1 complaints acknowledged within 5 working days"))
    found[6].append(_rate(cases.resp1, "Stage 1 complaints responded to in time"))
    found[6].append(_rate(cases.ack2, "Stage 2 complaints acknowledged within 5 working days"))
    found[6].append(_rate(cases.resp2, "Stage 2 complaints responded to in time"))
    found[6].append(_rate(cases.escalation, "Stage 1 responses followed by a stage 2 request"))
    remedies = casework.remedies
    found[7].append(f"Of {remedies.closed:,} complaints closed: an apology in {remedies.apology:,}, "
                    f"something put right in {remedies.action:,}, a payment in {remedies.financial:,} "
                    f"(£{remedies.financial_pence / 100:,.2f} in all).")
    found[7].append(_rate(cases.upheld, "Complaints upheld or partly upheld"))
    found[8].append(f"This report{f' ({report_title})' if report_title else ''} covers "
                    f"{overview.start:%-d %B %Y} to {overview.end:%-d %B %Y}, with every figure from Heard's "
                    "dashboard for the same period.")
    referred = sum(share.count for share in casework.ombudsman_referred)
    found[8].append(f"Complaints referred to an Ombudsman: {referred:,}; Ombudsman decisions received: "
                    f"{casework.ombudsman_decided:,}.")
    found[9].append(f"Service improvements made from complaints (root-cause actions done): "
                    f"{len(overview.improvements):,}.")
    found[9] += [f"{item.title} ({item.service})." for item in overview.improvements[:10]]
    return found

