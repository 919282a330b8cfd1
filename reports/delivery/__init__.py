"""Delivering the monthly lessons-learnt report: who receives which service's report."""
