"""Values kept from one build to the next, for a long-lived process such as `mkdocs serve`.

A rebuild after one plan is saved should redo the work of that plan, not of
the thousand others. Each value (a page, a plan's calendar events) is stored
with the inputs it was made from; the next build reuses it when its inputs are
unchanged. The workspace hands unchanged plans and an unchanged registry over
as the very same objects, so the comparison is almost always an identity check.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from functools import partial
from typing import Any, Generic, TypeVar

T = TypeVar("T")
K = TypeVar("K")


class Reuse(Generic[T]):
    """Values of the previous build by key, each with the inputs it was made from."""

    def __init__(self) -> None:
        self.current: dict[str, tuple[tuple[object, ...], T]] = {}
        self.previous: dict[str, tuple[tuple[object, ...], T]] = {}
        self.made = 0  # values made (not reused) since the last `next_build`

    def get(self, key: str, inputs: tuple[object, ...], make: Callable[[], T]) -> T:
        """The value made from `inputs`: the previous build's when its inputs were the same."""
        kept = self.previous.get(key)
        if kept is None or not _same(kept[0], inputs):
            kept = (inputs, make())
            self.made += 1
        self.current[key] = kept
        return kept[1]

    def next_build(self) -> None:
        """Start a build: what the last build used becomes what this one may reuse; the rest is dropped."""
        self.previous, self.current, self.made = self.current, {}, 0


def _same(old: tuple[object, ...], new: tuple[object, ...]) -> bool:
    """Same inputs: the same objects, or equal values (build options, a re-read registry)."""
    return len(old) == len(new) and all(a is b or a == b for a, b in zip(old, new, strict=True))


class Remembered(Generic[K, T]):
    """`make(obj, *more)` made once per object and remembered while the object lives (by identity, not equality).

    For values worked out from one loaded plan that many pages of a build ask
    for (its dated entries, its rows on agencies' lists): a build works each out
    once per plan, and under `mkdocs serve` an unchanged plan, handed over as
    the same object, is not worked out again. `depends(obj, *more)` names the
    objects the value also comes from (a plan's model, which may be replaced in
    place; the registry): the value is made again when one is not the same object.
    """

    def __init__(self, make: Callable[..., T], depends: Callable[..., tuple[object, ...]] = lambda *_: ()) -> None:
        self.make, self.depends = make, depends
        self.values: dict[int, tuple[weakref.ref[Any], tuple[object, ...], T]] = {}

    def __call__(self, obj: K, *more: Any) -> T:
        key, parts = id(obj), self.depends(obj, *more)
        found = self.values.get(key)
        if found is not None and found[0]() is obj and all(a is b for a, b in zip(found[1], parts, strict=True)):
            return found[2]
        value = self.make(obj, *more)
        # the entry goes when the object does; its id may then be given to another object
        self.values[key] = (weakref.ref(obj, partial(self._forget, key)), parts, value)
        return value

    def _forget(self, key: int, _: object) -> None:
        self.values.pop(key, None)
