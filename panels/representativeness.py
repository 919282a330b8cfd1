"""How well a panel's current members reflect the population, dimension by dimension.

For each dimension (age, sex, ethnic group, disability, area) the current members (not those
who have left) fall into three kinds of answer, all counted:
- a category (for example "25 to 34"): these are the members compared with the population;
- "Prefer not to say";
- not answered: no answer to that question, or no consent to being asked at all.

A category's members' share is its count out of the members who gave a category for that
dimension, so "prefer not to say" and "not answered" never dilute it; they are shown apart,
because a panel where most did not answer cannot be judged.

The rule: a group is UNDER-REPRESENTED when it is in the population profile and its share of
members is below four-fifths of its share of the population AND at least 2 percentage points
below it. (The four-fifths test catches a small group with no members; the 2-point floor stops
a 1% group from being flagged for one member more or less.) Only read in aggregate.
"""
from dataclasses import dataclass, field

from panels import demographics
from panels.models import Demographics, Membership, PopulationShare

RELATIVE_FLOOR = 0.8
POINTS_FLOOR = 2.0


@dataclass
class Group:
    label: str
    members: int
    member_share: float | None        # percent of members who gave a category; None when none did
    population_share: float | None    # None when the council has not entered one
    under_represented: bool = False

    @property
    def gap(self):
        """Members' share minus the population's, in percentage points."""
        if self.member_share is None or self.population_share is None:
            return None
        return round(self.member_share - self.population_share, 1)


@dataclass
class Dimension:
    key: str
    label: str
    groups: list = field(default_factory=list)
    answered: int = 0
    prefer_not: int = 0
    not_answered: int = 0
    source: str = ""

    @property
    def under_represented(self):
        return [group for group in self.groups if group.under_represented]


def is_under_represented(member_share, population_share):
    if member_share is None or population_share is None:
        return False
    return (member_share < RELATIVE_FLOOR * population_share
            and population_share - member_share >= POINTS_FLOOR)


def _answers(panel):
    """Each current member's answers ({dimension: value}); {} for a member with none."""
    current = (Membership.select(Membership.member)
               .where(Membership.panel == panel, Membership.left_at.is_null()))
    found = {row.member_id: row for row in Demographics.select().where(Demographics.member.in_(current))}
    answers = []
    for membership in current:
        row = found.get(membership.member_id)
        answers.append({name: getattr(row, name) or "" for name in demographics.DIMENSIONS} if row else {})
    return answers


def _dimension(key, answers):
    dimension = Dimension(key=key, label=demographics.DIMENSIONS[key])
    shares = {row.category: row for row in PopulationShare.select().where(PopulationShare.dimension == key)}
    dimension.source = next(iter(shares.values())).source if shares else ""
    counts = {}
    for given in answers:
        value = given.get(key, "")
        if value == demographics.PREFER_NOT:
            dimension.prefer_not += 1
        elif not value:
            dimension.not_answered += 1
        else:
            counts[value] = counts.get(value, 0) + 1
    dimension.answered = sum(counts.values())
    known = [value for value, _ in demographics.categories(key)]
    extra = sorted(value for value in counts if value not in known)  # e.g. an area since removed
    for value in known + extra:
        n = counts.get(value, 0)
        member_share = round(100 * n / dimension.answered, 1) if dimension.answered else None
        population = shares[value].percent if value in shares else None
        dimension.groups.append(Group(label=demographics.label(key, value), members=n, member_share=member_share,
                                      population_share=population,
                                      under_represented=is_under_represented(member_share, population)))
    return dimension


def compare(panel):
    """(number of current members, [Dimension]) for `panel`."""
    answers = _answers(panel)
    return len(answers), [_dimension(key, answers) for key in demographics.DIMENSIONS]
