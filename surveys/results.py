"""Results: responses by touchpoint and channel, CSAT, NPS and CES, each question's
answers, and the free-text answers (each a feedback item)."""
from peewee import JOIN, fn

from surveys.forms import SCALES, YES_NO
from surveys.models import TEXT_KINDS, YES_NO_KINDS, Answer, Question, Response, SurveyVersion, Touchpoint
from surveys.versions import questions


def by_touchpoint(survey):
    """[{place, channel, n}]: responses per touchpoint (invitations have no place)."""
    query = (Response.select(Response.channel, Response.touchpoint, fn.COUNT(Response.id).alias("n"))
             .where(Response.survey == survey)
             .group_by(Response.channel, Response.touchpoint))
    names = {t.id: t.name for t in Touchpoint.select().where(Touchpoint.survey == survey)}
    rows = [{"place": names.get(row.touchpoint_id, "Email invitations" if row.touchpoint_id is None else ""),
             "channel": Response(channel=row.channel).channel_label, "n": row.n} for row in query]
    return sorted(rows, key=lambda row: (-row["n"], row["place"]))


def by_channel(survey):
    query = (Response.select(Response.channel, fn.COUNT(Response.id).alias("n"))
             .where(Response.survey == survey).group_by(Response.channel).order_by(Response.channel))
    return [{"channel": Response(channel=row.channel).channel_label, "n": row.n} for row in query]


def _numbers(question):
    return [a.number for a in Answer.select(Answer.number)
            .where(Answer.question == question, Answer.number.is_null(False))]


def _percent(part, whole):
    return round(100 * part / whole) if whole else None


def scores(question):
    """The headline figure for a scale question (None when nobody has answered)."""
    numbers = _numbers(question)
    if not numbers:
        return None
    n = len(numbers)
    if question.kind == "csat":
        return {"label": "Satisfied (4 or 5)", "value": f"{_percent(sum(x >= 4 for x in numbers), n)}%", "n": n}
    if question.kind == "nps":
        promoters, detractors = sum(x >= 9 for x in numbers), sum(x <= 6 for x in numbers)
        nps = round(100 * (promoters - detractors) / n)
        return {"label": "Net Promoter Score", "value": f"{nps:+d}", "n": n}
    average = sum(numbers) / n
    label = "Average effort (1 very difficult, 7 very easy)" if question.kind == "ces" else "Average rating"
    return {"label": label, "value": f"{average:.1f}", "n": n}


def distribution(question):
    """[(option label, count, percent)] for a closed question; None for free text."""
    if question.kind in TEXT_KINDS:
        return None
    answers = list(Answer.select(Answer.number, Answer.value).where(Answer.question == question))
    if question.kind in SCALES:
        labels = SCALES[question.kind]
        counts = {value: 0 for value in labels}
        for answer in answers:
            if answer.number in counts:
                counts[answer.number] += 1
        options = [(labels[v], c) for v, c in counts.items()]
    else:
        names = list(YES_NO) if question.kind in YES_NO_KINDS else question.option_list
        counts = {name: 0 for name in names}
        for answer in answers:
            for value in answer.value.splitlines():
                counts[value] = counts.get(value, 0) + 1
        options = [(YES_NO.get(k, k) if question.kind in YES_NO_KINDS else k, c) for k, c in counts.items()]
    total = len(answers)
    return [(label, count, _percent(count, total) or 0) for label, count in options]


def free_text(question, limit=200):
    return list(Answer.select().where(Answer.question == question, Answer.value != "")
                .order_by(Answer.id.desc()).limit(limit))


def version_results(version):
    results = []
    for question in questions(version):
        results.append({"question": question, "scores": scores(question) if question.kind in SCALES else None,
                        "distribution": distribution(question),
                        "free_text": free_text(question) if question.kind in TEXT_KINDS else None,
                        "answered": Answer.select().where(Answer.question == question).count()})
    return results


def response_counts(survey):
    query = (SurveyVersion.select(SurveyVersion, fn.COUNT(Response.id).alias("n"))
             .join(Response, JOIN.LEFT_OUTER).where(SurveyVersion.survey == survey)
             .group_by(SurveyVersion.id).order_by(SurveyVersion.number.desc()))
    return [(version, version.n) for version in query]


def export_rows(survey):
    """Every response, one row each, a column per question (by version and position), for
    app.csvout (which makes every cell safe to open in a spreadsheet)."""
    all_questions = list(Question.select().join(SurveyVersion).where(SurveyVersion.survey == survey)
                         .order_by(SurveyVersion.number, Question.position))
    yield (["response", "version", "submitted", "channel", "touchpoint"]
           + [f"v{q.version.number} Q{q.position}: {q.text}" for q in all_questions])
    responses = (Response.select(Response, SurveyVersion, Touchpoint).join(SurveyVersion)
                 .switch(Response).join(Touchpoint, JOIN.LEFT_OUTER)
                 .where(Response.survey == survey).order_by(Response.id))
    for response in responses:
        values = {a.question_id: a.value for a in response.answers}
        yield ([response.id, response.version.number, response.submitted_at.date().isoformat(),
                response.channel_label, response.touchpoint.name if response.touchpoint else ""]
               + [values.get(q.id, "") for q in all_questions])
