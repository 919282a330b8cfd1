"""Proposals put to a panel: documents, questions, comments, views, results and decisions."""
