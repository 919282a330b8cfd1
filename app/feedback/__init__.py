"""Compliments, comments and complaints from every channel."""
