"""JSON Schemas generated from the models, for editors and for CI.

The files are committed under `schema/`; a test fails when they are stale, and
`kehoach schema` rewrites them.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from .models import Plan, Registry

SCHEMAS: dict[str, type[BaseModel]] = {"ke-hoach.schema.json": Plan, "co-quan.schema.json": Registry}


def render_schema(model: type[BaseModel]) -> str:
    """The JSON Schema of a model as stable, pretty-printed text."""
    schema = model.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write_schemas(folder: Path) -> list[Path]:
    """Write every schema file into `folder`; return the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, model in SCHEMAS.items():
        path = folder / name
        path.write_text(render_schema(model), encoding="utf-8")
        written.append(path)
    return written
