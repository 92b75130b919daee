"""The PDF reader: the text layer as paragraphs (``pdf_layout``), the metadata, the title.

The title: the metadata /Title, unless it is a placeholder (``is_junk_title``), when it
spells a block of the first page; else the first-page block set in the largest font,
above the body size (the first of equal sizes); else the metadata title as given. The
chosen title goes to ``meta["title"]``, which the boilerplate stage already takes as the
known title (as it does for an HTML page's title); the raw metadata title is kept in
``meta["pdf_title"]``.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import warnings
from collections import Counter
from functools import cache
from pathlib import PurePath
from typing import Any

from ..document import Document
from ..errors import NoTextLayer, ReadFailed
from ..knowledge import load_json
from .decode import clean_text
from .pdf_layout import Block, Line, drop_page_furniture, letters, page_lines, paragraphs, size_key

PDF_EOF_WINDOW = 4096  # the end-of-file marker must sit this close to the end
TITLE_SIZE = 1.15  # a title block is set this much larger than the body text
TITLE_WORDS = (3, 45)  # words in a title (as the boilerplate stage counts them)
TITLE_BLOCKS = 12  # blocks of the first page looked at for a title


def read_pdf(location: str, data: bytes, declared: str | None = None) -> Document:
    """A PDF's text layer as paragraphs; NoTextLayer (E005) for a scan, ReadFailed (E006) if damaged."""
    if b"%%EOF" not in data[-PDF_EOF_WINDOW:]:
        raise ReadFailed(location, "truncated or damaged PDF: no end-of-file marker")
    reader, pages = _pdf_pages(location, data)
    lines = [line for page in drop_page_furniture(pages) for line in page]
    if not any(line.text for line in lines):
        raise NoTextLayer(location, f"no text layer in {len(pages)} page(s): a scan? run OCR first")
    info = _pdf_meta(reader)
    meta_title = info.pop("title", None)
    usable = meta_title if meta_title and not is_junk_title(meta_title, location) else None
    blocks = paragraphs(lines, usable)
    meta: dict[str, Any] = {"pages": len(pages), **info}
    title = choose_title(blocks, usable)
    if title:
        meta["title"] = title
    if meta_title:
        meta["pdf_title"] = meta_title
    text = clean_text("\n".join(block.text for block in blocks))
    return Document(source=location, kind="pdf", text=text, meta=meta)


def _pdf_pages(location: str, data: bytes) -> tuple[Any, list[list[Line]]]:
    """The reader and the lines of each page. pypdf raises many exception types on damaged files."""
    from pypdf import PdfReader

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            reader = PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted and not reader.decrypt(""):
                raise ReadFailed(location, "encrypted PDF (a password is needed)")
            pages = [page_lines(page, number) for number, page in enumerate(reader.pages)]
        except ReadFailed:
            raise
        except Exception as err:  # any parser failure on untrusted bytes is a damaged file
            raise ReadFailed(location, f"damaged PDF: {type(err).__name__}: {err}") from None
    if pages and all(page is None for page in pages):
        raise ReadFailed(location, "damaged PDF: no page could be read")
    return reader, [page or [] for page in pages]


def choose_title(blocks: list[Block], meta_title: str | None) -> str | None:
    """The document's title: the block spelling the trusted metadata title, else the first-page
    block in the largest font above the body size, else the metadata title itself."""
    if not blocks:
        return meta_title
    first = [b for b in blocks if b.page == blocks[0].page][:TITLE_BLOCKS]
    if meta_title:
        wanted = letters(meta_title)
        for block in first:
            if letters(block.text) == wanted:
                return block.text
    body = _body_size(blocks)
    lo, hi = TITLE_WORDS
    large = [b for b in first if body and b.size >= body * TITLE_SIZE and lo <= len(b.text.split()) <= hi]
    if large:
        return max(large, key=lambda b: b.size).text  # max keeps the first of equal sizes
    return meta_title


def _body_size(blocks: list[Block]) -> float:
    """The font size that sets most of the document's characters (0 when sizes are unknown)."""
    weights: Counter[float] = Counter()
    for block in blocks:
        if block.size:
            weights[size_key(block.size)] += len(block.text)
    return weights.most_common(1)[0][0] if weights else 0.0


def is_junk_title(title: str, location: str = "") -> bool:
    """A metadata title that is not the document's: a placeholder written by the authoring tool
    ('Microsoft Word - doc1.docx', 'untitled'), a file name, a path, or the input's own name."""
    text = " ".join(str(title).split())
    if not text:
        return True
    table = _junk_patterns()
    if table["pattern"].search(text):
        return True
    suffix = text.rsplit(".", 1)[-1].lower() if "." in text else ""
    if suffix in table["extensions"]:
        return True
    if " " not in text and re.search(r"[_\d]", text):
        return True  # one token with digits or underscores: a file or record name
    stem = PurePath(location).stem if location else ""
    return bool(stem) and letters(stem) == letters(text)


@cache
def _junk_patterns() -> dict[str, Any]:
    """The placeholder-title patterns and file extensions (data/pdf_layout.json), compiled once."""
    table = load_json("pdf_layout.json")
    return {
        "pattern": re.compile("|".join(f"(?:{p})" for p in table["junk_title_patterns"]), re.I),
        "extensions": frozenset(table["file_extensions"]),
    }


def _pdf_meta(reader: Any) -> dict[str, Any]:
    """Title, author and creation date from the PDF's document information."""
    meta: dict[str, Any] = {}
    try:
        info = reader.metadata
        title, author, created = (info.title, info.author, info.creation_date) if info else (None,) * 3
    except Exception:  # malformed metadata is common and never fatal
        return meta
    if title and str(title).strip():
        meta["title"] = " ".join(str(title).split())
    if author and str(author).strip():
        meta["author"] = str(author).strip()
    if isinstance(created, dt.datetime):
        meta.update(date=created.date().isoformat(), date_source="pdf-creation-date")
    return meta
