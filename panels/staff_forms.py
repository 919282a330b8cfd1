"""The staff forms for panels: a panel's details and facilitators, a decision on an
application, and one dimension of the population profile."""
import math

from flask_wtf import FlaskForm
from wtforms import RadioField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import StopValidation

from app.feedback.fields import MaxChars, no_nul, one_of, options, text_of
from panels import demographics
from panels.application_form import required
from panels.applications import DECISIONS

AREA_ROWS = 15
YES_NO = [("yes", "Yes"), ("no", "No")]


class PanelForm(FlaskForm):
    name = StringField("Panel name", validators=[no_nul, required("Enter the panel's name"),
                                                 MaxChars(200, "The panel's name")])
    summary = TextAreaField("What the panel does", validators=[
        no_nul, required("Enter what the panel does"), MaxChars(3000, "What the panel does")],
        description="Residents read this on the list of panels. Leave a blank line between paragraphs.")
    how_to_join = TextAreaField("How to join", validators=[
        no_nul, required("Enter who can join and what it asks of members"), MaxChars(3000, "How to join")],
        description="Who can apply, and what members are asked to do (for example, an hour a month online).")
    accepting = RadioField("Is the panel taking applications?", choices=options(YES_NO), validate_choice=False,
                           validators=[one_of("Select yes if the panel is taking applications")])
    facilitators = SelectMultipleField("Facilitators", coerce=str, validate_choice=False,
                                       description="Staff with the panel facilitator role. Administrators run every panel.")

    def details(self):
        return {"name": self.name.data.strip(), "summary": self.summary.data.strip(),
                "how_to_join": self.how_to_join.data.strip(),
                "accepting_applications": self.accepting.data == "yes"}

    def facilitator_ids(self):
        """The ticked ids; anything that is not a number is refused as a field error."""
        try:
            return sorted({int(value) for value in self.facilitators.data or []})
        except ValueError:
            return [-1]


class DecisionForm(FlaskForm):
    decision = RadioField("Your decision", choices=options(list(DECISIONS.items())), validate_choice=False,
                          validators=[one_of("Select approve, decline or put on the waiting list")])
    reason = TextAreaField("Reason", validators=[
        no_nul, required("Enter the reason for your decision"), MaxChars(2000, "The reason")],
        description="We email this to the applicant with your decision, so write it for them.")


def percent_value(text):
    """A percentage typed as "12.5" or "12.5%"; None for an empty box. ValueError otherwise."""
    text = text_of(text).strip().rstrip("%").strip()
    if not text:
        return None
    value = float(text)
    if not math.isfinite(value) or not 0 <= value <= 100:
        raise ValueError(text)
    return round(value, 2)


def percent_check(form, field):
    try:
        percent_value(field.data)
    except ValueError:
        raise StopValidation(f"Enter {field.label.text.lower()} as a number from 0 to 100, like 12.5")


class BasePopulationForm(FlaskForm):
    source = StringField("Where these figures come from", validators=[no_nul, MaxChars(200, "The source")],
                         description="For example, Census 2021, TS007A (age by five-year age bands).")


def population_form(dimension, **kwargs):
    """Fixed dimensions: a box per category. Areas: rows of a name and a percentage."""
    fields = {"dimension": dimension, "rows": []}
    if dimension == "area":
        for n in range(1, AREA_ROWS + 1):
            fields[f"area_name_{n}"] = StringField(f"Area {n} name", validators=[
                no_nul, MaxChars(demographics.AREA_NAME_LIMIT, f"Area {n} name")])
            fields[f"area_percent_{n}"] = StringField(f"Area {n} percentage", validators=[no_nul, percent_check])
            fields["rows"].append((f"area_name_{n}", f"area_percent_{n}"))
    else:
        for n, (value, words) in enumerate(demographics.FIXED_CATEGORIES[dimension]):
            fields[f"share_{n}"] = StringField(f"{words} percentage", validators=[no_nul, percent_check])
            fields["rows"].append((value, f"share_{n}"))
    form_class = type("PopulationForm", (BasePopulationForm,), fields)
    return form_class(**kwargs)


def fill_population(form, entered):
    """Put the entered shares ({category: PopulationShare}) into a fresh form's boxes."""
    source = next(iter(entered.values())).source if entered else ""
    form.source.data = source
    if form.dimension == "area":
        for (name_field, percent_field), row in zip(form.rows, sorted(entered.values(), key=lambda r: r.category)):
            form[name_field].data, form[percent_field].data = row.category, f"{row.percent:g}"
    else:
        for value, field_name in form.rows:
            if value in entered:
                form[field_name].data = f"{entered[value].percent:g}"


def population_figures(form):
    """(figures, None) from a valid form, figures being [(category, percent)]; or (None, (message,
    field name)) when the boxes do not make a whole profile."""
    figures, seen = [], set()
    if form.dimension == "area":
        for name_field, percent_field in form.rows:
            name, percent = text_of(form[name_field].data).strip(), percent_value(form[percent_field].data)
            if name and percent is None:
                return None, (f"Enter a percentage for {name}", percent_field)
            if percent is not None and not name:
                return None, ("Enter the area's name for each percentage", name_field)
            if name and name.lower() in seen:
                return None, (f"{name} is listed twice", name_field)
            if name:
                seen.add(name.lower())
                figures.append((name, percent))
        return figures, None
    given = [(value, percent_value(form[field_name].data), field_name) for value, field_name in form.rows]
    missing = [field_name for _, percent, field_name in given if percent is None]
    if missing and len(missing) < len(given):
        return None, ("Enter a percentage for every group, or leave them all empty to clear them", missing[0])
    return [(value, percent) for value, percent, _ in given if percent is not None], None
