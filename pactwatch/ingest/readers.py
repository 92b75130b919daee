"""One reader per kind of input: text dump, HTML page, PDF, DOCX.

``read_document`` gets the bytes (a file, size-checked before it is opened, or a URL),
decides the kind from the bytes first and the name or content type second, and hands
them to the reader, which fills ``Document.text`` (paragraphs as lines) and
``Document.meta`` (title, date and where the date came from, encoding...). Readers
never run stages; failures are PactwatchError subclasses with their codes.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import os
import re
import stat
import zipfile
from collections.abc import Callable
from functools import cache
from typing import Any

from ..document import Document
from ..errors import EmptyInput, ReadFailed, TooLarge
from ..settings import Settings
from .decode import clean_text, decode_bytes
from .pdf import read_pdf
from .pdf_layout import reflow as reflow  # re-exported: the plain-text line joiner
from .sources import Source

PDF_HEADER = b"%PDF-"
PDF_HEADER_WINDOW = 1024  # readers accept junk before the header, up to this many bytes
DOCX_PART = "word/document.xml"
HTML_START = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head)\b", re.I | re.S
)
META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.I)
HTML_LANG = re.compile(rb"<html[^>]*\blang\s*=\s*[\"']?([A-Za-z]{2,3})\b", re.I)
CONTACT_XPATH = (
    "(//article|//main)//*[contains(translate(@class, 'CONTACT', 'contact'), 'contact')"
    " or contains(translate(@id, 'CONTACT', 'contact'), 'contact')]"
)
CONTACT_DETAIL = re.compile(r"@[\w-]+\.[\w.]+|\+?\(?\d[\d ()./-]{6,}\d")
TRAFILATURA_MIN_EXTRACTED = 50  # characters (trafilatura default: 250)
QUIET_LOGGERS = ("trafilatura", "htmldate", "pypdf", "charset_normalizer", "docx")
TIME_ELEMENT = re.compile(r"<time\b[^>]*>(?P<text>[^<]*)</time>", re.I)


def quiet_library_logs() -> None:
    """Silence third-party loggers: a bad input is reported once, by us, on one line."""
    for name in QUIET_LOGGERS:
        logging.getLogger(name).setLevel(logging.CRITICAL)


def read_document(source: Source, settings: Settings) -> Document:
    """The Document for one input, read and decoded, ready for the pipeline."""
    meta: dict[str, Any] = {}
    declared = None
    if source.is_url:
        from .urls import fetch_url  # imported here: file-only runs never load the network code

        fetched = fetch_url(source.location, settings)
        data, hint, declared = fetched.data, fetched.kind, fetched.charset
        meta.update(url=fetched.url, content_type=fetched.content_type)
    else:
        data, hint = read_file_bytes(source.location, settings.max_bytes), source.kind
    kind = sniff_kind(data, hint)
    doc = READERS[kind](source.location, data, declared)
    doc.meta = {**meta, **doc.meta}
    return doc


def read_file_bytes(path: str, max_bytes: int) -> bytes:
    """The bytes of a regular file; its size is checked before it is opened (TooLarge, E004)."""
    try:
        st = os.stat(path)
        if not stat.S_ISREG(st.st_mode):
            raise ReadFailed(path, "a folder" if stat.S_ISDIR(st.st_mode) else "not a regular file")
        if st.st_size > max_bytes:
            raise TooLarge(path, f"{st.st_size:,} bytes, over the limit of {max_bytes:,} (see --max-size)")
        with open(path, "rb") as fh:
            data = fh.read(max_bytes + 1)
    except FileNotFoundError:
        detail = "dangling symbolic link" if os.path.islink(path) else "no such file (or it vanished)"
        raise ReadFailed(path, detail) from None
    except (OSError, ValueError) as err:
        raise ReadFailed(path, getattr(err, "strerror", None) or str(err)) from None
    if len(data) > max_bytes:
        raise TooLarge(path, f"grew over the limit of {max_bytes:,} bytes while being read")
    if not data:
        raise EmptyInput(path, "empty file")
    return data


def sniff_kind(data: bytes, hint: str | None) -> str:
    """The reader for ``data``: what the bytes say first (PDF, DOCX, HTML), the name second."""
    if PDF_HEADER in data[:PDF_HEADER_WINDOW]:
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return "docx" if hint == "docx" or _has_docx_part(data) else "text"  # text: E002, a ZIP archive
    if hint == "html" or HTML_START.match(data[:4096]):
        return "html"
    return "text"


def _has_docx_part(data: bytes) -> bool:
    """True for a ZIP archive holding a Word document part."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return DOCX_PART in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


def read_text(location: str, data: bytes, declared: str | None = None) -> Document:
    """A text dump or plain text file: everything, decoded; structure is left to the stages."""
    decoded = decode_bytes(location, data, declared)
    return Document(source=location, kind="text", text=decoded.text, meta={"encoding": decoded.encoding})


