"""The record of processing (UK GDPR article 30), built from the tags: for each retention
category, what Heard holds (tables and their personal columns), why, and for how long."""
from dataclasses import dataclass

from app.privacy.categories import CATEGORIES
from app.privacy.register import tags


@dataclass
class Holding:
    table: str
    purpose: str
    personal: tuple
    special: tuple
    columns: int

    @property
    def personal_names(self):
        return ", ".join(readable(c) for c in self.personal)

    @property
    def special_names(self):
        return ", ".join(readable(c) for c in self.special)


@dataclass
class Heading:
    category: object
    holdings: list

    @property
    def personal_count(self):
        return sum(len(h.personal) for h in self.holdings)

    @property
    def special_count(self):
        return sum(len(h.special) for h in self.holdings)


def record_of_processing():
    """[Heading] in the order of CATEGORIES; categories with no table are left out."""
    by_category = {key: [] for key in CATEGORIES}
    for entry in sorted(tags().values(), key=lambda e: e.table):
        by_category[entry.retention].append(Holding(
            table=entry.table, purpose=entry.purpose, personal=entry.personal_fields,
            special=entry.special_fields,
            columns=len(entry.personal_fields) + len(entry.ordinary_fields)))
    return [Heading(CATEGORIES[key], holdings) for key, holdings in by_category.items() if holdings]


def readable(column):
    return column.replace("_id", "").replace("_", " ")
