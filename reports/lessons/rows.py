"""What the lessons-learnt report says, once: its headline lines, the rows of its tables (header
row first) and its sentences, for a gathered Report. The PDF (reports.lessons.sections) and
its HTML twin (reports.lessons.html) lay these out, each in its own way, so the two always say
the same."""
from reports.dashboard_data import NAMES, fmt
from reports.lessons import words

ACTION_LISTS = (  # (title, ActionLists attribute, with evidence?, when empty)
    ("Actions done this month", "done", True, "No action was finished this month."),
    ("Actions due this month and next", "due", False, "No open action falls due."),
    ("Actions overdue on {as_of:%-d %B %Y}", "overdue", False, "No action is overdue."),
)
NO_QUOTES = "No quote has been approved in a published “You said, we did” for this service yet."


def headlines(report):
    found = report.volumes.total
    figures = [found, report.csat, report.complaints.resp1, report.complaints.upheld, report.negative_share]
    return [words.change(words.HEADLINES[f.key], f, report.period, report.previous_period) for f in figures]


def shares(rows, label):
    return [[label, "This month", "Last month", "Change"]] + [
        [r.label, fmt(r.count, "count"), fmt(r.previous_count, "count"), words.count_change(r.count, r.previous_count)]
        for r in rows]


def figures(found):
    return [["Measure", "This month", "Last month", "Based on"]] + [
        [NAMES[f.key], fmt(f.value, f.unit), fmt(f.previous, f.unit), fmt(f.base, "count")] for f in found]


def received(report):
    total = report.volumes.total
    return (f"{NAMES['items']}: {fmt(total.value, 'count')} in {report.period} "
            f"({fmt(total.previous, 'count')} in {report.previous_period}).")


def trend(report):
    return [["Month", "Feedback", "Negative", "Neutral", "Positive", "Negative share"]] + [
        [f"{m.month:%B %Y}", fmt(m.items, "count"), fmt(m.negative, "count"), fmt(m.neutral, "count"),
         fmt(m.positive, "count"), fmt(m.negative_share, "percent")] for m in report.trend]


def felt(report):
    return words.change(words.HEADLINES["negative_share"], report.negative_share, report.period,
                        report.previous_period)


def topics(report):
    return [["Topic", "This month", "Last month", "Change", "Negative share"]] + [
        [t.name, fmt(t.count, "count"), fmt(t.previous_count, "count"),
         words.count_change(t.count, t.previous_count), fmt(t.negative_share, "percent")] for t in report.topics]


def emerging(report):
    return [["First seen", "Items here", "Key phrases"]] + [
        [f"{i.first_seen:%-d %B %Y}", fmt(i.matching, "count"), ", ".join(i.key_phrases) or "None yet"]
        for i in report.emerging]


def phrase_lines(found, phrases):
    """'Topic: “phrase”, “phrase”' for each topic with key phrases (residents' redacted words)."""
    return [f"{t.name}: " + ", ".join(f"“{x}”" for x in phrases[t.topic_id])
            for t in found if phrases.get(t.topic_id)]


def upheld(report):
    found = report.complaints.upheld
    return (words.change(words.HEADLINES["upheld"], found, report.period, report.previous_period)
            + f" ({fmt(found.base, 'count')} decided).")


def remedies_said(report):
    remedies = report.casework.remedies
    return (f"{fmt(remedies.closed, 'count')} complaints closed; payments came to "
            f"{words.pounds(remedies.financial_pence)}.")


def remedies(report):
    found = report.casework.remedies
    return [["Remedy", "Complaints", "Share of those closed"]] + [
        [name, fmt(count, "count"), words.share_of(count, found.closed)]
        for name, count in (("An apology", found.apology), ("Something put right", found.action),
                            ("A payment", found.financial))]


def ombudsman(report):
    found, work = report.complaints, report.casework
    return (f"{NAMES['ombudsman']}: {fmt(found.ombudsman.value, 'count')} in {report.period} "
            f"({fmt(found.ombudsman.previous, 'count')} in {report.previous_period}); the Ombudsman "
            f"decided {fmt(work.ombudsman_decided, 'count')} of the service's cases this month.")


def root_causes(report):
    return [["Root cause", "Upheld", "Decided", "Closed", "Last month"]] + [
        [r.name, fmt(r.upheld, "count"), fmt(r.decided, "count"), fmt(r.count, "count"),
         fmt(r.previous_count, "count")] for r in report.root_causes]


def action_lists(report):
    """[(title, rows, with evidence?, when empty)] of the actions done, due and overdue."""
    lists = report.actions
    return [(title.format(as_of=lists.as_of), actions(getattr(lists, name), evidence), evidence, empty)
            for title, name, evidence, empty in ACTION_LISTS]


def actions(lines, with_evidence):
    head = ["Action", "Owner", "Evidence of effect" if with_evidence else "Due"]
    return [head] + [[a.title, a.owner, (" ".join(a.evidence) or "No theme linked, so no figures yet")
                      if with_evidence else (f"{a.due_on:%-d %B %Y}" if a.due_on else "No date")] for a in lines]


def topic_shares(found):
    return [["Theme", "This month", "Last month", "Change"]] + [
        [t.name, fmt(t.count, "count"), fmt(t.previous_count, "count"), words.count_change(t.count, t.previous_count)]
        for t in found]


def no_topics(report):
    return f"No feedback about {report.service.name} was given a topic in {report.period}."


def no_compliments(report):
    return f"No compliment about {report.service.name} was given a theme in {report.period}."
