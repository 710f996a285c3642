#!/usr/bin/env python3
"""Validates JSON written by the Swift Open311 tests against the Open311 JSON schemas, with the
PyPI `jsonschema` package (Draft 4, the schemas' dialect), and reads the XML written by the tests
the way the Python `georeport` client does (xmltodict, then the spec's element path).

    python3 check_schemas.py SCHEMA_DIR CASES.json

CASES.json: {"cases": [{"name", "schema": "services.json" | {inline schema, may $ref
"swagger.json#/definitions/..."}, "instance": ..., "expect_valid": bool, "needs_format": null |
"date-time"}], "xml_reads": [{"name", "xml", "path": ["services", "service"], "expect_count": n}]}

A case with "expect_valid": false is a negative control: it proves the validator really rejects.
Exit status 0 when every expectation holds; 2 when jsonschema is not installed.
"""
import json
import os
import sys
from importlib.metadata import version

try:
    from jsonschema import Draft4Validator, FormatChecker
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT4
except ImportError as error:
    print(f"jsonschema not available: {error}")
    sys.exit(2)


def registry(schema_dir):
    resources = []
    for name in sorted(os.listdir(schema_dir)):
        if name.endswith(".json"):
            with open(os.path.join(schema_dir, name), encoding="utf-8") as f:
                resources.append((name, Resource.from_contents(json.load(f), default_specification=DRAFT4)))
    return Registry().with_resources(resources)


def active_formats(checker):
    """The formats this installation can really check (some need optional packages)."""
    probes = {"date-time": "not a date", "uri": "not a uri"}
    return {name for name, bad in probes.items() if name in checker.checkers and not checker.conforms(bad, name)}


def main():
    schema_dir, cases_file = sys.argv[1], sys.argv[2]
    with open(cases_file, encoding="utf-8") as f:
        spec = json.load(f)
    reg = registry(schema_dir)
    checker = FormatChecker()
    formats = active_formats(checker)
    print(f"jsonschema {version('jsonschema')}; formats checked: {sorted(formats)} (others pass unchecked)")
    failed = passed = skipped = 0
    for case in spec.get("cases", []):
        if case.get("needs_format") and case["needs_format"] not in formats:
            skipped += 1
            print(f"SKIP {case['name']}: format {case['needs_format']} not checkable here")
            continue
        schema = case["schema"]
        if isinstance(schema, str):
            schema = {"$ref": schema}
        validator = Draft4Validator(schema, registry=reg, format_checker=checker)
        errors = sorted(validator.iter_errors(case["instance"]), key=lambda e: list(e.path))
        ok = (not errors) == case["expect_valid"]
        if ok:
            passed += 1
        else:
            failed += 1
            detail = "; ".join(f"{list(e.path)}: {e.message}" for e in errors[:5]) or "no error found"
            print(f"FAIL {case['name']}: expected {'valid' if case['expect_valid'] else 'invalid'}: {detail}")
    try:
        import xmltodict
    except ImportError:
        xmltodict = None
    for read in spec.get("xml_reads", []):
        if xmltodict is None:
            skipped += 1
            continue
        try:
            node = xmltodict.parse(read["xml"])
            for step in read["path"]:
                node = node[step]
            count = len(node) if isinstance(node, list) else 1
            if count != read["expect_count"]:
                raise ValueError(f"found {count} items")
            passed += 1
        except Exception as error:
            failed += 1
            print(f"FAIL {read['name']}: georeport-style read of {'/'.join(read['path'])}: {type(error).__name__}: {error}")
    print(f"schema checks: {passed} passed, {failed} failed, {skipped} skipped")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
