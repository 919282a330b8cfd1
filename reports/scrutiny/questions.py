"""Questions the councillor responsible for complaints may ask, drawn from the quarter's figures
(Code 9.7: the member scrutinises the council's complaint handling). Each names the figure that
prompts it, in plain words; none holds a resident's words or details."""
from reports.dashboard_data import fmt

MOST = 6
TIMELINESS = {  # figure key: what a question calls it
    "ack1": "Stage 1 complaints acknowledged within 5 working days",
    "resp1": "Stage 1 complaints answered in time",
    "ack2": "Stage 2 complaints acknowledged within 5 working days",
    "resp2": "Stage 2 complaints answered within 20 working days",
}


def _fell(figure):
    return (figure.change or 0) < 0  # Figure.change is None when either period has nothing to count


def _rose(figure):
    return (figure.change or 0) > 0


def timeliness(cases):
    found = []
    for figure in cases.timeliness():
        if _fell(figure):
            found.append(f"{TIMELINESS[figure.key]} fell from {fmt(figure.previous, 'percent')} to "
                         f"{fmt(figure.value, 'percent')}. What held the answers up, and what will bring "
                         "them back within the Code's time limits?")
    return found


def services(pack):
    rising = [s for s in pack.overview.complaints_by_service if s.change > 0]
    if not rising:
        return []
    most = max(rising, key=lambda s: (s.change, s.count))
    return [f"Complaints about {most.label} rose the most, from {most.previous_count:,} to {most.count:,}. "
            "What is behind the rise, and what is the service doing about it?"]


def outcomes(pack):
    cases, found = pack.overview.complaints, []
    if _rose(cases.upheld):
        found.append(f"The share of complaints upheld or partly upheld rose from {fmt(cases.upheld.previous, 'percent')} "
                     f"to {fmt(cases.upheld.value, 'percent')}. What did the upheld complaints have in common, "
                     "and has the council put it right for everyone affected?")
    if _rose(cases.escalation):
        found.append(f"More stage 1 answers went on to stage 2 ({fmt(cases.escalation.previous, 'percent')} "
                     f"before, {fmt(cases.escalation.value, 'percent')} now). Are stage 1 answers settling "
                     "complaints the first time?")
    referred = sum(s.count for s in pack.overview.casework.ombudsman_referred)
    if referred:
        found.append(f"{referred:,} complaint{'s were' if referred != 1 else ' was'} taken to the Ombudsman. "
                     "What were they about, and what has the Ombudsman decided so far?")
    if pack.overview.refused:
        found.append(f"{pack.overview.refused:,} complaint{'s were' if pack.overview.refused != 1 else ' was'} "
                     "not accepted under the Code's exclusions. Was each resident told why, and of their right "
                     "to ask the Ombudsman?")
    return found


def learning(pack):
    found = []
    if pack.emerging:
        issue = pack.emerging[0]
        about = ", ".join(issue.key_phrases[:3]) or "a new cluster of similar feedback"
        found.append(f"A new issue emerged in the quarter ({about}). Who is looking into it?")
    if not pack.overview.improvements:
        found.append("No service improvement from complaints was completed this quarter. Which actions are "
                     "due, and who owns them?")
    return found


def questions(pack):
    """At most MOST questions, those about the Code's time limits first; never none."""
    found = (timeliness(pack.overview.complaints) + services(pack) + outcomes(pack) + learning(pack))[:MOST]
    return found or ["The figures raise no question of their own this quarter. Is the council confident the "
                     "complaints it receives reflect what residents experience?"]
