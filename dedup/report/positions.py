"""Character offsets to 1-based lines and columns, the same in every report.

Columns count Unicode code points (SARIF's ``unicodeCodePoints``); a line ends
at each ``\\n``. The lint formats and the HTML findings panel both use this, so
a finding sits at the same line and column everywhere.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

__all__ = ["LineIndex", "Position"]

_NEWLINE = re.compile("\n")


@dataclass(frozen=True, slots=True)
class Position:
    line: int  # 1-based
    column: int  # 1-based, in code points


class LineIndex:
    """Offsets -> (line, column) by bisecting the line starts (built once per text)."""

    def __init__(self, text: str) -> None:
        self.starts = [0] + [m.end() for m in _NEWLINE.finditer(text)]

    def at(self, offset: int) -> Position:
        line = bisect.bisect_right(self.starts, offset) - 1
        return Position(line + 1, offset - self.starts[line] + 1)
