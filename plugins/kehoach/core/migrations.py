"""The plan format's versions: what each `schema_version` step changed, explained to whoever holds an old file.

The plan format is a public interface: people's plan and registry files exist.
A field is renamed or removed only with a step of `schema_version` (the
`Literal[...]` of `models.Plan` and `models.Registry`, and `SCHEMA_VERSION`) and
a `Step` in `STEPS` saying what changed. Before a file is validated,
`version_finding` reads the version it declares: a newer one than this kehoach
knows (KH209) or an older one (KH210) stops that file with a Vietnamese
finding, and for an older file the hint lists every change to make, step by
step, so that following it gives a file of the current version.
DEVELOPING.md, "The plan format", says how a step is made.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .errors import Finding
from .models import SCHEMA_VERSION
from .source import position


@dataclass(frozen=True)
class Step:
    """One step of the format, from `version - 1` to `version`. Paths are written as users read them,
    `[]` standing for every item of a list: `tasks[].lead_text`."""

    version: int
    renamed: tuple[tuple[str, str], ...] = ()  # (field path, its new name)
    removed: tuple[tuple[str, str], ...] = ()  # (field path, what to do with what it held), in Vietnamese

    def changes(self) -> list[str]:
        """What a person changes in a file to take it over this step, in Vietnamese."""
        return ([f"đổi tên trường «{path}» thành «{new}»" for path, new in self.renamed]
                + [f"bỏ trường «{path}» ({what})" for path, what in self.removed])


STEPS: tuple[Step, ...] = ()  # none yet: the format is at its first version


def version_finding(data: Any, shown: str, positioned: Callable[[], Any], current: int = SCHEMA_VERSION,
                    steps: tuple[Step, ...] = STEPS) -> Finding | None:
    """KH209 when the file declares a newer `schema_version` than `current`, KH210 when an older one (the hint
    says what to change); None when it declares `current`, or something that is not a version (the model
    reports that)."""
    version = data.get("schema_version") if isinstance(data, dict) else None
    if not isinstance(version, int) or isinstance(version, bool) or version < 1 or version == current:
        return None
    line, col = position(positioned(), ("schema_version",))
    if version > current:
        return Finding(shown, line, col, "KH209", "error",
                       f"Tệp theo mẫu phiên bản {version}, mới hơn mẫu phiên bản {current} mà bản kehoach này đọc được",
                       "Cập nhật kehoach (git pull rồi make install) để đọc tệp này; nếu tệp không dùng trường nào "
                       f"mới, ghi lại «schema_version: {current}».")
    changes = [change for step in steps if version < step.version <= current for change in step.changes()]
    return Finding(shown, line, col, "KH210", "error",
                   f"Tệp theo mẫu cũ, phiên bản {version}; bản kehoach này đọc mẫu phiên bản {current}",
                   "Sửa tệp theo mẫu mới: " + "; ".join([*changes, f"rồi ghi «schema_version: {current}»"]) + ".")
