"""Readers' ratings of pages and their reports of errors, kept in the database for the editors."""
