"""Long surveys go over several pages: PAGE_SIZE questions each. Nothing is kept on the
server between pages: earlier answers travel as hidden fields and the whole form is
validated again on the last page, so a tampered hidden field is caught there."""
from surveys.forms import field_name

PAGE_SIZE = 8


def split(questions):
    return [questions[i:i + PAGE_SIZE] for i in range(0, len(questions), PAGE_SIZE)] or [[]]


def requested_page(value, pages):
    try:
        number = int(value or 0)
    except (TypeError, ValueError):
        return 0
    return min(max(number, 0), len(pages) - 1)


def _fields_of(form, pages, page):
    names = {field_name(q) for q in pages[page]}
    if page == len(pages) - 1:
        names |= {"quote_consent", "contact_ok", "contact_email"}
    return names


def next_page(form, pages, requested):
    """The page to show after a post of `requested`: the first page up to it with errors,
    else the one after it. Errors are kept only for the page shown."""
    if form.meta.csrf and form.csrf_token.errors:
        show = requested
    else:
        with_errors = [p for p in range(requested + 1) if any(
            form[name].errors for name in _fields_of(form, pages, p) if name in form)]
        show = with_errors[0] if with_errors else min(requested + 1, len(pages) - 1)
    # A page met for the first time starts without errors.
    keep = (_fields_of(form, pages, show) | {"csrf_token"}) if show <= requested else set()
    for field in form:
        if field.name not in keep:
            field.errors = []
    return show


def carried(form, pages, page):
    """[(name, value)]: what was answered on the other pages, as hidden fields."""
    shown = _fields_of(form, pages, page)
    hidden = []
    for number, questions in enumerate(pages):
        for question in questions if number != page else ():
            field = form[field_name(question)]
            if field.name not in shown:
                hidden.extend((field.name, value) for value in (field.raw_data or []))
    return hidden
