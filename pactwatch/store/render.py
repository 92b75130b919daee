"""Text renderings of store results for a terminal: search hits, documents, entities, facts.

The CLI prints these in text mode and ``json.dumps`` of the same dicts in JSON mode, so
both views come from one data function (practice 5 of DESIGN.md).
"""

from __future__ import annotations

from typing import Any

from .search import MARK_CLOSE, MARK_OPEN


def highlight(snippet: str, bold: bool) -> str:
    """A snippet with its matches in bold (terminal) or in [brackets] (pipes and files)."""
    opening, closing = ("\x1b[1m", "\x1b[0m") if bold else ("[", "]")
    return " ".join(snippet.replace(MARK_OPEN, opening).replace(MARK_CLOSE, closing).split())


def search_text(result: dict[str, Any], bold: bool = False) -> str:
    """Search results as text: one block per hit, then the facet counts."""
    lines = [f"{result['total']} document(s) match"]
    for n, hit in enumerate(result["results"], 1):
        lines.append(f"{n:>3}. {hit['title'] or '(no title)'}  [{hit['lang']}, {hit['date'] or 'undated'}]")
        lines.append(f"     {hit['id']}  {hit['source']}")
        lines.append(f"     {highlight(hit['snippet'] or '', bold)}")
    for kind, values in result["facets"].items():
        if values:
            lines.append(f"{kind}: " + ", ".join(f"{v['id']} ({v['count']})" for v in values))
    return "\n".join(lines)


def document_text(doc: dict[str, Any]) -> str:
    """A stored document as text: title, provenance, entities by type, objectives, the body."""
    store = doc["store"]
    lines = [
        doc.get("title") or "(no title)",
        f"id {doc['id']}  version {store['version']}{'' if store['current'] else ' (superseded)'}  "
        f"lang {doc.get('lang')}  source {doc['source']}",
        f"ingested {store['ingested_at']} by extractor {store['extractor_version']}",
    ]
    for kind in ("country", "organization", "person", "place"):
        ids = [e["id"] for e in doc.get("entities") or [] if e["type"] == kind]
        if ids:
            lines.append(f"{kind}: {', '.join(ids)}")
    if doc.get("objectives"):
        lines.append("objectives: " + ", ".join(f"{o['id']} ({o['score']:.2f})" for o in doc["objectives"]))
    lines += ["", doc.get("body") or ""]
    return "\n".join(lines)


def entity_text(ent: dict[str, Any]) -> str:
    """An entity as text: its name and data, the documents that mention it, the facts about it."""
    lines = [f"{ent['type']} {ent['id']}: {ent['name']}"]
    for key in ("country", "titles", "affiliations", "names", "start", "end"):
        if ent.get(key):
            value = ent[key]
            lines.append(f"  {key}: {'; '.join(value) if isinstance(value, list) else value}")
    lines.append(f"  documents ({len(ent['documents'])}):")
    lines += [f"    {d['id']}  {d['date_key'] or 'undated'}  {d['title'] or ''}" for d in ent["documents"]]
    lines.append(f"  facts ({len(ent['facts'])}):")
    lines += ["    " + fact_line(f) for f in ent["facts"]]
    return "\n".join(lines)


def fact_line(fact: dict[str, Any]) -> str:
    """One fact on one line: id, status, statement, provenance."""
    obj = f" -> {fact['object_type']}:{fact['object_id']}" if fact.get("object_id") else ""
    value = f" = {fact['value'][:80]!r}" if fact.get("value") else ""
    review = f" by {fact['reviewed_by']}" if fact.get("reviewed_by") else ""
    span = f" {fact['span_start']}-{fact['span_end']}" if fact.get("span_start") is not None else ""
    return (
        f"#{fact['id']} [{fact['status']}{review}] {fact['kind']}: "
        f"{fact['subject_type']}:{fact['subject_id']}"
        f"{obj}{value}  (doc {fact['document']}{span}, "
        f"conf {fact['confidence']:.2f})"
    )


def entity_line(ent: dict[str, Any]) -> str:
    """One entity on one line: type, id, name, number of documents."""
    return f"{ent['type']:<12} {ent['id']:<32} {ent['name']}  ({ent['documents']} doc)"