def read_html(location: str, data: bytes, declared: str | None = None) -> Document:
    """An HTML page: main text by trafilatura (scripts, menus and footers dropped), title and date kept."""
    from trafilatura import bare_extraction, html2txt

    charset = declared or _first_group(META_CHARSET, data[:4096])
    decoded = decode_bytes(location, data, charset)
    extracted = bare_extraction(
        with_time_text(decoded.text),
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        date_extraction_params=_date_params(),
        config=_trafilatura_config(),
    )
    text = clean_text(extracted.text or "") if extracted else ""
    meta: dict[str, Any] = {"encoding": decoded.encoding}
    if not text.strip():
        text, meta["extraction"] = clean_text(html2txt(decoded.text) or ""), "whole-page"
    if not text.strip():
        raise EmptyInput(location, "no text in the page")
    meta.update(_html_meta(extracted, data))
    text = _with_contact_blocks(text, decoded.text)
    return Document(source=location, kind="html", text=text, meta=meta)


def with_time_text(html: str) -> str:
    """The page with the text of each <time> element repeated right after it.

    trafilatura deletes <time> elements with their text (its element would still be
    read by htmldate for the date), so 'Publié le <time>14 septembre 2021</time>' kept
    only its label and a date inside a paragraph vanished. The copy is the element's
    tail, which trafilatura keeps: the line stays whole and the date stays in the text.
    """
    return TIME_ELEMENT.sub(lambda m: m.group() + m.group("text"), html)


def _with_contact_blocks(text: str, html: str) -> str:
    """The main text plus the page's press-contact blocks, which trafilatura drops as boilerplate.

    A contact block is an element of the article or main area whose class or id says
    'contact' and whose text holds an e-mail address or a phone number.
    """
    from lxml import html as lxml_html

    try:
        tree = lxml_html.fromstring(html)
    except (ValueError, lxml_html.etree.ParserError):
        return text
    added = []
    for element in tree.xpath(CONTACT_XPATH):
        lines = [
            clean_text(" ".join(p.text_content().split())) for p in element.xpath(".//p|.//li") or [element]
        ]
        lines = [ln for ln in lines if ln and ln not in text and ln not in added]
        if any(CONTACT_DETAIL.search(ln) for ln in lines):
            added.extend(lines)
    return "\n".join([text, *added]) if added else text


@cache
def _trafilatura_config() -> Any:
    """trafilatura's settings, with a lower bar for keeping its main extraction.

    Below MIN_EXTRACTED_SIZE characters trafilatura falls back to a baseline that
    joins all paragraphs into one line; short press notes must keep their lines.
    """
    from trafilatura.settings import use_config

    config = use_config()
    config.set("DEFAULT", "MIN_EXTRACTED_SIZE", str(TRAFILATURA_MIN_EXTRACTED))
    return config


def _date_params() -> dict[str, Any]:
    """htmldate settings: the original (not updated) date from the markup, none after today."""
    return {"original_date": True, "extensive_search": False, "max_date": dt.date.today().isoformat()}


def _html_meta(extracted: Any, data: bytes) -> dict[str, Any]:
    """Title, date (from the page's markup only), author, site name, language attribute.

    The date is htmldate's reading of meta tags, JSON-LD and <time> elements. Its
    search of the visible text is not used: it turns "14 de marzo de 2024" into
    2024-01-01; dates in the text are the dates stage's job.
    """
    meta: dict[str, Any] = {}
    for key in ("title", "author", "sitename", "description"):
        value = getattr(extracted, key, None) if extracted else None
        if value:
            meta[key] = value
    date = getattr(extracted, "date", None) if extracted else None
    if date:
        meta.update(date=date, date_source="html-metadata")
    lang = _first_group(HTML_LANG, data[:8192])
    if lang:
        meta["lang"] = lang.lower()
    return meta


def _first_group(pattern: re.Pattern[bytes], data: bytes) -> str | None:
    """The first group of the first match, as ASCII text."""
    match = pattern.search(data)
    return match.group(1).decode("ascii", "replace") if match else None


def read_docx(location: str, data: bytes, declared: str | None = None) -> Document:
    """A Word document: paragraphs and table rows in document order; title and dates from its properties."""
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
        lines = list(_docx_lines(document))
        meta = _docx_meta(document)
    except Exception as err:  # zip/XML/part errors all mean a damaged file
        raise ReadFailed(location, f"truncated or damaged DOCX: {type(err).__name__}: {err}") from None
    text = clean_text("\n".join(line for line in lines if line.strip()))
    if not text.strip():
        raise EmptyInput(location, "no text in the document")
    return Document(source=location, kind="docx", text=text, meta=meta)


def _docx_lines(document: Any):
    """Paragraph texts, and table rows as 'cell | cell', in the order they appear."""
    for block in document.iter_inner_content():
        if hasattr(block, "rows"):
            for row in block.rows:
                cells = list(dict.fromkeys(cell.text.strip() for cell in row.cells))  # merged cells repeat
                yield " | ".join(c for c in cells if c)
        else:
            yield block.text


def _docx_meta(document: Any) -> dict[str, Any]:
    """Title, author, creation and modification dates from the core properties."""
    props = document.core_properties
    meta: dict[str, Any] = {}
    if (props.title or "").strip():
        meta["title"] = props.title.strip()
    if (props.author or "").strip():
        meta["author"] = props.author.strip()
    if isinstance(props.created, dt.datetime):
        meta.update(date=props.created.date().isoformat(), date_source="docx-created")
    if isinstance(props.modified, dt.datetime):
        meta["modified"] = props.modified.date().isoformat()
    return meta


READERS: dict[str, Callable[[str, bytes, str | None], Document]] = {
    "text": read_text,
    "html": read_html,
    "pdf": read_pdf,
    "docx": read_docx,
}
