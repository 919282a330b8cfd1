"""Who may see what in panels.

- Members see only the panels they currently belong to, and those panels' proposals once
  open (never drafts). Anything else, by link or by changing an id, is a 404.
- Staff: administrators run every panel; a panel facilitator runs the panels they are named
  on (`PanelFacilitator`), and may create panels; service leads may post proposals to any
  panel for their own services and read those proposals' results.
"""
from flask import abort

from app.auth import roles
from panels.models import Membership, Panel, PanelFacilitator

STAFF_ROLES = (roles.ADMINISTRATOR, roles.PANEL_FACILITATOR, roles.SERVICE_LEAD)


def member_panels(member):
    """The panels `member` belongs to now, by name."""
    return list(Panel.select().join(Membership)
                .where(Membership.member == member, Membership.left_at.is_null())
                .order_by(Panel.name))


def is_member(member, panel):
    return member is not None and Membership.select().where(
        Membership.member == member, Membership.panel == panel, Membership.left_at.is_null()).exists()


def member_panel_or_404(member, panel_id):
    panel = Panel.get_or_none(Panel.id == panel_id)
    if panel is None or not is_member(member, panel):
        abort(404)
    return panel


def runs(user, panel):
    """True when `user` facilitates `panel` (administrators run every panel)."""
    if user.role == roles.ADMINISTRATOR:
        return True
    return user.role == roles.PANEL_FACILITATOR and PanelFacilitator.select().where(
        PanelFacilitator.panel == panel, PanelFacilitator.user == user).exists()


def panels_run_by(user):
    query = Panel.select().order_by(Panel.name)
    if user.role != roles.ADMINISTRATOR:
        query = query.join(PanelFacilitator).where(PanelFacilitator.user == user)
    return list(query)


def run_panel_or_404(user, panel_id):
    panel = Panel.get_or_none(Panel.id == panel_id)
    if panel is None or not runs(user, panel):
        abort(404)
    return panel
