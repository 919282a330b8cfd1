"""The lessons-learnt report's sections, in the order a busy service lead reads them: the month
at a glance, what people told us, how they felt and about what, complaints against the Code,
why complaints were upheld and what is being done, and what went well."""
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, PageBreak, Spacer

from reports.dashboard_data import NAMES, fmt
from reports.lessons import charts, words
from reports.lessons.pdf import heading, p, table

FULL = 174 * mm


def _headlines(report):
    found = report.volumes.total
    figures = [found, report.csat, report.complaints.resp1, report.complaints.upheld, report.negative_share]
    return [words.change(words.HEADLINES[f.key], f, report.period, report.previous_period) for f in figures]


def cover(report, s, toc):
    story = [p("Lessons learnt from complaints and feedback", s["caption"]),
             p(report.service.name, s["title"]), p(report.period, s["caption"]), Spacer(1, 6 * mm),
             p("The month at a glance", s["h1"]),
             p(f"Compared with {report.previous_period}:", s["body"])]
    story += [p(line, s["headline"]) for line in _headlines(report)]
    story += [Spacer(1, 6 * mm), p("Contents", s["h1"]), toc, PageBreak()]
    return story


def _shares(rows, label):
    return [[label, "This month", "Last month", "Change"]] + [
        [r.label, fmt(r.count, "count"), fmt(r.previous_count, "count"), words.count_change(r.count, r.previous_count)]
        for r in rows]


def _bars(title, rows, s, report):
    regular, bold = s["fonts"]
    return charts.bars(title, [(r.label, r.count, r.previous_count) for r in rows], regular, bold, s["colour"],
                       report.period, report.previous_period)


def volumes(report, s):
    found = report.volumes
    story = [heading("What people told us", s["h1"]),
             p(f"{NAMES['items']}: {fmt(found.total.value, 'count')} in {report.period} "
               f"({fmt(found.total.previous, 'count')} in {report.previous_period}).", s["body"]),
             p("By type", s["h2"]), table(_shares(found.by_kind, "Type"), [70 * mm, 34 * mm, 34 * mm, 34 * mm], s),
             p("By channel", s["h2"]), table(_shares(found.by_channel, "Channel"),
                                              [70 * mm, 34 * mm, 34 * mm, 34 * mm], s)]
    story.append(_bars("Feedback by channel, this month and last", found.by_channel, s, report))
    return story


def sentiment(report, s):
    regular, bold = s["fonts"]
    rows = [["Month", "Feedback", "Negative", "Neutral", "Positive", "Negative share"]] + [
        [f"{m.month:%B %Y}", fmt(m.items, "count"), fmt(m.negative, "count"), fmt(m.neutral, "count"),
         fmt(m.positive, "count"), fmt(m.negative_share, "percent")] for m in report.trend]
    return [heading("How people felt", s["h1"]),
            p(words.change(words.HEADLINES["negative_share"], report.negative_share, report.period,
                           report.previous_period), s["body"]),
            charts.sentiment_trend(report.trend, regular, bold), Spacer(1, 3 * mm),
            table(rows, [44 * mm, 26 * mm, 26 * mm, 26 * mm, 26 * mm, 26 * mm], s)]


def topics(report, s):
    story = [heading("Topics and emerging issues", s["h1"]), p("Top topics", s["h2"])]
    if report.topics:
        rows = [["Topic", "This month", "Last month", "Change", "Negative share"]] + [
            [t.name, fmt(t.count, "count"), fmt(t.previous_count, "count"),
             words.count_change(t.count, t.previous_count), fmt(t.negative_share, "percent")] for t in report.topics]
        story.append(table(rows, [62 * mm, 28 * mm, 28 * mm, 28 * mm, 28 * mm], s))
        story += _phrases("What people said about them", report.topics, report.phrases, s)
    else:
        story.append(p(f"No feedback about {report.service.name} was given a topic in {report.period}.", s["body"]))
    story.append(p("Emerging issues raised this month", s["h2"]))
    if not report.emerging:
        return story + [p(f"No new issue emerged in {report.period}.", s["body"])]
    rows = [["First seen", "Items here", "Key phrases"]] + [
        [f"{i.first_seen:%-d %B %Y}", fmt(i.matching, "count"), ", ".join(i.key_phrases) or "None yet"]
        for i in report.emerging]
    return story + [table(rows, [34 * mm, 24 * mm, 116 * mm], s, numeric_from=1)]


def _figure_rows(figures):
    return [["Measure", "This month", "Last month", "Based on"]] + [
        [NAMES[f.key], fmt(f.value, f.unit), fmt(f.previous, f.unit), fmt(f.base, "count")] for f in figures]


