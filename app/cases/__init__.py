"""Complaint casework: cases, stages, working-day clocks, timeline, outcomes, root causes."""
