"""Model history and rollback, the topic taxonomy, and emerging issues."""
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from app.audit import services as audit
from app.auth.access import roles_required
from app.auth.roles import ADMINISTRATOR
from app.forms import show_error
from app.learning import loop, measurements, services, signals, taxonomy
from app.learning.forms import ActionForm, TopicForm
from app.learning.models import TASKS, EmergingIssue, ModelVersion, Topic
from app.queue import transaction

bp = Blueprint("learning", __name__, url_prefix="/staff/learning", template_folder="templates")

EMERGING_ACTIONS = {"acknowledge": ("acknowledged", "Emerging issue acknowledged"),
                    "dismiss": ("dismissed", "Emerging issue dismissed")}


@bp.route("/models")
@roles_required(*services.EDITORS)
def models():
    history = {task: measurements.rows(task) for task in TASKS}
    return render_template("learning/models.html", tasks=TASKS, form=ActionForm(), history=history,
                           **measurements.rules())


@bp.route("/models/train", methods=["POST"])
@roles_required(*services.EDITORS)
def train():
    task = request.form.get("task", "")
    if task not in TASKS or not ActionForm().validate_on_submit():
        flash("Choose sentiment, service area or themes and try again.", "info")
        return redirect(url_for("learning.models"))
    from app.learning import tasks

    with transaction() as tx:
        audit.record("learning.training_requested", actor=current_user, object_type="model_version",
                     summary=f"{TASKS[task]} challenger requested")
        tx.on_commit(tasks.train_challenger, task)
    flash(f"Training a {TASKS[task].lower()} challenger. Its result will appear in the history below.",
          "success")
    return redirect(url_for("learning.models"))


@bp.route("/models/<id:version_id>/rollback", methods=["POST"])
@roles_required(ADMINISTRATOR)
def rollback(version_id):
    version = ModelVersion.get_or_none(ModelVersion.id == version_id)
    if version is None:
        abort(404)
    if not ActionForm().validate_on_submit():
        flash("That form has expired. Try again.", "info")
    else:
        try:
            loop.roll_back(version, actor=current_user)
        except loop.LoopError as error:
            flash(str(error), "info")
        else:
            flash(f"{version.version} is in use again. Existing items are being re-classified.", "success")
    return redirect(url_for("learning.models"))


@bp.route("/taxonomy")
@roles_required(*services.EDITORS)
def taxonomy_list():
    return render_template("learning/taxonomy.html", topics=taxonomy.ordered(),
                           is_admin=current_user.role == ADMINISTRATOR)


@bp.route("/taxonomy/new", methods=["GET", "POST"])
@roles_required(ADMINISTRATOR)
def new_topic():
    form = TopicForm()
    if form.validate_on_submit():
        try:
            topic = taxonomy.add_topic(name=form.name.data, description=form.description.data,
                                       kind=form.kind.data, service=form.service_area(), actor=current_user)
        except taxonomy.TaxonomyError as error:
            show_error(form, error)
        else:
            flash(f"Topic added: {topic.name}", "success")
            return redirect(url_for("learning.taxonomy_list"))
    return render_template("learning/topic_form.html", form=form, topic=None)


@bp.route("/taxonomy/<id:topic_id>", methods=["GET", "POST"])
@roles_required(ADMINISTRATOR)
def edit_topic(topic_id):
    topic = Topic.get_or_none(Topic.id == topic_id)
    if topic is None:
        abort(404)
    form = TopicForm(data={"name": topic.name, "description": topic.description, "kind": topic.kind,
                           "service": topic.service_id or 0, "active": topic.active})
    if form.validate_on_submit():
        try:
            taxonomy.edit_topic(topic, name=form.name.data, description=form.description.data,
                                kind=form.kind.data, service=form.service_area(), active=form.active.data,
                                actor=current_user)
        except taxonomy.TaxonomyError as error:
            show_error(form, error)
        else:
            flash(f"Topic saved: {topic.name}", "success")
            return redirect(url_for("learning.taxonomy_list"))
    return render_template("learning/topic_form.html", form=form, topic=topic)


@bp.route("/emerging")
@roles_required(*services.EDITORS)
def emerging():
    issues = list(EmergingIssue.select().where(EmergingIssue.status == "open")
                  .order_by(EmergingIssue.created_at.desc()))
    return render_template("learning/emerging.html", form=ActionForm(),
                           issues=[(issue, signals.emerging_items(issue)) for issue in issues])


@bp.route("/emerging/<id:issue_id>/<action>", methods=["POST"])
@roles_required(*services.EDITORS)
def emerging_action(issue_id, action):
    issue = EmergingIssue.get_or_none(EmergingIssue.id == issue_id)
    if issue is None or action not in EMERGING_ACTIONS:
        abort(404)
    if ActionForm().validate_on_submit():
        status, message = EMERGING_ACTIONS[action]
        signals.set_emerging_status(issue, status, actor=current_user)
        flash(message, "success")
    else:
        flash("That form has expired. Try again.", "info")
    return redirect(url_for("learning.emerging"))
