"""Language identification of the main text (lingua), restricted to the languages pactwatch reads."""

from __future__ import annotations

from functools import cache

from lingua import Language, LanguageDetectorBuilder

from ..document import Document

# The six UN languages first-class, plus the languages GCM documents most often come in besides.
LANGUAGES = (
    Language.ENGLISH, Language.FRENCH, Language.SPANISH, Language.ARABIC, Language.RUSSIAN, Language.CHINESE,
    Language.PORTUGUESE, Language.GERMAN, Language.ITALIAN,
)
SAMPLE_CHARS = 1500  # enough for a confident guess; keeps the cost flat on long documents


@cache
def detector():
    """The lingua detector, built once per process."""
    return LanguageDetectorBuilder.from_languages(*LANGUAGES).with_preloaded_language_models().build()


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of ``text``'s language, or None when there is no text to judge."""
    sample = text[:SAMPLE_CHARS].strip()
    if not sample:
        return None
    found = detector().detect_language_of(sample)
    return found.iso_code_639_1.name.lower() if found else None


def language_stage(doc: Document) -> None:
    """Set ``doc.lang`` from the body (the title when the body is empty)."""
    doc.lang = detect_language(doc.body or doc.title or "")

