"""The one exception family the library raises for input and output problems.

The CLI turns each into a single line ``dedup: PATH: problem`` and exit 2;
the library itself never prints or exits.
"""

from __future__ import annotations

__all__ = ["DedupError", "InputError", "OutputError", "IndexError_"]


class DedupError(Exception):
    """A problem the user can fix, named with the file it concerns."""

    def __init__(self, path: str | None, problem: str) -> None:
        self.path = path
        self.problem = problem
        super().__init__(f"{path}: {problem}" if path else problem)


class InputError(DedupError):
    """An article or archive that cannot be read (missing, empty, binary, malformed)."""


class OutputError(DedupError):
    """An output that cannot be written."""


class IndexError_(DedupError):
    """An index file that is corrupt, foreign or from an unknown schema version."""
