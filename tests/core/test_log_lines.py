"""Personal data never goes in log lines: no logging call anywhere in the code base is handed a
name, a subject, an address, a phone number or a resident's words (ids and outcomes only), so
no resident's text (with its line breaks) can reach a log line either."""
import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("app", "classifiers", "surveys", "reports", "panels")
LEVELS = {"debug", "info", "warning", "warn", "error", "exception", "critical", "fatal", "log"}
# `name` is personal on a person (a task's or a file's name is not).
PEOPLE = {"person", "member", "resident", "applicant", "user", "actor", "sender", "recipient", "row",
          "letter", "parsed", "message", "item", "case", "current_user"}
PERSONAL = {"from_name", "recipient_name", "display_name", "full_name", "subject",
            "original_subject", "email", "from_address", "to_address", "address", "postal_address",
            "phone", "text", "body", "text_body", "html_body", "raw", "reason", "comment", "answer"}


def _is_logger(node):
    """log.info, logger.warning, current_app.logger.error, logging.info ..."""
    if isinstance(node, ast.Name):
        return node.id in ("log", "logger", "_log", "LOG", "logging")
    return isinstance(node, ast.Attribute) and node.attr == "logger"


def _personal(node):
    """The personal fields an expression reads: x.name, parsed["subject"], a variable `email`."""
    found = []
    for inner in ast.walk(node):
        if isinstance(inner, ast.Attribute) and inner.attr in PERSONAL:
            found.append(inner.attr)
        elif isinstance(inner, ast.Attribute) and inner.attr == "name" and \
                isinstance(inner.value, ast.Name) and inner.value.id in PEOPLE:
            found.append(f"{inner.value.id}.name")
        elif isinstance(inner, ast.Name) and inner.id in PERSONAL:
            found.append(inner.id)
        elif isinstance(inner, ast.Subscript) and isinstance(inner.slice, ast.Constant) \
                and inner.slice.value in PERSONAL:
            found.append(inner.slice.value)
    return found


def logging_calls_with_personal_data(source, filename="<test>"):
    found = []
    for node in ast.walk(ast.parse(source, filename)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                and node.func.attr in LEVELS and _is_logger(node.func.value):
            for argument in [*node.args, *(k.value for k in node.keywords)]:
                found += [f"{filename}:{node.lineno} logs {field}" for field in _personal(argument)]
    return found


def test_no_log_line_is_given_personal_data():
    found = []
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            found += logging_calls_with_personal_data(path.read_text(), path.relative_to(ROOT).as_posix())
    assert not found, "\n".join(found)


def test_the_check_sees_names_and_subjects():
    assert logging_calls_with_personal_data('log.info("from %s", person.name)')
    assert logging_calls_with_personal_data('log.info("%s", parsed["from_name"])')
    assert logging_calls_with_personal_data('logger.warning(f"subject {parsed[\'subject\']}")')
    assert logging_calls_with_personal_data('current_app.logger.error("x %s", email)')
    assert not logging_calls_with_personal_data('log.info("inbound message %s quarantined", row.id)')
    assert not logging_calls_with_personal_data('log.info("sweep %s: %s", sweep.name, path.name)')
