"""The council's population profile: for each demographic dimension, the share of residents
in each category and where the figures come from (for example "Census 2021, TS007A").

The representativeness view compares panel members with these shares. A dimension's shares
are replaced together, must add up to 100% (give or take 1 point for rounding), and need a
source; saving none clears the dimension."""
from app.audit import services as audit
from app.db import utcnow
from app.queue import transaction
from panels import demographics
from panels.models import PopulationShare

TOTAL_TOLERANCE = 1.0


class PopulationError(Exception):
    def __init__(self, message, field=None):
        super().__init__(message)
        self.field = field


def shares(dimension):
    """{category: PopulationShare} for one dimension."""
    return {row.category: row for row in PopulationShare.select().where(PopulationShare.dimension == dimension)}


def profile():
    """[(dimension, label, [(category label, percent)], source, updated_at)] for every dimension."""
    rows = []
    for dimension, label in demographics.DIMENSIONS.items():
        entered = shares(dimension)
        order = [value for value, _ in demographics.categories(dimension)]
        listed = [(demographics.label(dimension, value), entered[value].percent) for value in order if value in entered]
        first = next(iter(entered.values()), None)
        rows.append((dimension, label, listed, first.source if first else "",
                     max((s.updated_at for s in entered.values()), default=None)))
    return rows


def save(dimension, figures, source, *, actor, first_field=None, ip=""):
    """Replace `dimension`'s shares with `figures` [(category, percent)] from `source`."""
    if dimension not in demographics.DIMENSIONS:
        raise PopulationError("Choose a dimension from the list")
    source = (source or "").strip()
    if figures:
        if not source:
            raise PopulationError("Enter where these figures come from, like Census 2021", field="source")
        total = round(sum(percent for _, percent in figures), 2)
        if abs(total - 100) > TOTAL_TOLERANCE:
            raise PopulationError(f"The percentages add up to {total:g}%. They must add up to 100%",
                                  field=first_field)
    with transaction():
        PopulationShare.delete().where(PopulationShare.dimension == dimension).execute()
        now = utcnow()
        for category, percent in figures:
            PopulationShare.create(dimension=dimension, category=category, percent=percent, source=source,
                                   updated_at=now)
        audit.record("panel.population_saved", actor=actor, object_type="panel_population_share",
                     object_id=dimension, ip=ip,
                     summary=f"Population profile for {demographics.DIMENSIONS[dimension].lower()} "
                             + ("saved" if figures else "cleared"),
                     details={"source": source, "figures": figures})
