"""What every command shares: turning library errors into one line and exit 2, atomic output."""

from __future__ import annotations

import functools
import re
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click

from dedup.errors import DedupError

F = TypeVar("F", bound=Callable[..., Any])

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]")


def one_line(message: str) -> str:
    """``message`` on one line: control characters (a newline in a file name) shown escaped."""
    return _CONTROL.sub(lambda m: repr(m.group())[1:-1], message)


def fail(message: str) -> None:
    """Print one ``dedup: ...`` line on stderr and exit 2."""
    click.echo(f"dedup: {one_line(message)}", err=True)
    sys.exit(EXIT_ERROR)


def handle_errors(func: F) -> F:
    """Run a command, turning ``DedupError`` (and a broken pipe) into one line and exit 2."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except DedupError as err:
            fail(str(err))
        except BrokenPipeError:
            sys.exit(EXIT_ERROR)
        except KeyboardInterrupt:
            click.echo("dedup: interrupted", err=True)
            sys.exit(130)
        except MemoryError:
            fail("out of memory")
        except RecursionError:
            fail("input nested too deeply to process")

    return wrapper  # type: ignore[return-value]
