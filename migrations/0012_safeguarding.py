"""Safeguarding: a severity on each flag (and on the case it reaches) so the urgent queues
put risk to life and to children first; officers' decisions ("confirmed concern" / "reviewed,
not a concern"); when the alert emails were queued; and the council's calibrated threshold.

A frozen copy of what it needs: later changes go in later migrations. Flags raised before
this migration count as already notified, so upgrading sends no old alerts.
"""
import json

from peewee import *

# Severity of each reason as it stood (1 risk to life or to a child, 2 abuse, 3 the rest).
SEVERITY = {
    "Mentions self-harm or suicide": 1, "Possible risk to a child": 1, "Urgent health need": 1,
    "Urgent risk to health or life": 1, "Possible abuse or neglect": 2,
    "Possible abuse or domestic violence": 2,
}


def up(migrator, db):
    migrator.migrate(migrator.add_column('safeguarding_flag', 'severity', IntegerField(index=True, default=3)))
    migrator.migrate(migrator.add_column('safeguarding_flag', 'head_version', CharField(max_length=80, default='')))
    migrator.migrate(migrator.add_column('safeguarding_flag', 'threshold', FloatField(null=True)))
    migrator.migrate(migrator.add_column('safeguarding_flag', 'decision', CharField(max_length=20, default='')))
    migrator.migrate(migrator.add_column('safeguarding_flag', 'notified_at', DateTimeField(null=True)))
    migrator.migrate(migrator.add_column('case_record', 'severity', IntegerField(null=True)))

    class SafeguardingCalibration(Model):
        computed_at = DateTimeField(index=True)
        head_version = CharField(max_length=80)
        threshold = FloatField()
        default_threshold = FloatField()
        ceiling = FloatField()
        decisions = IntegerField(default=0)
        confirmed = IntegerField(default=0)
        dismissed = IntegerField(default=0)

        class Meta:
            database = db
            table_name = 'safeguarding_calibration'
    db.create_tables([SafeguardingCalibration])
    _backfill(db)


def _backfill(db):
    """Severity from each existing flag's reasons, carried to its open case; no alerts for them."""
    severities = {}
    for flag_id, item_id, reasons in db.execute_sql('SELECT id, item_id, reasons FROM safeguarding_flag').fetchall():
        try:
            found = json.loads(reasons or '[]')
        except ValueError:
            found = []
        severity = min([SEVERITY.get(reason, 3) for reason in found] or [3])
        severities[item_id] = severity
        db.execute_sql('UPDATE safeguarding_flag SET severity = %s, notified_at = created_at WHERE id = %s'
                       .replace('%s', db.param), (severity, flag_id))
    rows = db.execute_sql('SELECT case_id, item_id FROM case_item').fetchall() if severities else []
    per_case = {}
    for case_id, item_id in rows:
        if item_id in severities:
            per_case[case_id] = min(per_case.get(case_id, 3), severities[item_id])
    for case_id, severity in per_case.items():
        db.execute_sql('UPDATE case_record SET severity = %s WHERE id = %s'.replace('%s', db.param),
                       (severity, case_id))


def down(migrator, db):
    migrator.migrate(migrator.drop_table('safeguarding_calibration'))
    migrator.migrate(migrator.drop_index('safeguarding_flag', 'safeguarding_flag_severity'))
    for table, column in (('safeguarding_flag', 'severity'), ('safeguarding_flag', 'head_version'),
                          ('safeguarding_flag', 'threshold'), ('safeguarding_flag', 'decision'),
                          ('safeguarding_flag', 'notified_at'), ('case_record', 'severity')):
        migrator.migrate(migrator.drop_column(table, column))
