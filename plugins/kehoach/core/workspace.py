"""A plans folder kept loaded between builds, so that `mkdocs serve` redoes only what changed.

A site build reads every plan, checks it and renders pages and feeds from it.
Under `mkdocs serve`, saving one plan triggers a rebuild; re-reading a thousand
unchanged plans would make the author wait for work whose result is known.
The workspace remembers each plan folder with the size and modification time
of its files; a rebuild re-reads and re-checks only the folders whose files
changed, and hands unchanged plans (and an unchanged registry) to the renderers
as the same objects, which lets `api.Project` keep their pages and calendar events.

Loading through a workspace also drops each plan's YAML text once the plan is
checked (`LoadedPlan.forget_positions`): positions are needed for findings
only, and are found from the text when the first finding asks for one.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from .checks import AgencyNames, check_plan, check_registry
from .errors import Finding, sort_key
from .loader import AGENCY_DIR, Corpus, LoadedPlan, load_plan, open_corpus, quiet_gc
from .models import Agency

Stamp = tuple[tuple[str, int, int], ...]


@dataclass
class _Folder:
    """One plan folder as last read: the stamp of its files, the plan, and what the checks said."""

    stamp: Stamp
    loaded: LoadedPlan | None
    findings: list[Finding]


@dataclass
class Workspace:
    """The plans under `paths`, re-read and re-checked folder by folder as their files change."""

    paths: list[Path]
    base: Path
    folders: dict[Path, _Folder] = field(default_factory=dict)
    registry_stamp: Stamp | None = None
    agencies: dict[str, Agency] = field(default_factory=dict)
    reloaded: int = 0  # plan folders read in the last `load`, for the log

    def load(self) -> tuple[Corpus, list[Finding]]:
        """The corpus and every finding about it, as `load_corpus` + `check_corpus` would give them."""
        corpus, folders = open_corpus(self.paths, self.base)
        stamp = stamp_of(corpus.root / AGENCY_DIR)
        if stamp == self.registry_stamp:
            corpus.agencies = self.agencies  # equal to the one just read; the same object lets pages be reused
        else:
            self.folders.clear()  # every plan's agency findings depend on the registry
            self.registry_stamp, self.agencies = stamp, corpus.agencies
        names = AgencyNames(corpus.agencies, corpus.broken_agencies)
        kept: dict[Path, _Folder] = {}
        self.reloaded = 0
        with quiet_gc():
            for folder in folders:
                entry = self.folders.get(folder)
                folder_stamp = stamp_of(folder)
                if entry is None or entry.stamp != folder_stamp:
                    entry = self._read(folder, folder_stamp, corpus, names)
                kept[folder] = entry
                if entry.loaded is not None:
                    corpus.plans.append(entry.loaded)
        self.folders = kept
        found = [*corpus.findings, *check_registry(corpus), *(f for entry in kept.values() for f in entry.findings)]
        return corpus, sorted(set(found), key=sort_key)

    def _read(self, folder: Path, stamp: Stamp, corpus: Corpus, names: AgencyNames) -> _Folder:
        """Load and check one plan folder, then let go of what positions are found from."""
        self.reloaded += 1
        findings: list[Finding] = []
        loaded = load_plan(folder, self.base, findings, keep_tree=True)
        if loaded is not None:
            findings.extend(check_plan(loaded, corpus.agencies, names))
            loaded.forget_positions()
        return _Folder(stamp, loaded, findings)




def stamp_of(folder: Path) -> Stamp:
    """Name, size and modification time of each file directly in `folder`, sorted; empty when unreadable."""
    try:
        with os.scandir(folder) as entries:
            found = [(entry.name, entry.stat().st_size, entry.stat().st_mtime_ns)
                     for entry in entries if entry.is_file()]
    except OSError:
        return ()
    return tuple(sorted(found))
