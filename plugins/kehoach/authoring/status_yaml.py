"""Replace the `status:` blocks of tasks in a plan's YAML, leaving every other byte as it was.

libyaml composes the file (nodes with their line marks, no data built) to find
where each task and its status block start and end; the new block, dumped with
PyYAML's safe dumper (the same YAML 1.1 rules the loader reads with: a note "yes"
or "12" comes out quoted) and indented like the task's other keys, is spliced
into the text between those lines. Dumping the whole document again, even with
ruamel.yaml's round-trip dumper, re-flows folded titles and quoting; the splice
cannot. Comment and blank lines after a block stay where they are: they belong
to what follows. The result is read back and compared with the original, status
blocks aside, before anyone writes it (`check_splice`). ruamel's round-trip
loader was measured at over a second per plan file here; an import may touch a
hundred files, libyaml reads them in milliseconds.
"""

from __future__ import annotations

from typing import Any

import yaml


class _Dumper(yaml.CSafeDumper):
    """The safe dumper without anchors: two equal statuses are written out twice, never as an alias."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def status_blocks(statuses: list[dict[str, Any]]) -> list[list[str]]:
    """Each status as the lines of a `status:` block (not indented), dumped in one call.

    One dump for a file's blocks: setting up PyYAML's dumper costs more than
    writing a block, and an import writes thousands.
    """
    text = yaml.dump([{"status": status} for status in statuses], Dumper=_Dumper, allow_unicode=True,
                     sort_keys=False, default_flow_style=False, width=10_000)  # no folding of long notes
    blocks: list[list[str]] = []
    for line in text.splitlines():
        if line.startswith("- "):
            blocks.append([])
        blocks[-1].append(line[2:] + "\n")
    return blocks


def _is_trailer(line: str) -> bool:
    stripped = line.strip()
    return not stripped or stripped.startswith("#")


def _trim(lines: list[str], start: int, end: int) -> int:
    """`end` moved back over blank and comment lines: they belong to what follows."""
    while end > start + 1 and _is_trailer(lines[end - 1]):
        end -= 1
    return end


def _key_lines(node: yaml.MappingNode) -> list[tuple[str, int]]:
    return [(str(key.value), key.start_mark.line) for key, _ in node.value]


def _task_spans(text: str, total: int) -> dict[str, tuple[int, int, yaml.MappingNode]]:
    """Task id -> (first line, line after its last, its node), 0-based; block-style tasks only."""
    root = yaml.compose(text, Loader=yaml.CSafeLoader)
    if not isinstance(root, yaml.MappingNode):
        return {}
    keys = root.value
    index = next((i for i, (key, _) in enumerate(keys) if key.value == "tasks"), None)
    if index is None or not isinstance(keys[index][1], yaml.SequenceNode):
        return {}
    tail = keys[index + 1][0].start_mark.line if index + 1 < len(keys) else total
    items = keys[index][1].value
    spans = {}
    for number, task in enumerate(items):
        if not isinstance(task, yaml.MappingNode) or task.flow_style or not task.value:
            continue  # a flow-style task is left alone; `splice_statuses` refuses it
        end = items[number + 1].start_mark.line if number + 1 < len(items) else tail
        ids = [value.value for key, value in task.value if key.value == "id" and isinstance(value, yaml.ScalarNode)]
        spans[str(ids[0]) if ids else ""] = (task.start_mark.line, end, task)
    return spans


def splice_statuses(text: str, statuses: dict[str, dict[str, Any]]) -> str:
    """`text` with the status block of each task id in `statuses` replaced (or added after the task).

    Raises KeyError for a task id the file has no block-style task for.
    """
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"  # a last line without its newline still ends before what is inserted
    spans = _task_spans(text, len(lines))
    blocks = dict(zip(statuses, status_blocks(list(statuses.values())), strict=True))
    edits = []
    for task_id in statuses:
        start, end, task = spans[task_id]
        keys = _key_lines(task)
        indent = task.value[0][0].start_mark.column
        names = [name for name, _ in keys]
        if "status" in names:
            at = names.index("status")
            first = keys[at][1]
            last = _trim(lines, first, keys[at + 1][1] if at + 1 < len(keys) else end)
            edits.append((first, last, [" " * indent + line for line in blocks[task_id]]))
        else:
            at = _trim(lines, start, end)
            edits.append((at, at, [" " * indent + line for line in blocks[task_id]]))
    for first, last, block in sorted(edits, reverse=True):
        lines[first:last] = block
    result = "".join(lines)
    return result if text.endswith("\n") or not result.endswith("\n") else result[:-1]


def without_statuses(data: Any) -> Any:
    """Plain data of a plan with every task's status removed, to compare what else a splice changed."""
    plain = _plain(data)
    for task in plain.get("tasks") or []:
        if isinstance(task, dict):
            task.pop("status", None)
    return plain


def _plain(node: Any) -> Any:
    if isinstance(node, dict):
        return {str(key): _plain(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_plain(value) for value in node]
    return node


def check_splice(before: str, after: str, statuses: dict[str, dict[str, Any]]) -> bool:
    """True when `after` holds `before`'s data with exactly the given status blocks."""
    old, new = (yaml.load(text, Loader=yaml.CSafeLoader) for text in (before, after))
    if without_statuses(old) != without_statuses(new):
        return False
    found = {str(task.get("id")): _plain(task.get("status")) for task in new.get("tasks") or []}
    return all(found.get(task_id) == status for task_id, status in statuses.items())
