"""Each page type has no serious or critical axe-core violation; its screenshot is kept for review."""

from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.browser

PAGE_TYPES = ["home", "year", "plan", "agency", "agencies", "guide"]
BLOCKING = ("serious", "critical")
RUN_AXE = "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"


def describe(violations: list[dict]) -> str:
    """One block per violation: rule, impact, help and the first few offending elements."""
    blocks = []
    for violation in violations:
        nodes = [
            f"    {json.dumps(node['target'], ensure_ascii=False)}  {node['html'][:160]}"
            for node in violation["nodes"][:5]
        ]
        more = len(violation["nodes"]) - len(nodes)
        blocks.append(
            f"[{violation['impact']}] {violation['id']}: {violation['help']} ({violation['helpUrl']})\n"
            + "\n".join(nodes)
            + (f"\n    … and {more} more" if more > 0 else "")
        )
    return "\n".join(blocks)


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_page_type_has_no_serious_accessibility_violation(page, kind, page_paths, axe_script, screenshots):
    response = page.goto(page_paths[kind])
    assert response is not None and response.ok, f"{page_paths[kind]}: HTTP {response and response.status}"
    page.wait_for_load_state("networkidle")
    page.screenshot(path=str(screenshots / f"{kind}.png"), full_page=True)
    page.add_script_tag(path=str(axe_script))
    violations = [item for item in page.evaluate(RUN_AXE) if item["impact"] in BLOCKING]
    assert not violations, f"{kind} page {page_paths[kind]}:\n{describe(violations)}"
