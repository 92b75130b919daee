"""Turn the PATHs given on the command line into a stream of inputs to read.

A PATH is a URL, a file or a folder. Folders are walked recursively, depth first,
entries in code-point order of their names (the same order on every machine), one
folder listing at a time, so a folder of 100,000 files starts at once. Symbolic
links are followed; a link back to a folder being walked (a loop) and a second
way into a folder or file already walked are noted once and not followed. In
folders, hidden entries and unsupported file types are skipped with a note; a file
named explicitly is always read (its type is then sniffed from its bytes).
A URL or file that turns out to be a feed or sitemap is expanded by the store's
ingest into one Source per URL it lists (``via`` naming the listing; see ``feeds``).
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from ..errors import PactwatchError, ReadFailed

# File name endings read when walking a folder, and the reader each one goes to.
SUPPORTED_SUFFIXES = {
    ".txt": "text", ".text": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".pdf": "pdf",
    ".docx": "docx",
}  # fmt: skip
URL_PATTERN = re.compile(r"^https?://", re.IGNORECASE)


@dataclass(frozen=True)
class Source:
    """One input to read: a file path or an http(s) URL, as given; ``kind`` is a hint from its name.

    ``via`` names the feed or sitemap the URL was listed in, when it came from one.
    """

    location: str
    kind: str | None = None
    via: str | None = None

    @property
    def is_url(self) -> bool:
        """True for http(s) URLs."""
        return bool(URL_PATTERN.match(self.location))


@dataclass(frozen=True)
class Skipped:
    """An entry passed over while walking a folder, with the reason (printed as a note)."""

    location: str
    reason: str


Item = Source | Skipped | PactwatchError


def kind_from_name(path: str) -> str | None:
    """The reader a file name points to, from its suffix; None when the name does not tell."""
    return SUPPORTED_SUFFIXES.get(os.path.splitext(path)[1].lower())


def iter_sources(paths: Iterable[str]) -> Iterator[Item]:
    """Inputs for ``paths`` in order: a Source to read, a Skipped note, or an error for a folder.

    A PATH that does not exist is still yielded as a Source: reading it reports the
    failure (E006) in its place in the output, like any other bad input.
    """
    for given in paths:
        if URL_PATTERN.match(given):
            yield Source(given, None)
            continue
        try:
            st = os.stat(given)
        except (OSError, ValueError):
            yield Source(given, kind_from_name(given))
            continue
        if stat.S_ISDIR(st.st_mode):
            yield from _Walk(given, st).items()
        else:
            yield Source(given, kind_from_name(given))


def _key(st: os.stat_result) -> tuple[int, int]:
    """The identity of a file or folder on this machine."""
    return st.st_dev, st.st_ino


@dataclass
class _Frame:
    """A folder being walked: its path, identity and the entries still to visit."""

    path: str
    key: tuple[int, int]
    entries: Iterator[os.DirEntry[str]]


@dataclass
class _Walk:
    """The depth-first walk of one folder given as a PATH."""

    root: str
    root_stat: os.stat_result
    seen_dirs: dict[tuple[int, int], str] = field(default_factory=dict)
    seen_files: set[int] = field(default_factory=set)

    def items(self) -> Iterator[Item]:
        """Walk the tree, yielding files to read, notes and folder errors."""
        stack: list[_Frame] = []
        error = self._enter(stack, self.root, _key(self.root_stat))
        if error:
            yield error
        while stack:
            entry = next(stack[-1].entries, None)
            if entry is None:
                stack.pop()
                continue
            item = self._visit(stack, entry)
            if item is not None:
                yield item

    def _enter(self, stack: list[_Frame], path: str, key: tuple[int, int]) -> PactwatchError | None:
        """Push a folder onto the walk; an unreadable folder becomes an error item."""
        try:
            with os.scandir(path) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError as err:
            return ReadFailed(path, f"cannot list folder: {err.strerror or err}")
        self.seen_dirs[key] = path
        stack.append(_Frame(path, key, iter(entries)))
        return None

    def _visit(self, stack: list[_Frame], entry: os.DirEntry[str]) -> Item | None:
        """What one folder entry gives: a Source, a note, an error, or nothing (a folder entered)."""
        if entry.name.startswith("."):
            return Skipped(entry.path, "hidden")
        try:
            if entry.is_dir():
                return self._folder(stack, entry)
            if entry.is_file():
                return self._file(stack, entry)
        except OSError as err:
            return ReadFailed(entry.path, err.strerror or str(err))
        if entry.is_symlink():
            return Source(entry.path, kind_from_name(entry.path))  # dangling link: reading reports it
        return Skipped(entry.path, "not a regular file")

    def _folder(self, stack: list[_Frame], entry: os.DirEntry[str]) -> Item | None:
        """Enter a sub-folder unless it is a loop or was walked already through another link."""
        key = _key(entry.stat())
        ancestors = {frame.key: frame.path for frame in stack}
        if key in ancestors:
            return Skipped(entry.path, f"symlink loop back to {ancestors[key]}, not followed")
        if key in self.seen_dirs:
            return Skipped(entry.path, f"same folder as {self.seen_dirs[key]}, already walked")
        return self._enter(stack, entry.path, key)

    def _file(self, stack: list[_Frame], entry: os.DirEntry[str]) -> Item:
        """A supported file becomes a Source, once however many links lead to it."""
        kind = kind_from_name(entry.name)
        if kind is None:
            suffix = os.path.splitext(entry.name)[1].lower() or "(no extension)"
            return Skipped(entry.path, f"unsupported type {suffix}")
        # Packed (device, inode): one small int per file, no stat call unless the entry is a link.
        st = entry.stat() if entry.is_symlink() else None
        key = (st.st_dev << 64 | st.st_ino) if st else (stack[-1].key[0] << 64 | entry.inode())
        if key in self.seen_files:
            return Skipped(entry.path, "same file as one already read through another name")
        self.seen_files.add(key)
        return Source(entry.path, kind)
