"""The Global Compact for Migration: its objectives and guiding principles, and the mapping of texts to them.

``map_text`` maps any text; ``objective_stage`` is the pipeline stage writing ``objectives`` and
``principles``; ``format_mapping`` renders a mapping for a terminal.
"""

from .mapping import Mapping, format_mapping, map_text, objective_stage

__all__ = ["Mapping", "format_mapping", "map_text", "objective_stage"]
