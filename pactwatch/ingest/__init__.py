"""Reading inputs: walk files and folders, fetch URLs safely, decode bytes, read each kind.

``iter_sources(paths)`` streams what to read; ``read_document(source, settings)`` turns
one input into a ``Document`` (``text`` and ``meta`` filled) for the pipeline.
"""

from .readers import read_document, sniff_kind
from .sources import Skipped, Source, iter_sources

__all__ = ["Skipped", "Source", "iter_sources", "read_document", "sniff_kind"]
