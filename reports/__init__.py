"""The read side: the dashboard, "You said, we did", lessons-learnt PDFs and the annual report.

Every figure comes from one query layer (`reports.queries`), so the same figure is the same
number on every page, PDF and export."""
