"""Bytes to text without assuming UTF-8: BOMs, binary sniffing, then encoding detection.

Order of the checks: an empty input (E001); a byte-order mark (UTF-8/16/32); the magic
bytes of known binary formats and the share of control bytes (E002); UTF-16 without
a BOM (NUL bytes on alternate positions); strict UTF-8 (valid UTF-8 with non-ASCII
bytes is UTF-8 in practice, and checking it is cheap); then charset-normalizer, whose
near-ties are broken by how common each encoding is for the languages we read. Bytes
no plausible encoding explains give E003.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from charset_normalizer import from_bytes

from ..errors import BinaryInput, DecodeFailed, EmptyInput

SAMPLE_BYTES = 64 * 1024
MAX_CONTROL_RATIO = 0.05  # more control bytes than this in the sample: not text
MIN_CONTROLS = 4  # ...and more than this many (a short text may hold a stray one)
UTF16_NUL_RATIO = 0.25  # this many NULs, nearly all on even (or odd) offsets: UTF-16 without BOM
CHAOS_TIE = 0.02  # charset-normalizer candidates this close to the best are near-ties
COHERENCE_TIE = 0.15
MAX_REPLACED_RATIO = 0.001  # a sampled guess may miss a few bytes further on; more is a wrong guess

# Byte-order marks, longest first (a UTF-32-LE BOM starts like a UTF-16-LE one).
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Signatures of binary formats: (offset, bytes, name). Source: Gary Kessler's file signature
# table and the `file` magic database; only signatures long or specific enough not to start text.
MAGIC = (
    (0, b"\x89PNG\r\n\x1a\n", "PNG image"),
    (0, b"\xff\xd8\xff", "JPEG image"),
    (0, b"GIF87a", "GIF image"),
    (0, b"GIF89a", "GIF image"),
    (8, b"WEBP", "WebP image"),
    (0, b"II*\x00", "TIFF image"),
    (0, b"MM\x00*", "TIFF image"),
    (0, b"PK\x03\x04", "ZIP archive"),
    (0, b"PK\x05\x06", "ZIP archive"),
    (0, b"\x1f\x8b", "gzip archive"),
    (0, b"BZh", "bzip2 archive"),
    (0, b"\xfd7zXZ\x00", "xz archive"),
    (0, b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (0, b"Rar!\x1a\x07", "RAR archive"),
    (0, b"(\xb5/\xfd", "zstd archive"),
    (0, b"\x7fELF", "ELF executable"),
    (0, b"MZ\x90\x00", "Windows executable"),
    (0, b"\xcf\xfa\xed\xfe", "Mach-O executable"),
    (0, b"\xca\xfe\xba\xbe", "Java class or Mach-O file"),
    (0, b"\x00asm", "WebAssembly module"),
    (0, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "legacy Office file (.doc/.xls/.ppt)"),
    (0, b"SQLite format 3\x00", "SQLite database"),
    (0, b"ID3", "MP3 audio"),
    (0, b"OggS", "Ogg media"),
    (0, b"fLaC", "FLAC audio"),
    (4, b"ftyp", "MP4/QuickTime media"),
    (0, b"\x1aE\xdf\xa3", "Matroska/WebM media"),
    (0, b"wOFF", "web font"),
    (0, b"wOF2", "web font"),
    (0, b"%PDF-", "PDF document"),
)

# Near-ties between candidate encodings go to the most common one on the web for French,
# English, Spanish and the other UN languages (WHATWG Encoding Standard legacy encodings,
# W3Techs usage statistics). ISO-8859-1 is read as windows-1252, as browsers do.
PREFERRED_ENCODINGS = (
    "utf_8", "ascii", "cp1252", "iso8859_15", "latin_1", "cp1251", "koi8_r", "cp1256", "iso8859_6",
    "gb18030", "gbk", "gb2312", "big5", "cp1250", "iso8859_2", "mac_roman",
)  # fmt: skip
NON_TEXT_CONTROLS = re.compile(rb"[\x01-\x08\x0e-\x1a\x1c-\x1f\x7f]")
C1_BYTES = re.compile(rb"[\x80-\x9f]")
TEXT_CLEANUP = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class Decoded:
    """Decoded text and the encoding it was read with."""

    text: str
    encoding: str


def binary_kind(data: bytes) -> str | None:
    """The name of the binary format ``data`` starts with, or None."""
    for offset, magic, name in MAGIC:
        if data[offset : offset + len(magic)] == magic:
            return name
    return None


def _nul_layout(sample: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when NULs sit on alternate offsets, as in UTF-16 text without a BOM."""
    nuls = sample.count(0)
    if len(sample) < 4 or nuls < UTF16_NUL_RATIO * len(sample):
        return None
    odd = sample[1::2].count(0)
    even = nuls - odd
    if odd >= 0.9 * nuls:
        return "utf-16-le"
    if even >= 0.9 * nuls:
        return "utf-16-be"
    return None