def complaints(report, s):
    found, work = report.complaints, report.casework
    widths = [74 * mm, 33 * mm, 33 * mm, 33 * mm]
    remedies = work.remedies
    remedy_rows = [["Remedy", "Complaints", "Share of those closed"],
                   ["An apology", fmt(remedies.apology, "count"), words.share_of(remedies.apology, remedies.closed)],
                   ["Something put right", fmt(remedies.action, "count"),
                    words.share_of(remedies.action, remedies.closed)],
                   ["A payment", fmt(remedies.financial, "count"), words.share_of(remedies.financial, remedies.closed)]]
    story = [heading("Complaints", s["h1"]), p("By stage", s["h2"]),
             table(_shares(work.stages, "Stage"), widths, s),
             p("Timeliness against the Complaint Handling Code", s["h2"]),
             table(_figure_rows(found.timeliness()), widths, s),
             p("Outcomes of complaints closed this month", s["h2"])]
    story.append(table(_shares(work.outcomes, "Outcome"), widths, s) if work.outcomes
                 else p(f"No complaint was closed in {report.period}.", s["body"]))
    story += [p(words.change(words.HEADLINES["upheld"], found.upheld, report.period, report.previous_period)
                + f" ({fmt(found.upheld.base, 'count')} decided).", s["body"]),
              table(_figure_rows([found.escalation, found.upheld]), widths, s),
              p("Remedies", s["h2"]), p(f"{fmt(remedies.closed, 'count')} complaints closed; payments came to "
                                        f"{words.pounds(remedies.financial_pence)}.", s["body"]),
              table(remedy_rows, [74 * mm, 33 * mm, 50 * mm], s)]
    return story + _ombudsman(report, s)


def _ombudsman(report, s):
    found, work = report.complaints, report.casework
    story = [p("Ombudsman cases", s["h2"]),
             p(f"{NAMES['ombudsman']}: {fmt(found.ombudsman.value, 'count')} in {report.period} "
               f"({fmt(found.ombudsman.previous, 'count')} in {report.previous_period}); the Ombudsman "
               f"decided {fmt(work.ombudsman_decided, 'count')} of the service's cases this month.", s["body"])]
    if work.ombudsman_referred:
        story.append(table(_shares(work.ombudsman_referred, "Ombudsman"), [74 * mm, 33 * mm, 33 * mm, 33 * mm], s))
    return story


def _action_rows(lines, with_evidence):
    head = ["Action", "Owner", "Evidence of effect" if with_evidence else "Due"]
    return [head] + [[a.title, a.owner, (" ".join(a.evidence) or "No theme linked, so no figures yet")
                      if with_evidence else (f"{a.due_on:%-d %B %Y}" if a.due_on else "No date")] for a in lines]


def root_causes(report, s):
    story = [heading("Why complaints were upheld, and what we are doing", s["h1"]),
             p("Root causes of upheld complaints", s["h2"])]
    if report.root_causes:
        rows = [["Root cause", "Upheld", "Decided", "Closed", "Last month"]] + [
            [r.name, fmt(r.upheld, "count"), fmt(r.decided, "count"), fmt(r.count, "count"),
             fmt(r.previous_count, "count")] for r in report.root_causes]
        story.append(table(rows, [62 * mm, 28 * mm, 28 * mm, 28 * mm, 28 * mm], s))
        story += _phrases("What people said about them", report.topics, report.phrases, s)
    else:
        story.append(p(f"No complaint closed in {report.period} was upheld with a root cause.", s["body"]))
    lists = report.actions
    for title, lines, evidence, empty in (
            ("Actions done this month", lists.done, True, "No action was finished this month."),
            ("Actions due this month and next", lists.due, False, "No open action falls due."),
            (f"Actions overdue on {lists.as_of:%-d %B %Y}", lists.overdue, False, "No action is overdue.")):
        story.append(p(title, s["h2"]))
        widths = [70 * mm, 40 * mm, 64 * mm] if evidence else [96 * mm, 44 * mm, 34 * mm]
        story.append(table(_action_rows(lines, evidence), widths, s, numeric_from=9) if lines else p(empty, s["body"]))
    return story


def went_well(report, s):
    story = [heading("What went well", s["h1"]), p("Compliments by theme", s["h2"])]
    if report.compliments:
        story.append(table(_shares_topics(report.compliments), [74 * mm, 33 * mm, 33 * mm, 33 * mm], s))
        story += _phrases("What people praised", report.compliments, report.compliment_phrases, s)
    else:
        story.append(p(f"No compliment about {report.service.name} was given a theme in {report.period}.", s["body"]))
    story.append(p("In residents' words", s["h2"]))
    if not report.quotes:
        return story + [p("No quote has been approved in a published “You said, we did” for this service yet.",
                          s["body"])]
    for quote in report.quotes:
        story.append(KeepTogether([p(f"“{quote.text}”", s["quote"]),
                                   p(f"On {quote.theme}, from {quote.publication}", s["attribution"])]))
    return story


def phrase_lines(found, phrases):
    """'Topic: “phrase”, “phrase”' for each topic with key phrases (residents' redacted words)."""
    return [f"{t.name}: " + ", ".join(f"“{x}”" for x in phrases[t.topic_id]) for t in found if phrases.get(t.topic_id)]


def _phrases(title, found, phrases, s):
    lines = [p(line, s["body"]) for line in phrase_lines(found, phrases)]
    return [p(title, s["h2"])] + lines if lines else []


def _shares_topics(found):
    return [["Theme", "This month", "Last month", "Change"]] + [
        [t.name, fmt(t.count, "count"), fmt(t.previous_count, "count"), words.count_change(t.count, t.previous_count)]
        for t in found]


def story(report, s, toc):
    return (cover(report, s, toc) + volumes(report, s) + [PageBreak()] + sentiment(report, s) + topics(report, s)
            + [PageBreak()] + complaints(report, s) + [PageBreak()] + root_causes(report, s) + went_well(report, s))
