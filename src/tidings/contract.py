"""The output contract as data: the JSON Schema every document validates against.

``schema()`` is the packaged ``data/document.schema.json``; ``validate(document)`` checks
one document with the ``jsonschema`` package (in the test extra: tidings itself never
needs it), raising its ``ValidationError`` naming the field.
"""
from __future__ import annotations

SCHEMA_FILE = "document.schema.json"


def schema() -> dict:
    from tidings import data

    return data.json_table(SCHEMA_FILE)


def validate(document: dict) -> None:
    import jsonschema

    jsonschema.Draft202012Validator(schema()).validate(document)
