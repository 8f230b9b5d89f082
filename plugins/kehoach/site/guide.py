"""What the hand-written guides take from the code rather than copy: the table of rule codes.

A guide holds the marker `<!-- bang-ma-kiem-tra -->` where the table goes; the site's hook
(`hooks/rule_table.py`) and `kehoach build-docs` put the table from `core.rules` in its place, so
the table a reader sees is the registry the checks use.
"""

from __future__ import annotations

from ..core.errors import SEVERITY_VI
from ..core.rules import RULES, Rule

RULE_TABLE_MARKER = "<!-- bang-ma-kiem-tra -->"


def rule_table(rules: dict[str, Rule] = RULES) -> str:
    """The rule codes as a Markdown table: code, severity, meaning, what to do."""
    lines = ["| Mã | Mức | Ý nghĩa | Cách xử lý |", "|---|---|---|---|"]
    for code in sorted(rules):
        rule = rules[code]
        cells = [code, " / ".join(SEVERITY_VI[s] for s in rule.severities), rule.meaning, rule.action]
        lines.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
    return "\n".join(lines)


def fill_rule_table(markdown: str) -> str:
    """The guide's Markdown with the rule table in place of its marker (unchanged without one)."""
    return markdown.replace(RULE_TABLE_MARKER, rule_table()) if RULE_TABLE_MARKER in markdown else markdown
