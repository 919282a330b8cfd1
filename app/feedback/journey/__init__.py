"""The 3Cs journey: one question per page, answers kept in a server-side draft between
pages (see drafts.py), check your answers, then one call to services.submit_web_feedback."""
