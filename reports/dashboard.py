"""/staff/dashboard: the service dashboard. Figures for a service (or all), a period (month,
quarter, year or custom dates), a channel and a touchpoint, each beside the previous period,
with charts drawn as SVG and every chart's numbers in a table; every view exports to CSV.
Service leads see only their own services, and never an emerging issue that includes a
special-category case; administrators, complaints officers and analysts see every service."""
from flask import Blueprint, abort, render_template, request
from flask_login import current_user

from app.auth.access import roles_required
from app.auth.roles import ADMINISTRATOR, ANALYST, COMPLAINTS_OFFICER, SERVICE_LEAD
from app.cases import clocks
from app.csvout import csv_response
from app.org.models import ServiceArea
from reports import dashboard_data
from reports.dashboard_forms import DashboardFilterForm
from reports.queries.definitions import SETTLED
from reports.summaries_refresh import refreshed_at
from surveys.models import Touchpoint

bp = Blueprint("dashboard", __name__, url_prefix="/staff/dashboard", template_folder="templates")
ROLES = (ADMINISTRATOR, COMPLAINTS_OFFICER, ANALYST, SERVICE_LEAD)


def _scope(user):
    """(services offered, the only service ids allowed or None for all, leave out special category)"""
    if user.role == SERVICE_LEAD:
        own = sorted(user.service_ids())
        services = list(ServiceArea.select().where(ServiceArea.id.in_(own or [0])).order_by(ServiceArea.name))
        return services, set(own), True
    return list(ServiceArea.ordered()), None, False


def _touchpoints(allowed):
    query = Touchpoint.select(Touchpoint.id, Touchpoint.name).order_by(Touchpoint.name)
    if allowed is not None:
        query = query.where(Touchpoint.service.in_(sorted(allowed) or [0]))
    return list(query)


@bp.route("")
@bp.route("/<view>")
@roles_required(*ROLES)
def dashboard(view="overview"):
    if view not in dashboard_data.VIEWS:
        abort(404)
    services, allowed, without_special = _scope(current_user)
    form = DashboardFilterForm(request.args, services=services, touchpoints=_touchpoints(allowed),
                               today=clocks.today(),
                               all_services_label="All your services" if allowed is not None else "All services")
    filters = form.filters(allowed)
    tables = dashboard_data.tables(view, filters, without_special=without_special) if filters else []
    if filters is not None and request.args.get("format") == "csv":
        rows = dashboard_data.csv_rows(view, filters, tables)
        return csv_response(rows, f"heard-dashboard-{view}-{filters.start}-to-{filters.end}.csv")
    query = {k: v for k, v in request.args.items(multi=False) if k != "format"}
    return render_template("reports/dashboard.html", view=view, views=dashboard_data.VIEWS, form=form,
                           filters=filters, tables=tables, query=query, settled=SETTLED,
                           refreshed_at=refreshed_at(), scoped=allowed is not None)
