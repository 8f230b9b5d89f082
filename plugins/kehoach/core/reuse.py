"""Values kept from one build to the next, for a long-lived process such as `mkdocs serve`.

A rebuild after one plan is saved should redo the work of that plan, not of
the thousand others. Each value (a page, a plan's calendar events) is stored
with the inputs it was made from; the next build reuses it when its inputs are
unchanged. The workspace hands unchanged plans and an unchanged registry over
as the very same objects, so the comparison is almost always an identity check.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class Reuse(Generic[T]):
    """Values of the previous build by key, each with the inputs it was made from."""

    def __init__(self) -> None:
        self.current: dict[str, tuple[tuple[object, ...], T]] = {}
        self.previous: dict[str, tuple[tuple[object, ...], T]] = {}

    def get(self, key: str, inputs: tuple[object, ...], make: Callable[[], T]) -> T:
        """The value made from `inputs`: the previous build's when its inputs were the same."""
        kept = self.previous.get(key)
        if kept is None or not _same(kept[0], inputs):
            kept = (inputs, make())
        self.current[key] = kept
        return kept[1]

    def next_build(self) -> None:
        """Start a build: what the last build used becomes what this one may reuse; the rest is dropped."""
        self.previous, self.current = self.current, {}


def _same(old: tuple[object, ...], new: tuple[object, ...]) -> bool:
    """Same inputs: the same objects, or equal values (build options, a re-read registry)."""
    return len(old) == len(new) and all(a is b or a == b for a, b in zip(old, new, strict=True))
