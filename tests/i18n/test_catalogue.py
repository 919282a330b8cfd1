"""Every string residents see in the files translated so far has a Welsh translation: the
strings are extracted from the templates with Babel, as `pybabel extract` does."""
import importlib
from pathlib import Path

from babel.messages.extract import extract_from_file

from app import i18n

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "app" / "translations" / "cy" / "LC_MESSAGES" / "messages.po"
# The public templates whose every string is in the catalogue (coverage must be 100%).
IN_SCOPE = [
    "app/templates/layout.html",
    "app/templates/macros/forms.html",
    *sorted(str(p.relative_to(ROOT)) for p in (ROOT / "app/templates/errors").glob("*.html")),
    "app/templates/pages/index.html",
    "app/templates/pages/accessibility.html",
    *sorted(str(p.relative_to(ROOT)) for p in (ROOT / "surveys/templates/surveys/public").glob("*.html")),
    "app/mail/templates/mail/acknowledgement.txt",
    "app/mail/templates/mail/acknowledgement.html",
    "app/mail/templates/mail/_macros.html",
    "app/mail/templates/mail/_layout.html",
    "app/mail/templates/mail/more_information_received.txt",
    "app/mail/templates/mail/more_information_received.html",
    # The 3Cs journey and /track: templates, and the forms' labels, hints and messages.
    *sorted(str(p.relative_to(ROOT)) for p in (ROOT / "app/feedback/templates/feedback").glob("*.html")),
    "app/feedback/forms.py",
    "app/feedback/contact_forms.py",
    "app/feedback/fields.py",
    "app/feedback/models.py",
    "app/feedback/tracking.py",
    "app/feedback/views.py",
    "app/feedback/journey/steps.py",
    "app/feedback/journey/uploads.py",
    "surveys/forms.py",
    # Case emails and letters (in the resident's language: app.cases.letters).
    *sorted(str(p.relative_to(ROOT)) for p in (ROOT / "app/mail/templates/mail").glob("*case_*")),
    "app/mail/templates/mail/_ombudsman.txt",
    "app/mail/templates/mail/_ombudsman.html",
    "app/cases/letters.py",
    "app/cases/resident_decision.py",
    "app/cases/closing_letter.py",
    "app/cases/post/pdf.py",
    # The email auto-reply, survey invitations and reminders, and the files page's refusals.
    "app/mail/templates/mail/auto_reply_received_by_email.txt",
    "app/mail/templates/mail/auto_reply_received_by_email.html",
    "app/mail/templates/mail/survey_invitation.txt",
    "app/mail/templates/mail/survey_invitation.html",
    "app/mail/templates/mail/survey_reminder.txt",
    "app/mail/templates/mail/survey_reminder.html",
    "app/attachments/content.py",
]
# Each part of the product translated on its own lists its files in tests/i18n/scope_<part>.py
# (FILES = [...]) and keeps its Welsh in app/translations/cy/LC_MESSAGES/<part>.po.
for _scope in sorted(Path(__file__).parent.glob("scope_*.py")):
    IN_SCOPE += importlib.import_module(f"tests.i18n.{_scope.stem}").FILES
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "_l": None, "lazy_gettext": None, "N_": None}


def extracted():
    for name in IN_SCOPE:
        method = "python" if name.endswith(".py") else "jinja2.ext:babel_extract"
        for lineno, message, _, _ in extract_from_file(method, ROOT / name, keywords=KEYWORDS):
            yield name, lineno, message


def welsh():
    """Every Welsh .po file merged, as the app compiles them (app.i18n.merged_catalogue)."""
    return i18n.merged_catalogue(CATALOGUE.parent)


def test_every_extracted_string_has_a_welsh_translation():
    catalogue = welsh()
    missing = []
    for name, lineno, message in extracted():
        entry = catalogue.get(message if isinstance(message, str) else message[0])
        strings = [] if entry is None else (entry.string if isinstance(entry.string, tuple) else (entry.string,))
        if entry is None or entry.fuzzy or not strings or not all(s.strip() for s in strings):
            missing.append(f"{name}:{lineno}: {message!r}")
    assert not missing, "No Welsh for:\n" + "\n".join(missing)


def test_the_files_in_scope_hold_strings():
    names = {name for name, _, _ in extracted()}
    assert len(names) >= 15 and len(list(extracted())) > 100


def test_translations_keep_their_placeholders():
    for message in welsh():
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = {part.split(")")[0] for part in ids[-1].split("%(")[1:]}
        for string in strings:
            assert {part.split(")")[0] for part in string.split("%(")[1:]} == wanted, message.id


def test_catalogues_compile_at_start_up_into_a_folder_of_their_own():
    folder = Path(i18n.compiled_directory())
    assert (folder / "cy" / "LC_MESSAGES" / "messages.mo").stat().st_size > 1000
    assert not list((ROOT / "app" / "translations").rglob("*.mo"))  # nothing binary in the repo
