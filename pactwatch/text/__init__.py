"""Text-level stages and helpers: boilerplate, language, dateline, normalisation, matching."""
