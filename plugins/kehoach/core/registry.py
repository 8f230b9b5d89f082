"""Relations inside the agency registry: who belongs to which group.

Pages, feeds, exports and the digest all ask the same question, "whose list
shows this item?", so they share one answer here.
"""

from __future__ import annotations

from collections import defaultdict

from .models import Agency


def name_of(agency_id: str, agencies: dict[str, Agency]) -> str:
    """How a view names an agency: its name in the registry, or the id a plan wrote when it has none."""
    agency = agencies.get(agency_id)
    return agency.name if agency else agency_id


def members(agencies: dict[str, Agency]) -> dict[str, list[str]]:
    """For each registry id, the agencies whose feeds show its items: itself and its members.

    An agency belongs to the groups it lists in `groups`, to their groups, and
    so on; a cycle in the registry is cut rather than followed forever.
    """
    reach: dict[str, set[str]] = defaultdict(set)
    for agency_id in agencies:
        seen, todo = set(), [agency_id]
        while todo:
            current = todo.pop()
            if current in seen or current not in agencies:
                continue
            seen.add(current)
            reach[current].add(agency_id)
            todo.extend(agencies[current].groups)
    return {agency_id: sorted(found) for agency_id, found in reach.items()}


def members_of(agencies: dict[str, Agency]) -> dict[str, list[str]]:
    """Group id -> sorted ids of every agency inside it, through nested groups too."""
    return {group: [a for a in found if a != group]
            for group, found in members(agencies).items() if len(found) > 1}
