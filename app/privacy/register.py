"""Every column of every table, classified (UK GDPR record of processing).

Each table has one `Tags` entry (app/privacy/tags_core.py, tags_domain.py, tags_outputs.py):
its retention category (app.privacy.categories), the purpose of the record, and its columns
split into `personal` (about an identifiable person: a resident, a panel member or a member of
staff; a reference to a staff account counts), `special` (special category data, UK GDPR
article 9: health, ethnicity and the like; always also personal) and `ordinary`. Every column
must be in `personal` or `ordinary`: `unclassified()` lists any that are not, and a test fails
on them, so a new column cannot slip in unclassified.
"""
from dataclasses import dataclass, field

from app.privacy.categories import CATEGORIES


@dataclass(frozen=True)
class Tags:
    table: str
    retention: str
    purpose: str
    personal: str = ""
    special: str = ""
    ordinary: str = ""
    personal_fields: tuple = field(init=False)
    special_fields: tuple = field(init=False)
    ordinary_fields: tuple = field(init=False)

    def __post_init__(self):
        for name in ("personal", "special", "ordinary"):
            object.__setattr__(self, f"{name}_fields", tuple(getattr(self, name).split()))

    @property
    def category(self):
        return CATEGORIES[self.retention]

    def is_personal(self, column):
        return column in self.personal_fields

    def is_special(self, column):
        return column in self.special_fields


def tags():
    """{table name: Tags} for every classified table."""
    from app.privacy import tags_core, tags_domain, tags_outputs

    found = {}
    for entry in tags_core.TAGS + tags_domain.TAGS + tags_outputs.TAGS:
        if entry.table in found:
            raise ValueError(f"table {entry.table} is classified twice")
        found[entry.table] = entry
    return found


def models():
    """Every peewee model of Heard's (app.schema.all_models), by table name."""
    from app.schema import all_models

    return {model._meta.table_name: model for model in all_models()}


def unclassified(found=None, classified=None):
    """Problems, one line each: columns with no classification, names that are not columns,
    special columns not marked personal, unknown retention categories, tables with no tags.
    `found` and `classified` default to models() and tags()."""
    problems = []
    found = models() if found is None else found
    classified = tags() if classified is None else classified
    for table, model in sorted(found.items()):
        entry = classified.get(table)
        columns = [f.name for f in model._meta.sorted_fields]
        if entry is None:
            problems.append(f"{table}: no Tags entry (app/privacy/tags_*.py)")
            continue
        tagged = entry.personal_fields + entry.ordinary_fields
        problems += [f"{table}.{c}: not classified (add it to personal or ordinary)"
                     for c in columns if c not in tagged]
        problems += [f"{table}.{c}: classified twice" for c in set(tagged) if tagged.count(c) > 1]
        problems += [f"{table}.{c}: no such column" for c in tagged + entry.special_fields
                     if c not in columns]
        problems += [f"{table}.{c}: special but not personal" for c in entry.special_fields
                     if c not in entry.personal_fields]
        kept = getattr(model._meta, "personal_data", None) or ()
        problems += [f"{table}.{c}: in Meta.personal_data but not personal" for c in kept
                     if c not in entry.personal_fields]
        if entry.retention not in CATEGORIES:
            problems.append(f"{table}: unknown retention category {entry.retention!r}")
    problems += [f"{table}: tagged but no such table" for table in classified if table not in found]
    return problems

