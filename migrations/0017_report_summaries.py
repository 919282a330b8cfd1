"""The dashboard's pre-computed summaries (reports.models): feedback items, topics, survey
answers and complaint measures per day, month and year, each complaint's measures, and how far
the summaries are up to date. Empty at first: the worker's first refresh fills them."""
from peewee import *


def _dimensions():
    return {'span': CharField(max_length=1), 'day': DateField(),
            'service_id': IntegerField(default=0), 'channel': CharField(max_length=20, default=''),
            'touchpoint_id': IntegerField(default=0)}


def _model(db, name, table, fields, indexes=()):
    meta = type('Meta', (), {'database': db, 'table_name': table, 'legacy_table_names': False,
                             'indexes': indexes})
    return type(name, (Model,), dict(fields, Meta=meta))


def _models(db):
    counts = {'items': IntegerField(default=0), 'negative': IntegerField(default=0),
              'neutral': IntegerField(default=0), 'positive': IntegerField(default=0)}
    item = _model(db, 'ItemSummary', 'report_item_summary', dict(
        _dimensions(), kind=CharField(max_length=20), contacts=IntegerField(default=0),
        repeats=IntegerField(default=0), **counts), ((('span', 'day'), False),))
    counts = {name: IntegerField(default=0) for name in counts}
    topic = _model(db, 'TopicSummary', 'report_topic_summary', dict(
        _dimensions(), kind=CharField(max_length=20), head=CharField(max_length=20),
        topic_id=IntegerField(), **counts), ((('span', 'day', 'head'), False),))
    survey = _model(db, 'SurveySummary', 'report_survey_summary', dict(
        _dimensions(), question_kind=CharField(max_length=20), value=IntegerField(),
        answers=IntegerField(default=0)), ((('span', 'day'), False),))
    case = _model(db, 'CaseSummary', 'report_case_summary', dict(
        _dimensions(), measure=CharField(max_length=20), cases=IntegerField(default=0)),
        ((('span', 'day'), False),))
    measure = _model(db, 'CaseMeasure', 'report_case_measure', dict(
        case_id=IntegerField(index=True), day=DateField(index=True),
        service_id=IntegerField(default=0), channel=CharField(max_length=20, default=''),
        measure=CharField(max_length=20)))
    state = _model(db, 'SummaryState', 'report_summary_state', dict(
        name=CharField(max_length=40, primary_key=True), value=IntegerField(default=0),
        updated_at=DateTimeField(null=True)))
    return [item, topic, survey, case, measure, state]


def up(migrator, db):
    db.create_tables(_models(db))


def down(migrator, db):
    db.drop_tables(_models(db))
