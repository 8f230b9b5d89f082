"""MkDocs hook of this site: the intranet's build stamp (date and commit, in Vietnamese) in the footer.

The stamp is Material's `copyright` line; the date is the build's "today" ($KEHOACH_TODAY, else the
clock), the commit that of the repository holding mkdocs.yml. `kehoach build-docs` writes the same
line into the mkdocs.yml it writes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from kehoach.api import build_stamp
from kehoach.core.errors import PlanError


def on_config(config: Any, **kwargs: Any) -> Any:
    """Set the footer line to the build stamp."""
    try:
        config.copyright = build_stamp(Path(config.config_file_path or ".").resolve().parent)
    except PlanError as exc:  # a malformed $KEHOACH_TODAY: the message the plugin gives, not a traceback
        raise PluginError(str(exc)) from None
    return config
