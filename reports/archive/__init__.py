"""The stored-report archive: every built report (a lessons-learnt month, a scrutiny pack, ...) kept
as its PDF and its HTML twin, built once in the worker and downloaded from /staff/reports.

    report = services.request("lessons", service=parking, period_start=..., period_end=..., actor=user)
    # later, in the worker: tasks.build_stored(report.id) runs the kind's builder

Kinds are named in reports.stored_kinds (a builder given as a dotted path), so a new kind
needs no change here; see registry.py.
"""
