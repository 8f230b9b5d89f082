"""Findings and the one error type for users' mistakes.

A `Finding` is one problem in one place of one file, with a rule code, a
Vietnamese message and a hint. `PlanError` carries findings out of the core so
the CLI and the MkDocs plugin can print them; nothing else is raised for bad
input.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Literal

from .rules import RULES
from .text import visible

Severity = Literal["error", "warning"]

SEVERITY_VI = {"error": "lỗi", "warning": "cảnh báo"}


@dataclass(frozen=True, order=True)
class Finding:
    """One problem found in a plan, a registry or the text of a file."""

    path: str
    line: int
    col: int
    code: str
    severity: Severity
    message: str
    hint: str = ""

    def __post_init__(self) -> None:
        if self.code not in RULES:  # a code users cannot look up in the guide's table is a bug of ours
            raise ValueError(f"rule code {self.code} is not in core/rules.py")

    def as_text(self) -> str:
        """Render as `path:line:col: CODE mức: message`, hint on the next line.

        Whatever a name or a quoted value holds, no printed line starts as a GitHub Actions
        workflow command (`::…` or `##[…`), so plan content cannot steer the CI log: the path is
        written on one line (line breaks and invisible characters as \\n, \\uXXXX), and a line
        break inside a message or hint starts an indented line.
        """
        path = visible(self.path)
        if path.startswith(("::", "##[")):
            path = "./" + path
        head = f"{path}:{self.line}:{self.col}: {self.code} {SEVERITY_VI[self.severity]}: {_lines(self.message)}"
        return f"{head}\n    gợi ý: {_lines(self.hint)}" if self.hint else head

    def as_github(self) -> str:
        """Render as a GitHub Actions workflow command, so it lands on the PR line."""
        def esc(text: str) -> str:
            return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

        prop = esc(visible(self.path)).replace(",", "%2C").replace(":", "%3A")
        body = "\n".join(map(visible, (self.message + (f" (gợi ý: {self.hint})" if self.hint else "")).split("\n")))
        return (f"::{self.severity} file={prop},line={self.line},col={self.col},"
                f"title={self.code}::{esc(body)}")


def _lines(text: str) -> str:
    """Text whose own line breaks continue as indented lines, every other unseen character made visible."""
    return "\n      ".join(visible(part) for part in text.replace("\r\n", "\n").split("\n"))


def sort_key(finding: Finding) -> tuple[str, int, int, str, str, str, str]:
    """The order findings are shown in (file, line, column, code…): a plain tuple, so sorting runs in C."""
    return (finding.path, finding.line, finding.col, finding.code, finding.severity, finding.message, finding.hint)


class PlanError(Exception):
    """Bad input: one or more findings of severity error."""

    def __init__(self, findings: Iterable[Finding]):
        self.findings = sorted(findings, key=sort_key)
        super().__init__("\n".join(f.as_text() for f in self.findings))


def has_errors(findings: Iterable[Finding]) -> bool:
    """True when any finding is an error."""
    return any(f.severity == "error" for f in findings)


def strictly(findings: Iterable[Finding]) -> list[Finding]:
    """Return the findings with every warning raised to an error (`--strict`)."""
    return [Finding(**{**asdict(f), "severity": "error"}) for f in findings]


def render(findings: list[Finding], fmt: str) -> str:
    """Render findings as `text`, `json` or `github` output."""
    ordered = sorted(findings, key=sort_key)
    if fmt == "json":
        return json.dumps([asdict(f) for f in ordered], ensure_ascii=False, indent=2)
    if fmt == "github":
        return "\n".join(f.as_github() for f in ordered)
    return "\n".join(f.as_text() for f in ordered)


def summary(findings: list[Finding]) -> str:
    """One Vietnamese line counting errors and warnings."""
    errors = sum(f.severity == "error" for f in findings)
    warnings = len(findings) - errors
    if not findings:
        return "Không có lỗi nào."
    return f"{errors} lỗi, {warnings} cảnh báo."
