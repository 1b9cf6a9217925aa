"""A progress bar on standard error for long runs, shown only when stderr is a terminal.

Standard output stays clean for the report; the bar disappears when the run ends.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from rich.progress import Progress

T = TypeVar("T")
# Fewer items than this finish before a bar would be worth drawing.
MIN_ITEMS = 2


def wants_progress(count: int) -> bool:
    """Whether to draw a bar for ``count`` items: only on a terminal and for several items."""
    return count >= MIN_ITEMS and sys.stderr.isatty()


def _progress() -> Progress:
    # rich.progress is imported only when a bar is drawn: it slows every command's start-up.
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("·"),
        TimeElapsedColumn(),
        TextColumn("· ETA"),
        TimeRemainingColumn(),
        console=Console(file=sys.stderr),
        transient=True,
    )


def track(items: Sequence[T], description: str) -> Iterator[T]:
    """Iterate over ``items``, drawing a bar with counts and ETA when :func:`wants_progress`."""
    if not wants_progress(len(items)):
        yield from items
        return
    with _progress() as progress:
        task = progress.add_task(description, total=len(items))
        for item in items:
            yield item
            progress.advance(task)

