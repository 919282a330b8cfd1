"""What the scrutiny pack says, as sections of plain blocks (reports.annual.content's Section:
paragraphs, headings, tables, charts), so the PDF (reports.scrutiny.pdf) and its HTML twin
(reports.scrutiny.html) say exactly the same. The sections the annual report also has are the
annual report's own functions, naming a quarter instead of a year; every figure comes from the
pack's overview and the query layer, nothing here counts anything."""
from reports.annual import content as annual
from reports.annual.content import Section, Span
from reports.dashboard_data import NAMES, fmt
from reports.lessons import words
from reports.queries.figures import Figure
from reports.scrutiny.questions import questions

QUARTER = Span(name="quarter", now="This quarter", before="Previous quarter")
HEADLINES = {"items": "Feedback received", "stage1": "Complaints received",
             "ack1": "Stage 1 complaints acknowledged in time", "resp1": "Stage 1 complaints answered in time",
             "resp2": "Stage 2 complaints answered in time",
             "upheld": "The share of complaints upheld or partly upheld",
             "escalation": "The share of stage 1 answers taken to stage 2",
             "ombudsman": "Complaints referred to an Ombudsman"}


def _count(key, share):
    now, before = (share.count, share.previous_count) if share else (0, 0)
    return Figure(key=key, value=now, base=now, previous=before, previous_base=before, unit="count")


def headlines(pack):
    """The cover's lines: each headline figure and its change from the previous quarter."""
    overview, cases = pack.overview, pack.overview.complaints
    stage1 = next((s for s in overview.casework.stages if s.key == 1), None)
    figures = [overview.volumes.total, _count("stage1", stage1), cases.ack1, cases.resp1, cases.resp2,
               cases.upheld, cases.escalation, cases.ombudsman]
    return [words.change(HEADLINES[f.key], f, pack.period, pack.previous_period) for f in figures]


def volumes(pack):
    found = annual.volumes(pack.overview, QUARTER)
    found.h2("Complaints each month, by stage")
    months = [f"{m.month:%B %Y}" for m in pack.months]
    found.blocks.append(("columns", "Complaints received at stage 1 and stage 2 requests, by month", months,
                         [("Stage 1", [m.stage1 for m in pack.months]),
                          ("Stage 2", [m.stage2 for m in pack.months])]))
    found.table([["Month", "Stage 1 received", "Stage 2 requested"]] + [
        [name, fmt(m.stage1, "count"), fmt(m.stage2, "count")] for name, m in zip(months, pack.months)])
    return found


def performance(pack):
    found = annual.timeliness(pack.overview, QUARTER)
    found.title = "Performance against the Complaint Handling Code"
    cases = pack.overview.complaints
    found.h2("Escalation and the Ombudsman")
    found.p(words.change(HEADLINES["escalation"], cases.escalation, pack.period, pack.previous_period)
            + f" Based on {fmt(cases.escalation.base, 'count')} stage 1 answers.")
    return annual.ombudsman_cases(found, pack.overview, QUARTER)


def themes(pack):
    found = Section("The quarter's themes")
    found.h2("Top themes in all feedback")
    if pack.overview.top_themes:
        found.table([["Theme", "Feedback", "Previous quarter", "Negative share", "What people said"]] + [
            [t.name, fmt(t.count, "count"), fmt(t.previous_count, "count"), fmt(t.negative_share, "percent"),
             ", ".join(pack.phrases.get(t.topic_id, ())) or "No phrase shared by several people"]
            for t in pack.overview.top_themes])
        found.p("What people said: key phrases from several residents' feedback on the theme, with personal "
                "details taken out.")
    else:
        found.p(f"No feedback was given a theme in {pack.period}.")
    found.h2("Emerging issues first seen this quarter")
    if pack.emerging:
        found.table([["First seen", "Items", "Key phrases"]] + [
            [f"{i.first_seen:%-d %B %Y}", fmt(i.matching, "count"), ", ".join(i.key_phrases) or "None yet"]
            for i in pack.emerging])
    else:
        found.p(f"No new issue emerged in {pack.period}.")
    return found


def asked(pack):
    found = Section("Questions the member may ask")
    found.p("Drawn from this quarter's figures, for the councillor responsible for complaints (Complaint "
            "Handling Code, 9.7).")
    for number, question in enumerate(questions(pack), start=1):
        found.p(f"{number}. {question}")
    return found


def sections(pack):
    overview = pack.overview
    return [volumes(pack), annual.categories(overview, QUARTER), annual.outcomes(overview, QUARTER),
            annual.refusals(overview, QUARTER), performance(pack), themes(pack),
            annual.improvements(overview, QUARTER), asked(pack)]


def about(pack):
    return (f"The council's complaints and feedback, {pack.period}, for every service, beside the previous "
            f"quarter ({pack.previous_period}). Every figure comes from the council's complaints and feedback "
            f"system, Heard, and equals its dashboard's for the same period. {NAMES['items']} counts every "
            "compliment, comment and complaint.")
