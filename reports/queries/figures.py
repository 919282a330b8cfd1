"""The shapes figures come in: a figure for a period beside the previous period's."""
from dataclasses import dataclass


@dataclass(frozen=True)
class Figure:
    """One KPI: `value` over `base` (answers, contacts, deadlines, cases) in the period, and the
    same for the previous period. A value is None when there is nothing to count."""

    key: str
    value: float | None
    base: int
    previous: float | None
    previous_base: int
    unit: str  # "percent", "score" (NPS, -100 to 100), "mean" (CES, 1 to 7) or "count"

    @property
    def change(self):
        if self.value is None or self.previous is None:
            return None
        return self.value - self.previous


@dataclass(frozen=True)
class Share:
    """One row of a breakdown: how many in the period and in the previous period."""

    key: object
    label: str
    count: int
    previous_count: int

    @property
    def change(self):
        return self.count - self.previous_count


def percent(part, whole):
    return 100.0 * part / whole if whole else None


def figure(key, unit, compute, filters):
    """A Figure from `compute(filters) -> (value, base)` for the period and the previous one."""
    value, base = compute(filters)
    previous, previous_base = compute(filters.previous())
    return Figure(key=key, value=value, base=base, previous=previous, previous_base=previous_base,
                  unit=unit)
