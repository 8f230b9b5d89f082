"""kehoach: emulation and commendation plans kept as Markdown and YAML.

The core (models, loading, checks, rendering, calendars) knows plans, not
MkDocs; `plugin.py` and `cli.py` are thin translators over it.
"""

__version__ = "0.1.0"
