"""Group membership is transitive and shared by pages, feeds and exports."""

from __future__ import annotations

from kehoach.core.models import Agency
from kehoach.core.registry import members, members_of


def _agency(agency_id: str, *groups: str) -> Agency:
    return Agency(id=agency_id, name=agency_id, kind="group" if "nhom" in agency_id else "department",
                  groups=list(groups))


def test_members_of_follows_nested_groups():
    agencies = {a.id: a for a in (
        _agency("t/nhom-lon"),
        _agency("t/nhom-nho", "t/nhom-lon"),
        _agency("t/so-a", "t/nhom-nho"),
        _agency("t/so-b", "t/nhom-lon"),
        _agency("t/so-c"),
    )}
    assert members_of(agencies) == {
        "t/nhom-lon": ["t/nhom-nho", "t/so-a", "t/so-b"],
        "t/nhom-nho": ["t/so-a"],
    }
    assert members(agencies)["t/so-c"] == ["t/so-c"]


def test_a_cycle_in_the_registry_is_cut():
    agencies = {a.id: a for a in (_agency("t/nhom-a", "t/nhom-b"), _agency("t/nhom-b", "t/nhom-a"))}
    assert members_of(agencies) == {"t/nhom-a": ["t/nhom-b"], "t/nhom-b": ["t/nhom-a"]}
