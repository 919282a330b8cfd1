"""Residents, for the single view of the customer."""
