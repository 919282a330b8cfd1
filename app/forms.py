"""Showing a service's refusal on the form that asked for the change."""


def show_error(form, error):
    """Put `error` (an exception with an optional `.field` name) against that field, or at
    the top of the form's error summary when it names none."""
    name = getattr(error, "field", None)
    field = form._fields.get(name) if name else None
    if field is not None:
        field.errors = list(field.errors) + [str(error)]
    else:
        form.form_errors.append(str(error))


MAX_PAGE = 100_000


def page_number(value):
    """A `?page=` value as a page number: 1 for anything that is not a whole number from 1 to
    MAX_PAGE (junk, zero, negative or huge), so a hand-edited URL never reaches the database."""
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return 1
    return number if 1 <= number <= MAX_PAGE else 1
