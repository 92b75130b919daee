"""The stage registry and the ordered pipeline.

Every stage is a plain function ``stage(doc: Document) -> None`` that reads some
fields of the document and writes others. Stages are registered here, by name, with
what they read and write, so a pipeline can be listed, reordered and checked
(``pactwatch stages`` prints it). Functions are imported lazily by dotted path so
that importing the registry costs nothing and registration has no import side effects.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property

from .document import Document

READER_FIELDS = ("source", "kind", "text", "meta")


@dataclass(frozen=True)
class Stage:
    """A named pipeline stage: where its function lives, what it reads and writes."""

    name: str
    target: str  # "module:function"
    reads: tuple[str, ...]
    writes: tuple[str, ...]
    about: str

    @cached_property
    def func(self) -> Callable[[Document], None]:
        """The stage function, imported on first use."""
        module, _, attr = self.target.partition(":")
        return getattr(importlib.import_module(module), attr)


REGISTRY: dict[str, Stage] = {
    s.name: s
    for s in (
        Stage("boilerplate", "pactwatch.text.boilerplate:boilerplate_stage", ("text", "meta", "kind"),
              ("title", "body"), "drop site navigation and footers; find the title and the main text"),
        Stage("language", "pactwatch.text.language:language_stage", ("body", "title"), ("lang",),
              "ISO 639-1 language of the main text"),
        Stage("dateline", "pactwatch.text.dateline:dateline_stage", ("body", "lang"), ("dateline",),
              "the opening 'Place – date' line: places with their country, the date text"),
        Stage("entities", "pactwatch.extract.gazetteer:entity_stage", ("body", "lang", "dateline"),
              ("entities",), "countries (names, states, adjectives), organisations, places"),
        Stage("persons", "pactwatch.extract.persons:person_stage", ("body", "lang", "entities"),
              ("entities",), "persons with their titles and affiliations; short forms resolved"),
        Stage("quotes", "pactwatch.extract.quotes:quote_stage", ("body", "lang", "entities"), ("quotes",),
              "quotations and their speakers"),
        Stage("contacts", "pactwatch.extract.contacts:contact_stage", ("body", "lang", "dateline", "entities"),
              ("contacts",), "press contacts: name, e-mail, phone (E.164), organisation"),
        Stage("figures", "pactwatch.extract.figures:figure_stage", ("body", "lang"), ("figures",),
              "counted quantities: '28 pays', 'plus de 1 500 participants'"),
        Stage("dates", "pactwatch.extract.dates:date_stage", ("body", "lang", "dateline", "entities", "meta"),
              ("dates",), "event and publication dates, with the year inferred and why"),
        Stage("events", "pactwatch.extract.events:event_stage",
              ("title", "body", "lang", "dateline", "dates", "entities"), ("events",),
              "the main event: name, kind, places, span, organisers"),
        Stage("objectives", "pactwatch.gcm.mapping:objective_stage", ("body", "lang"),
              ("objectives", "principles"), "GCM objectives and guiding principles served, with evidence"),
    )
}

DEFAULT_PIPELINE: tuple[str, ...] = tuple(REGISTRY)


class PipelineError(ValueError):
    """A pipeline that names an unknown stage or reads a field nothing wrote before."""


def check_pipeline(names: Iterable[str]) -> list[Stage]:
    """The stages for ``names``, after checking each one's inputs are produced upstream."""
    available = set(READER_FIELDS)
    stages = []
    for name in names:
        if name not in REGISTRY:
            raise PipelineError(f"unknown stage {name!r}; known: {', '.join(REGISTRY)}")
        stage = REGISTRY[name]
        missing = [f for f in stage.reads if f not in available]
        if missing:
            raise PipelineError(f"stage {name!r} reads {', '.join(missing)}, which no earlier stage writes")
        available.update(stage.writes)
        stages.append(stage)
    return stages


def run_pipeline(doc: Document, names: Iterable[str] = DEFAULT_PIPELINE) -> Document:
    """Run the named stages in order over ``doc`` and return it."""
    for stage in check_pipeline(names):
        stage.func(doc)
    return doc
