"""The kinds of report the archive (reports.archive) builds and keeps for download.

Each builder is `function(report, settings) -> (pdf_bytes, html_text, pages)`, run only in the
worker; `on_ready(report_id)` runs in the worker after a build is stored."""
from reports.archive.registry import Kind

KINDS = (
    Kind("lessons", "Lessons learnt", builder="reports.lessons.stored:build",
         on_ready="reports.delivery.monthly:report_ready", filename="lessons-learnt"),
    Kind("scrutiny", "Scrutiny pack", builder="reports.scrutiny.stored:build", on_ready="",
         filename="scrutiny-pack"),
)
