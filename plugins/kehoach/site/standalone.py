"""The mkdocs.yml of a site source that engines running no kehoach plugin build (`kehoach build-docs`).

`kehoach build-docs OUTDIR` writes the generated pages, the hand-written guides, the assets and
the feeds into OUTDIR/docs/ and this file into OUTDIR/mkdocs.yml: the repository's own mkdocs.yml
(theme, Markdown extensions, search separator, navigation, comments) without what needs kehoach
(its plugin, the hooks, `watch: [plans]`), with the options the pages were built for. ruamel.yaml
keeps the file as written, tags (`!ENV`, `!!python/object/apply`) included.
"""

from __future__ import annotations

import io
from pathlib import PurePosixPath

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import LiteralScalarString

from .options import ASSET_DIR, ASSETS

PLUGIN = "kehoach"
GENERATED = ("/ke-hoach/", "/co-quan/", "/nam/")  # pages reached from the index pages, not from the nav

HEADER = """\
# Written by `kehoach build-docs` from the repository's mkdocs.yml, for engines that run no kehoach
# plugin (vanilla MkDocs + Material, ProperDocs, Zensical): the pages under docs/ are already generated.
# Left out: the kehoach plugin, the hooks and `watch`. Rewritten: docs_dir, use_directory_urls and,
# when given, site_url; the footer line (copyright) is the build stamp. Written for one engine
# (`--engine`): the links of the pages are read differently by MkDocs and by Zensical.
"""

# Without a mkdocs.yml to start from: Material in Vietnamese, a small navigation of the index pages.
DEFAULT = """\
site_name: Kế hoạch thi đua, khen thưởng
theme:
  name: material
  language: vi
  font: false
plugins:
  - search
nav:
  - Trang chủ: index.md
  - Năm: nam/index.md
  - Cơ quan: co-quan/index.md
"""


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096  # never wrap a long value onto a second line
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def load_config(text: str | None) -> CommentedMap:
    """The mkdocs.yml text as a round-trip mapping (the default config without one)."""
    data = _yaml().load(text if text is not None else DEFAULT)
    return data if isinstance(data, CommentedMap) else _yaml().load(DEFAULT)


def docs_dir_of(config: CommentedMap) -> str:
    """The config's docs_dir (MkDocs' default "docs")."""
    value = config.get("docs_dir", "docs")
    return value if isinstance(value, str) else "docs"


def custom_dir_of(config: CommentedMap) -> str | None:
    """The theme's `custom_dir` when it is a folder beside the config (build-docs copies it), else None."""
    theme = config.get("theme")
    value = theme.get("custom_dir") if isinstance(theme, dict) else None
    if not isinstance(value, str) or PurePosixPath(value).is_absolute() or ".." in PurePosixPath(value).parts:
        return None
    return PurePosixPath(value).as_posix()


def standalone_config(config: CommentedMap, *, site_url: str, directory_urls: bool, stamp: str,
                      engine: str = "mkdocs") -> str:
    """The mkdocs.yml of the site source, from the repository's config (changed in place).

    For Zensical (`engine`), the theme keeps Material's look: Zensical's default `variant` is its own
    ("modern": white header, other fonts), `classic` is the look the site and kehoach.css were made for.
    """
    plugins = config.get("plugins")
    if isinstance(plugins, list):
        for index in reversed(range(len(plugins))):  # in place: the other entries keep their comments
            if _is_plugin(plugins[index]):
                del plugins[index]
    for key in ("hooks", "watch", "site_dir"):
        config.pop(key, None)
    config["docs_dir"] = "docs"
    config["use_directory_urls"] = directory_urls
    if site_url:
        config["site_url"] = site_url
    config["copyright"] = stamp
    for key, name in (("extra_css", "kehoach.css"), ("extra_javascript", "kehoach.js")):
        listed = config.setdefault(key, CommentedSeq())
        if f"{ASSET_DIR}/{name}" not in [str(item) for item in listed] and name in ASSETS:
            listed.append(f"{ASSET_DIR}/{name}")
    config.setdefault("not_in_nav", LiteralScalarString("\n".join(GENERATED) + "\n"))
    theme = config.get("theme")
    if engine == "zensical" and isinstance(theme, dict):
        theme.setdefault("variant", "classic")
    out = io.StringIO()
    _yaml().dump(config, out)
    return HEADER + out.getvalue()


def _is_plugin(entry: object) -> bool:
    """Whether a `plugins:` entry ("kehoach" or {"kehoach": {...}}) is the kehoach plugin."""
    return entry == PLUGIN or (isinstance(entry, dict) and list(entry) == [PLUGIN])
