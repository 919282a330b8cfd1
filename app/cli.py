"""flask commands: `db upgrade`, `create-admin`, `demo seed`, `queue sweep`."""
import sys

import click
from flask.cli import AppGroup

from app.db import db

db_cli = AppGroup("db", help="The database.")
demo_cli = AppGroup("demo", help="Demonstration data.")
queue_cli = AppGroup("queue", help="The task queue.")


@db_cli.command("upgrade")
def db_upgrade():
    """Apply pending migrations to DATABASE_URL."""
    from app.schema import upgrade

    applied = upgrade(db.obj)
    click.echo(f"Applied {len(applied)} migration(s)" + (": " + ", ".join(applied) if applied else ""))


@db_cli.command("status")
def db_status():
    """List migrations and whether each is applied."""
    from app.schema import runner

    with db.connection_context():
        for migration in runner(db.obj).status():
            click.echo(f"{'applied' if migration.applied else 'pending'}  {migration.name}")


@db_cli.command("is-empty")
def db_is_empty():
    """Exit 0 when the database holds no feedback and no staff (used by `make run`)."""
    from app.auth.models import User
    from app.feedback.models import FeedbackItem

    with db.connection_context():
        empty = not User.select().exists() and not FeedbackItem.select().exists()
    sys.exit(0 if empty else 1)


@click.command("create-admin")
@click.argument("email")
@click.option("--name", default="", help="The administrator's name.")
def create_admin(email, name):
    """Create an administrator and print a one-time password."""
    from app.auth.roles import ADMINISTRATOR
    from app.auth.services import AccountError, create_user

    with db.connection_context():
        try:
            user, password = create_user(email, name or email.split("@")[0], ADMINISTRATOR)
        except AccountError as error:
            raise click.ClickException(str(error))
    click.echo(f"Administrator {user.email} created.")
    click.echo(f"One-time password: {password}")
    click.echo("It must be changed at first sign-in.")


@demo_cli.command("seed")
@click.option("--force", is_flag=True, help="Replace earlier demo data; never touches real data.")
def demo_seed(force):
    """Fill the database with a believable, deterministic council year."""
    from app.demo.seed import DemoRefused, seed_demo

    with db.connection_context():
        try:
            result = seed_demo(force=force)
        except DemoRefused as refused:
            raise click.ClickException(str(refused))
    click.echo(f"Seeded {result.feedback_count} feedback items from {result.people_count} people.")
    click.echo(f"Opened {result.case_count} complaint cases: " + ", ".join(
        f"{count} {state}" for state, count in sorted(result.cases.items())) + ".")
    click.echo(f"Created {len(result.staff)} demo staff accounts.")
    click.echo(f"Published {result.surveys} surveys with {result.responses} responses; officers "
               f"confirmed the sentiment and topic of {result.labelled} items.")
    click.echo(f"Root-cause actions: " + ", ".join(f"{count} {status.replace('_', ' ')}" for status, count
                                                   in sorted(result.actions.items()))
               + f"; 'You said, we did': {result.publications.get('published', 0)} published, "
               f"{result.publications.get('draft', 0)} draft.")
    click.echo(f"Last month's lessons-learnt reports asked for: {result.reports} (the demo service leads' "
               "services; the worker builds them for /staff/reports).")
    if result.panels:
        click.echo(f"Customer panels: {result.panels['panels']} with {result.panels['members']} members and "
                   f"{result.panels['proposals']} proposals (one open, one decided); members sign in at "
                   "/panel/sign-in (e.g. amira.khan@example.org; the link waits in the Outbox).")
    click.echo("When the worker starts it classifies the feedback, looks for emerging issues and "
               "trains challengers from the officers' labels.")


@demo_cli.command("sign-ins")
def demo_sign_ins():
    """Print the demo staff sign-ins (where their demo passwords still work) and the
    authenticator secrets of those that sign in with a code."""
    from app.auth.models import User
    from app.demo.staff import sign_in_lines

    with db.connection_context():
        users = list(User.select().where(User.is_demo == True, User.active == True)  # noqa: E712
                     .order_by(User.id))
    if not users:
        click.echo("There are no demo staff accounts. Create one with: flask --app app create-admin EMAIL")
        return
    click.echo("\n".join(sign_in_lines(users)))


@queue_cli.command("sweep")
def queue_sweep():
    """Re-enqueue work the database says is still pending."""
    from app.queue import run_sweeps

    with db.connection_context():
        counts = run_sweeps()
    click.echo(", ".join(f"{name}: {n}" for name, n in counts.items()) or "Nothing to sweep")


def register(app):
    for command in (db_cli, demo_cli, queue_cli, create_admin):
        app.cli.add_command(command)
    from app.inbox.cli import email_cli; app.cli.add_command(email_cli)  # noqa: E702
    from app.privacy.cli import privacy_cli; app.cli.add_command(privacy_cli)  # noqa: E702
    from app.backup import backup_command, restore_command  # `backup OUT`, `restore IN` (issue 15)
    app.cli.add_command(backup_command); app.cli.add_command(restore_command)  # noqa: E702
    from classifiers.cli import classifiers_cli; app.cli.add_command(classifiers_cli)  # noqa: E702
    from reports.lessons.cli import reports_cli; app.cli.add_command(reports_cli)  # noqa: E702
    import reports.annual.cli  # noqa: F401  (adds `reports annual-report` to reports_cli)
    import reports.scrutiny.cli  # noqa: F401  (adds `reports scrutiny-pack` to reports_cli)
