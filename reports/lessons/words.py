"""Figures in plain words for the lessons-learnt report: "Complaints answered in time fell from
82.0% to 71.4%". Numbers are written exactly as the dashboard writes them
(reports.dashboard_data.fmt), so a figure reads the same in both."""
from reports.dashboard_data import fmt

HEADLINES = {  # figure key: what the sentence calls it
    "items": "Feedback received",
    "csat": "Satisfaction (CSAT)",
    "resp1": "Complaints answered in time at stage 1",
    "upheld": "The share of complaints upheld or partly upheld",
    "negative_share": "The share of feedback that was negative",
}


def number(value, unit):
    return fmt(value, unit)


def change(name, figure, period, previous_period):
    """One sentence on a Figure beside the month before."""
    now, before = figure.value, figure.previous
    if now is None and before is None:
        return f"{name}: nothing to count in {period} or {previous_period}."
    if now is None:
        return f"{name}: nothing to count in {period} (it was {number(before, figure.unit)} in {previous_period})."
    if before is None:
        return f"{name} was {number(now, figure.unit)} in {period}, with nothing to compare in {previous_period}."
    shown_now, shown_before = number(now, figure.unit), number(before, figure.unit)
    if shown_now == shown_before:
        return f"{name} stayed at {shown_now}."
    verb = "rose" if now > before else "fell"
    return f"{name} {verb} from {shown_before} to {shown_now}."


def count_change(count, previous):
    if count == previous:
        return "no change"
    return f"{count - previous:+,}"


def pounds(pence):
    return f"£{pence / 100:,.2f}"


def share_of(part, whole):
    return "no figure" if not whole else f"{100.0 * part / whole:.1f}%"
