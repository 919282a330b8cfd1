"""The lessons-learnt report's sections, in the order a busy service lead reads them: the month
at a glance, what people told us, how they felt and about what, complaints against the Code,
why complaints were upheld and what is being done, and what went well."""
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, PageBreak, Spacer

from reports.lessons import charts, rows
from reports.lessons.pdf import heading, p, table

FULL = 174 * mm
WIDE = [74 * mm, 33 * mm, 33 * mm, 33 * mm]


def cover(report, s, toc):
    story = [p("Lessons learnt from complaints and feedback", s["caption"]),
             p(report.service.name, s["title"]), p(report.period, s["caption"]), Spacer(1, 6 * mm),
             p("The month at a glance", s["h1"]),
             p(f"Compared with {report.previous_period}:", s["body"])]
    story += [p(line, s["headline"]) for line in rows.headlines(report)]
    story += [Spacer(1, 6 * mm), p("Contents", s["h1"]), toc, PageBreak()]
    return story


def _bars(title, found, s, report):
    regular, bold = s["fonts"]
    return charts.bars(title, [(r.label, r.count, r.previous_count) for r in found], regular, bold, s["colour"],
                       report.period, report.previous_period)


def volumes(report, s):
    found, widths = report.volumes, [70 * mm, 34 * mm, 34 * mm, 34 * mm]
    story = [heading("What people told us", s["h1"]), p(rows.received(report), s["body"]),
             p("By type", s["h2"]), table(rows.shares(found.by_kind, "Type"), widths, s),
             p("By channel", s["h2"]), table(rows.shares(found.by_channel, "Channel"), widths, s)]
    story.append(_bars("Feedback by channel, this month and last", found.by_channel, s, report))
    return story


def sentiment(report, s):
    regular, bold = s["fonts"]
    return [heading("How people felt", s["h1"]), p(rows.felt(report), s["body"]),
            charts.sentiment_trend(report.trend, regular, bold), Spacer(1, 3 * mm),
            table(rows.trend(report), [44 * mm, 26 * mm, 26 * mm, 26 * mm, 26 * mm, 26 * mm], s)]


def topics(report, s):
    story = [heading("Topics and emerging issues", s["h1"]), p("Top topics", s["h2"])]
    if report.topics:
        story.append(table(rows.topics(report), [62 * mm, 28 * mm, 28 * mm, 28 * mm, 28 * mm], s))
        story += _phrases("What people said about them", report.topics, report.phrases, s)
    else:
        story.append(p(rows.no_topics(report), s["body"]))
    story.append(p("Emerging issues raised this month", s["h2"]))
    if not report.emerging:
        return story + [p(f"No new issue emerged in {report.period}.", s["body"])]
    return story + [table(rows.emerging(report), [34 * mm, 24 * mm, 116 * mm], s, numeric_from=1)]


def complaints(report, s):
    found, work = report.complaints, report.casework
    story = [heading("Complaints", s["h1"]), p("By stage", s["h2"]),
             table(rows.shares(work.stages, "Stage"), WIDE, s),
             p("Timeliness against the Complaint Handling Code", s["h2"]),
             table(rows.figures(found.timeliness()), WIDE, s),
             p("Outcomes of complaints closed this month", s["h2"])]
    story.append(table(rows.shares(work.outcomes, "Outcome"), WIDE, s) if work.outcomes
                 else p(f"No complaint was closed in {report.period}.", s["body"]))
    story += [p(rows.upheld(report), s["body"]), table(rows.figures([found.escalation, found.upheld]), WIDE, s),
              p("Remedies", s["h2"]), p(rows.remedies_said(report), s["body"]),
              table(rows.remedies(report), [74 * mm, 33 * mm, 50 * mm], s),
              p("Ombudsman cases", s["h2"]), p(rows.ombudsman(report), s["body"])]
    if work.ombudsman_referred:
        story.append(table(rows.shares(work.ombudsman_referred, "Ombudsman"), WIDE, s))
    return story


def root_causes(report, s):
    story = [heading("Why complaints were upheld, and what we are doing", s["h1"]),
             p("Root causes of upheld complaints", s["h2"])]
    if report.root_causes:
        story.append(table(rows.root_causes(report), [62 * mm, 28 * mm, 28 * mm, 28 * mm, 28 * mm], s))
    else:
        story.append(p(f"No complaint closed in {report.period} was upheld with a root cause.", s["body"]))
    for title, found, evidence, empty in rows.action_lists(report):
        story.append(p(title, s["h2"]))
        widths = [70 * mm, 40 * mm, 64 * mm] if evidence else [96 * mm, 44 * mm, 34 * mm]
        story.append(table(found, widths, s, numeric_from=9) if len(found) > 1 else p(empty, s["body"]))
    return story


def went_well(report, s):
    story = [heading("What went well", s["h1"]), p("Compliments by theme", s["h2"])]
    if report.compliments:
        story.append(table(rows.topic_shares(report.compliments), WIDE, s))
        story += _phrases("What people praised", report.compliments, report.compliment_phrases, s)
    else:
        story.append(p(rows.no_compliments(report), s["body"]))
    story.append(p("In residents' words", s["h2"]))
    if not report.quotes:
        return story + [p(rows.NO_QUOTES, s["body"])]
    for quote in report.quotes:
        story.append(KeepTogether([p(f"“{quote.text}”", s["quote"]),
                                   p(f"On {quote.theme}, from {quote.publication}", s["attribution"])]))
    return story


def _phrases(title, found, phrases, s):
    lines = [p(line, s["body"]) for line in rows.phrase_lines(found, phrases)]
    return [p(title, s["h2"])] + lines if lines else []


def story(report, s, toc):
    return (cover(report, s, toc) + volumes(report, s) + [PageBreak()] + sentiment(report, s) + topics(report, s)
            + [PageBreak()] + complaints(report, s) + [PageBreak()] + root_causes(report, s) + went_well(report, s))