def sniff_binary(source: str, data: bytes) -> None:
    """Raise BinaryInput (E002) for bytes that are not text: known magic, mostly NULs, or control bytes.

    Stray NULs in a text file are tolerated (they are dropped when decoding); other
    control bytes count against the text when they pass MAX_CONTROL_RATIO.
    """
    kind = binary_kind(data)
    if kind:
        raise BinaryInput(source, f"binary content: {kind}")
    sample = data[:SAMPLE_BYTES]
    if _nul_layout(sample):
        return
    rest = sample.replace(b"\x00", b"")
    if len(rest) < len(sample) / 2:
        raise BinaryInput(source, "binary content (mostly NUL bytes)")
    controls = len(NON_TEXT_CONTROLS.findall(rest))
    if controls > max(MAX_CONTROL_RATIO * len(rest), MIN_CONTROLS):
        raise BinaryInput(source, f"binary content ({controls / len(rest):.0%} control bytes)")


def _strict(data: bytes, encoding: str) -> str | None:
    """``data`` decoded strictly, or None."""
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _pick(matches: list) -> str | None:
    """Among charset-normalizer's near-best candidates, the most common encoding."""
    best_chaos = min(m.chaos for m in matches)
    close = [m for m in matches if m.chaos <= best_chaos + CHAOS_TIE and not m.encoding.startswith("utf_")]
    if not close:
        return None
    best_coherence = max(m.coherence for m in close)
    close = [m for m in close if m.coherence >= best_coherence - COHERENCE_TIE]
    ranked = sorted(close, key=lambda m: _rank(m.encoding))
    return ranked[0].encoding


def _rank(encoding: str) -> int:
    """Position in PREFERRED_ENCODINGS (unlisted encodings after all listed ones)."""
    try:
        return PREFERRED_ENCODINGS.index(encoding)
    except ValueError:
        return len(PREFERRED_ENCODINGS)


def detect_encoding(data: bytes) -> str | None:
    """The most plausible legacy encoding for bytes that are not UTF-8, or None."""
    matches = list(from_bytes(data[: 4 * SAMPLE_BYTES]))
    encoding = _pick(matches) if matches else None
    if encoding in ("latin_1", "iso8859_1") and C1_BYTES.search(data):
        encoding = "cp1252"  # bytes 0x80-0x9F are C1 controls in Latin-1, punctuation in windows-1252
    return encoding


def _decode_legacy(source: str, data: bytes) -> Decoded:
    """Decode with a detected legacy encoding; a guess that fails on many bytes is no decoding."""
    encoding = detect_encoding(data)
    if encoding is None:
        raise DecodeFailed(source, "bytes are not text in any plausible encoding")
    text = _strict(data, encoding)
    if text is None:  # the guess came from a sample: tolerate a few undefined bytes further on
        text = data.decode(encoding, errors="replace")
        if text.count("\ufffd") > MAX_REPLACED_RATIO * len(text):
            raise DecodeFailed(source, f"bytes do not decode as {encoding}, the most plausible encoding")
    return Decoded(text, encoding)


def decode_bytes(source: str, data: bytes, declared: str | None = None) -> Decoded:
    """Text from ``data``: BOM, then binary sniffing, then strict UTF-8, the declared encoding, detection.

    ``declared`` is an encoding named by the container (an HTTP header, an HTML meta tag);
    it is used only when the bytes are not UTF-8 and decode with it. Raises EmptyInput (E001), BinaryInput
    (E002) or DecodeFailed (E003).
    """
    if not data.strip():
        raise EmptyInput(source, "empty file" if not data else "only whitespace")
    decoded = _decode(source, data, declared)
    text = clean_text(decoded.text)
    if not text.strip():
        raise EmptyInput(source, "no text once decoded")
    return Decoded(text, decoded.encoding)


def _decode(source: str, data: bytes, declared: str | None) -> Decoded:
    """The decoding steps, in order of reliability."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            text = _strict(data[len(bom) :], encoding)
            if text is None:
                raise DecodeFailed(source, f"bytes after the {encoding} byte-order mark are not {encoding}")
            return Decoded(text, encoding)
    sniff_binary(source, data)
    layout = _nul_layout(data[:SAMPLE_BYTES])
    if layout:
        text = _strict(data[: len(data) // 2 * 2], layout)
        if text is None:
            raise DecodeFailed(source, f"bytes look like {layout} but do not decode as it")
        return Decoded(text, layout)
    data = data.replace(b"\x00", b"")  # stray NULs in a text file carry nothing
    for encoding in ("utf-8", _codec_name(declared)):
        text = _strict(data, encoding) if encoding else None
        if text is not None:
            return Decoded(text, encoding)
    return _decode_legacy(source, data)


def _codec_name(label: str | None) -> str | None:
    """Python's codec name for an encoding label, or None for a missing or unknown label."""
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip().strip("\"'")).name
    except LookupError:
        return None
    return "cp1252" if name in ("latin-1", "iso8859-1", "ascii") else name


def clean_text(text: str) -> str:
    """Unified newlines, no control characters, no stray BOMs: text every stage can trust."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n")
    return TEXT_CLEANUP.sub("", text).replace("\ufeff", "")
