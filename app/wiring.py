"""What the shell connects when it builds an app, in the web process, the worker and every
test alike, so nothing depends on which modules happen to have been imported.

- Every tasks module is imported, so any process can enqueue any task, the consumer knows
  them all and `queue sweep` sees every sweep.
- The intake listeners the settings name (`Settings.intake_listeners`) are connected to the
  intake signals (app.feedback.hooks): "cases" (a complaint opens its case; updates and
  safeguarding flags reach it) and "classification" (every new item is classified). Any
  listener connected before is disconnected first.
- `flask classifiers evaluate` is told how to find the promoted sentiment model.
- /track asks casework for a complaint's decision (app.cases.resident_decision).
- The Outbox learns from the packages that own them how to say what an email is about
  (app.mail.about): cases and feedback, survey invitations.
"""
import importlib

from app.feedback import hooks

# Every module holding tasks; add yours here.
TASK_MODULES = (
    "app.inbox.tasks",
    "app.mail.tasks",
    "surveys.tasks",
    "app.learning.tasks",
    "app.cases.tasks",
    "app.cases.tasks_digest",
    "app.actions.tasks",
    "reports.yswd.tasks",
    "reports.tasks",
    "reports.annual.tasks",
    "reports.archive.tasks",
    "reports.delivery.tasks",
    "reports.scrutiny.tasks",
    "panels.tasks",
    "panels.proposals.tasks",
    "app.privacy.tasks",
    "app.webhooks.tasks",
    "app.api.tasks",
)
# Intake listener name -> the tasks module whose connect_intake() connects it.
INTAKE_LISTENERS = {
    "cases": "app.cases.tasks",
    "classification": "app.learning.tasks",
}


def install(app, settings):
    for name in TASK_MODULES:
        importlib.import_module(name)
    connect_intake(settings.intake_listeners)
    importlib.import_module("app.learning.tasks").connect_evaluate()
    connect_outbox_words(app)
    importlib.import_module("app.cases.resident_decision").connect()


def connect_outbox_words(app):
    from app.cases import outbox_about
    from surveys import views as survey_views

    outbox_about.register(app)
    survey_views.register_outbox_words(app)


def connect_intake(names):
    """Connect exactly the named intake listeners (and nothing else)."""
    unknown = set(names) - set(INTAKE_LISTENERS)
    if unknown:
        raise ValueError(f"unknown intake listeners: {', '.join(sorted(unknown))}")
    hooks.disconnect_all()
    for name in names:
        importlib.import_module(INTAKE_LISTENERS[name]).connect_intake()
