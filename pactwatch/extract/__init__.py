"""Extraction stages: one module per stage (entities, persons, quotes, contacts, figures, dates, events)."""
