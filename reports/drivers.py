"""What drives complaints, /staff/reports/drivers: for a service (or all the services the
viewer may see) and a period (a month, quarter, year or custom dates; by default the last
complete month), root causes and themes ranked by volume, upheld rate and change from the
period before, each row one click from "Create an action" pre-filled with its cases and theme.

Service leads see only their own services; counts only, never residents' words. The figures
come from reports.queries.drivers.
"""
import datetime

from flask import Blueprint, render_template, request, url_for
from flask_login import current_user
from wtforms import Form, SelectField, StringField
from wtforms.fields.choices import SelectChoice

from app.actions import access as action_access
from app.actions.forms import add_problem, fill_date, read_date
from app.auth.access import roles_required
from app.auth.roles import ADMINISTRATOR, ANALYST, COMPLAINTS_OFFICER, SERVICE_LEAD
from app.timefmt import add_months
from app.org.models import ServiceArea
from app.timefmt import to_london
from app.db import utcnow
from reports.queries import drivers
from reports.queries.filters import Filters

bp = Blueprint("drivers", __name__, url_prefix="/staff/reports", template_folder="templates")
ALL_SERVICES_ROLES = (ADMINISTRATOR, COMPLAINTS_OFFICER, ANALYST)
ROLES = ALL_SERVICES_ROLES + (SERVICE_LEAD,)
ALL = "all"


def _part(label):
    return StringField(label, filters=[lambda v: v.strip() if isinstance(v, str) else v])


class PeriodForm(Form):
    """The page's filters, read from the query string (no CSRF: it changes nothing)."""

    service = SelectField("Service", validate_choice=False)
    period = SelectField("Period", validate_choice=False)
    from_day, from_month, from_year = _part("Day"), _part("Month"), _part("Year")
    to_day, to_month, to_year = _part("Day"), _part("Month"), _part("Year")


def _today():
    return to_london(utcnow()).date()


def period_choices(today):
    """[(value, words, first day, last day)]: the last 24 months, 8 quarters and 3 years, each
    complete, newest first, then custom dates."""
    month = today.replace(day=1)
    found = []
    for n in range(1, 25):
        start = add_months(month, -n)
        found.append((f"month-{start:%Y-%m}", start.strftime("%B %Y"), start, add_months(start, 1)))
    quarter = add_months(month, -((month.month - 1) % 3))
    for n in range(1, 9):
        start = add_months(quarter, -3 * n)
        number = (start.month - 1) // 3 + 1
        found.append((f"quarter-{start.year}-{number}", f"{start:%B} to {add_months(start, 2):%B %Y} (Q{number})",
                      start, add_months(start, 3)))
    for n in range(1, 4):
        year = today.year - n
        found.append((f"year-{year}", f"The year {year}", datetime.date(year, 1, 1), datetime.date(year + 1, 1, 1)))
    day = datetime.timedelta(days=1)
    return [(value, words, start, following - day) for value, words, start, following in found]


def service_choices(user):
    """[(value, label, service ids or None)] the viewer may choose."""
    if user.role in ALL_SERVICES_ROLES:
        services = list(ServiceArea.ordered())
        return [(ALL, "All services", None)] + [(s.slug, s.name, (s.id,)) for s in services]
    own = [s for s in ServiceArea.ordered() if s.id in user.service_ids()]
    mine = [(ALL, "All your services", tuple(s.id for s in own))] if len(own) > 1 else []
    return mine + [(s.slug, s.name, (s.id,)) for s in own] or [(ALL, "None of your services", ())]


def read_filters(args, user, today):
    """(form, Filters, service choice) from the query string; an unknown service or period falls
    back to the default (all the viewer's services, the last complete month). Custom dates that
    are not real give errors on the form and no Filters (None)."""
    form = PeriodForm(args)
    services = service_choices(user)
    periods = period_choices(today)
    form.service.choices = [SelectChoice(v, label) for v, label, _ in services]
    form.period.choices = [SelectChoice(v, words) for v, words, _, _ in periods] + [SelectChoice("custom", "Custom dates")]
    chosen = next((s for s in services if s[0] == form.service.data), services[0])
    form.service.data = chosen[0]
    if form.period.data == "custom":
        start = read_date(form, "from", "first day", required=True)
        end = read_date(form, "to", "last day", required=True)
        if start and end and end < start:
            end = add_problem(form.to_day, "The last day must be on or after the first day")
        filters = Filters(start=start, end=end, services=chosen[2]) if start and end else None
        return form, filters, chosen
    period = next((p for p in periods if p[0] == form.period.data), periods[0])
    form.period.data = period[0]
    fill_date(form, "from", period[2])
    fill_date(form, "to", period[3])
    return form, Filters(start=period[2], end=period[3], services=chosen[2]), chosen


def _errors(form):
    return [(field.id, field.errors[0]) for field in form if field.errors]


def action_link(row, kind, filters, service_slug):
    """/staff/actions/new pre-filled with the row's cases and theme or root cause."""
    args = {"case": list(row.case_ids)}
    if service_slug != ALL:
        args["service"] = service_slug
    if kind == "topic":
        args.update({"topic": row.key, "from": filters.start.isoformat(), "to": filters.end.isoformat()})
    else:
        args["root_cause"] = row.key
    return url_for("actions.new", **args)


@bp.route("/drivers")
@roles_required(*ROLES)
def page():
    user = current_user._get_current_object()
    form, filters, service = read_filters(request.args, user, _today())
    causes = drivers.root_causes(filters) if filters else []
    topics = drivers.topics(filters) if filters else []
    previous = filters.previous() if filters else None
    return render_template("reports/drivers.html", form=form, errors=_errors(form), filters=filters,
                           previous=previous, service=service, causes=causes, topics=topics,
                           may_create=action_access.may_create(user), action_link=action_link,
                           day=lambda d: f"{d.day} {d:%B %Y}", limit=drivers.CASE_LIMIT)
