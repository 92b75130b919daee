"""The catalogue of errors pactwatch reports: each has a code and a one-line message."""

from __future__ import annotations


class PactwatchError(Exception):
    """Base class: ``code`` is stable, ``str(err)`` is one readable line naming the input."""

    code = "E000"

    def __init__(self, source: str, detail: str):
        self.source = source
        self.detail = detail
        super().__init__(f"{source}: {detail} [{self.code}]")


class EmptyInput(PactwatchError):
    """The input holds no bytes, or no text once decoded."""

    code = "E001"


class BinaryInput(PactwatchError):
    """The input is not a document type pactwatch reads (image, archive, executable...)."""

    code = "E002"


class DecodeFailed(PactwatchError):
    """The bytes could not be decoded as text in any plausible encoding."""

    code = "E003"


class TooLarge(PactwatchError):
    """The input is larger than the configured maximum size."""

    code = "E004"


class NoTextLayer(PactwatchError):
    """A PDF (or other container) that holds no extractable text (a scan)."""

    code = "E005"


class ReadFailed(PactwatchError):
    """The input could not be read: vanished, unreadable, truncated or corrupt."""

    code = "E006"


class UnsafeURL(PactwatchError):
    """A URL that points to a private, loopback or link-local address."""

    code = "E007"


class TimedOut(PactwatchError):
    """Reading, fetching or extracting the input took longer than the time limit."""

    code = "E008"


class ExtractionFailed(PactwatchError):
    """A pipeline stage failed on this document (a bug: please report it)."""

    code = "E100"
