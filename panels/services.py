"""Setting up panels: create one, change what residents read about it, whether it takes
applications, and who facilitates it. Each change is one transaction with its audit entry.

A panel's address (/panels/<slug>) comes from its name when it is created and stays the same
when it is renamed, so links already shared keep working."""
import re

from app.audit import services as audit
from app.auth import roles
from app.auth.models import User
from app.queue import transaction
from panels.models import Panel, PanelFacilitator

SLUG_LIMIT = 100


class PanelError(Exception):
    def __init__(self, message, field=None):
        super().__init__(message)
        self.field = field


def possible_facilitators():
    """Active staff with the panel facilitator role, by name."""
    return list(User.select().where(User.role == roles.PANEL_FACILITATOR, User.active == True)  # noqa: E712
                .order_by(User.name))


def _slug_for(name):
    base = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:SLUG_LIMIT].strip("-") or "panel"
    slug, n = base, 1
    while Panel.select().where(Panel.slug == slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def _check(name, facilitator_ids, exclude=None):
    clash = Panel.select().where(Panel.name == name)
    if exclude is not None:
        clash = clash.where(Panel.id != exclude.id)
    if clash.exists():
        raise PanelError("There is already a panel with that name", field="name")
    allowed = {user.id for user in possible_facilitators()}
    if not set(facilitator_ids) <= allowed:
        raise PanelError("Select facilitators from the list", field="facilitators")


def _name_facilitators(panel, facilitator_ids):
    PanelFacilitator.delete().where(PanelFacilitator.panel == panel,
                                    PanelFacilitator.user.not_in(facilitator_ids or [0])).execute()
    have = {row.user_id for row in PanelFacilitator.select().where(PanelFacilitator.panel == panel)}
    for user_id in facilitator_ids:
        if user_id not in have:
            PanelFacilitator.create(panel=panel, user=user_id)


def create_panel(details, facilitator_ids, *, actor, ip=""):
    """A new panel. A facilitator who creates one always runs it."""
    ids = sorted(set(facilitator_ids) | ({actor.id} if actor.role == roles.PANEL_FACILITATOR else set()))
    with transaction():
        _check(details["name"], ids)
        panel = Panel.create(slug=_slug_for(details["name"]), **details)
        _name_facilitators(panel, ids)
        audit.record("panel.created", actor=actor, obj=panel, ip=ip, summary=f"Panel {panel.name} created",
                     details={"facilitators": ids})
    return panel


def update_panel(panel, details, facilitator_ids, *, actor, ip=""):
    """Change a panel. A facilitator cannot take themselves off it (an administrator can)."""
    ids = set(facilitator_ids)
    if actor.role == roles.PANEL_FACILITATOR and actor.id not in ids:
        raise PanelError("You cannot remove yourself as a facilitator. Ask an administrator",
                         field="facilitators")
    with transaction():
        _check(details["name"], ids, exclude=panel)
        Panel.update(**details).where(Panel.id == panel.id).execute()
        _name_facilitators(panel, sorted(ids))
        audit.record("panel.updated", actor=actor, obj=panel, ip=ip, summary=f"Panel {details['name']} changed",
                     details={"facilitators": sorted(ids)})
    return Panel.get_by_id(panel.id)
