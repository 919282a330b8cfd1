"""Surveys: the staff builder, touchpoints with QR codes and posters, public survey pages,
email invitations, responses and results."""
