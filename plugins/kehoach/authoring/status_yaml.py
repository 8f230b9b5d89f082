"""Replace the `status:` blocks of tasks (and `submissions:` of duties) in a plan's YAML, every other byte kept.

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


class _ListDumper(yaml.SafeDumper):
    """The safe dumper with list items indented under their key, as the plans write them (pure Python: the C
    emitter cannot be told so; a file has a few submissions lists, not thousands of status blocks)."""

    def ignore_aliases(self, data: Any) -> bool:
        return True

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


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


def submissions_block(entries: list[dict[str, Any]]) -> list[str]:
    """A duty's submissions as the lines of a `submissions:` block (not indented); `submissions: []` for none."""
    text = yaml.dump({"submissions": entries}, Dumper=_ListDumper, allow_unicode=True, sort_keys=False,
                     default_flow_style=False, width=10_000)
    return text.splitlines(keepends=True)


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


def _item_spans(text: str, total: int, items_key: str) -> dict[str, tuple[int, int, yaml.MappingNode]]:
    """Id -> (first line, line after its last, its node), 0-based, of the block-style items of the top-level list
    `items_key` (tasks, reporting)."""
    root = yaml.compose(text, Loader=yaml.CSafeLoader)
    if not isinstance(root, yaml.MappingNode):
        return {}
    keys = root.value
    index = next((i for i, (key, _) in enumerate(keys) if key.value == items_key), None)
    if index is None or not isinstance(keys[index][1], yaml.SequenceNode):
        return {}
    tail = keys[index + 1][0].start_mark.line if index + 1 < len(keys) else total
    items = keys[index][1].value
    spans = {}
    for number, task in enumerate(items):
        if not isinstance(task, yaml.MappingNode) or task.flow_style or not task.value:
            continue  # a flow-style item is left alone; `splice_statuses` refuses it
        end = items[number + 1].start_mark.line if number + 1 < len(items) else tail
        ids = [value.value for key, value in task.value if key.value == "id" and isinstance(value, yaml.ScalarNode)]
        spans[str(ids[0]) if ids else ""] = (task.start_mark.line, end, task)
    return spans


def splice_statuses(text: str, statuses: dict[str, dict[str, Any]]) -> str:
    """`text` with the status block of each task id in `statuses` replaced (or added after the task).

    Raises KeyError for a task id the file has no block-style task for.
    """
    if not statuses:
        return text
    return _splice(text, "tasks", "status", dict(zip(statuses, status_blocks(list(statuses.values())), strict=True)))


def splice_submissions(text: str, submissions: dict[str, list[dict[str, Any]]]) -> str:
    """`text` with the submissions block of each duty id in `submissions` replaced (or added after the duty).

    Raises KeyError for a duty id the file has no block-style duty for.
    """
    return _splice(text, "reporting", "submissions",
                   {duty_id: submissions_block(entries) for duty_id, entries in submissions.items()})


def _splice(text: str, items_key: str, field: str, blocks: dict[str, list[str]]) -> str:
    """`text` with the `field:` block of each item of `items_key` named in `blocks` replaced by its lines."""
    if not blocks:
        return text
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"  # a last line without its newline still ends before what is inserted
    spans = _item_spans(text, len(lines), items_key)
    edits = []
    for item_id, block in blocks.items():
        start, end, item = spans[item_id]
        keys = _key_lines(item)
        indented = [" " * item.value[0][0].start_mark.column + line for line in block]
        names = [name for name, _ in keys]
        if field in names:
            at = names.index(field)
            first = keys[at][1]
            edits.append((first, _trim(lines, first, keys[at + 1][1] if at + 1 < len(keys) else end), indented))
        else:
            at = _trim(lines, start, end)
            edits.append((at, at, indented))
    for first, last, new in sorted(edits, reverse=True):
        lines[first:last] = new
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
