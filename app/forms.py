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
