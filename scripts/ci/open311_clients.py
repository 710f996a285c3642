#!/usr/bin/env python3
"""Open311 driven by real clients against a running server (scripts/ci/open311.sh starts one):

- PyPI `georeport` (the Python GeoReport v2 client) reads services, a service definition and
  requests, in JSON and in XML (its XML path: xmltodict, then the spec's element names);
- a form-encoded POST as FixMyStreet's Open311 client sends it (Open311.pm: api_key, service_code,
  lat, long, address_string, email, first_name, last_name, phone, description, media_url,
  attribute[code]), then FixMyStreet's update feed (servicerequestupdates.xml);
- every JSON answer validated with PyPI `jsonschema` against the Open311 schema-validation
  project's schemas (Tests/Open311Tests/Resources/schemas), the error lists too.

    open311_clients.py BASE_URL      # a demo server: signs in as admin / demo-admin to issue a key
Exit status 0 when every check holds.
"""
import json
import sys
from pathlib import Path

import requests
import xmltodict
from georeport import GeoReport
from jsonschema import Draft4Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

SCHEMAS = Path(__file__).resolve().parents[2] / "Tests" / "Open311Tests" / "Resources" / "schemas"
JURISDICTION = "cq.yingcai"
failures = []


def check(condition, what):
    print(("ok   " if condition else "FAIL ") + what)
    if not condition:
        failures.append(what)


def registry():
    return Registry().with_resources(
        (p.name, Resource.from_contents(json.loads(p.read_text(encoding="utf-8")), default_specification=DRAFT4))
        for p in SCHEMAS.glob("*.json"))


REGISTRY = registry()


def valid(instance, schema, what):
    if isinstance(schema, str):
        schema = {"$ref": schema}
    errors = list(Draft4Validator(schema, registry=REGISTRY, format_checker=FormatChecker()).iter_errors(instance))
    check(not errors, f"{what} matches {schema.get('$ref', 'its schema')}" + (f": {errors[0].message} at {list(errors[0].path)}" if errors else ""))


# The spec's error response ("errors": code and description), which the schemas do not define.
ERRORS = {"type": "array", "minItems": 1, "items": {"type": "object", "required": ["code", "description"],
                                                    "properties": {"code": {"type": "integer"}, "description": {"type": "string"}}}}


def main():
    base = sys.argv[1].rstrip("/")
    root = base + "/open311/v2"
    token = requests.post(base + "/api/v1/auth/login", json={"username": "admin", "password": "demo-admin"}, timeout=30).json()["token"]
    issued = requests.post(base + "/api/v1/open311/clients", json={"name": "FixMyStreet 重庆 (CI)"},
                           headers={"Authorization": "Bearer " + token}, timeout=30)
    check(issued.status_code == 201, f"an admin issues a key ({issued.status_code})")
    key = issued.json()["apiKey"]

    as_json = GeoReport(root, jurisdiction=JURISDICTION, api_key=key, output_format="json")
    as_xml = GeoReport(root, jurisdiction=JURISDICTION, api_key=key, output_format="xml")

    services = as_json.get_service_list()
    valid(services, "services.json", "georeport: services (JSON)")
    services_xml = as_xml.get_service_list()
    check(len(services_xml) == len(services) == 72, f"georeport: {len(services)} services in JSON, {len(services_xml)} in XML, 72 expected")
    check({s["service_code"] for s in services_xml} == {s["service_code"] for s in services}, "georeport: the same service codes in XML and JSON")

    definition = as_json.get_service_definition("YC-P-021")
    valid(definition, "service-definition.json", "georeport: service definition YC-P-021 (JSON)")
    definition_xml = as_xml.get_service_definition("YC-P-021")
    attributes = definition_xml["attributes"]["attribute"]
    check(attributes[0]["code"] == "district" and attributes[0]["required"] == "true", "georeport: the district is the first, required attribute (XML)")

    # FixMyStreet's POST (form-encoded, XML answer), a district answered, a phone that must not come back.
    phone = "13912340000"
    post = {
        "api_key": key, "jurisdiction_id": JURISDICTION, "service_code": "complaint", "lat": "29.563", "long": "106.551",
        "address_string": "渝中区解放碑", "email": "resident@example.org", "first_name": "小红", "last_name": "李",
        "phone": phone, "description": f"人才公寓电梯停运三天，请尽快维修（电话 {phone}）", "media_url": "https://example.org/lift.jpg",
        "attribute[district]": "500103",
    }
    filed = requests.post(root + "/requests.xml", data=post, timeout=30)
    check(filed.status_code == 201, f"FixMyStreet-style POST requests.xml answers 201 ({filed.status_code}: {filed.text[:200]})")
    receipt = xmltodict.parse(filed.content)["service_requests"]["request"]
    request_id = receipt["service_request_id"]
    check(request_id.isdigit(), f"the receipt names the request {request_id}")

    one = as_json.get_service_request(request_id)
    valid(one, "request.json", "georeport: request (JSON)")
    check(one["status"] == "open" and one["service_code"] == "complaint", "the request reads open, under its service")
    listed = as_json.get_service_requests(service_request_id=request_id)
    valid(listed, "requests.json", "georeport: requests by id (JSON)")
    window = as_json.get_service_requests(status="open")
    valid(window, "requests.json", "georeport: open requests of the last 90 days (JSON)")
    check(any(r["service_request_id"] == request_id for r in window), "the new request is among the open ones")
    one_xml = as_xml.get_service_request(request_id)
    check(one_xml["service_request_id"] == request_id, "georeport: request (XML)")
    for answer in (filed.text, json.dumps(one, ensure_ascii=False), requests.get(root + f"/requests/{request_id}.xml", timeout=30).text):
        check(phone not in answer, "no phone number in what Open311 answers")

    updates = requests.get(root + "/servicerequestupdates.xml", params={"jurisdiction_id": JURISDICTION}, timeout=30)
    feed = xmltodict.parse(updates.content)
    items = feed.get("service_request_updates", {}) or {}
    items = items.get("request_update", []) if isinstance(items, dict) else []
    items = items if isinstance(items, list) else [items]
    check(updates.status_code == 200 and any(u["service_request_id"] == request_id for u in items),
          f"FixMyStreet's update feed lists the request ({len(items)} updates)")

    # The spec's errors, as error lists that match the schema.
    missing_key = requests.post(root + "/requests.json", data={k: v for k, v in post.items() if k != "api_key"}, timeout=30)
    check(missing_key.status_code == 403, f"no api_key: 403 ({missing_key.status_code})")
    valid(missing_key.json(), ERRORS, "the error list for a missing key")
    unknown = requests.post(root + "/requests.json", data={**post, "service_code": "NOPE"}, timeout=30)
    check(unknown.status_code == 404, f"unknown service: 404 ({unknown.status_code})")
    valid(unknown.json(), ERRORS, "the error list for an unknown service")
    no_district = requests.post(root + "/requests.json", data={k: v for k, v in post.items() if k != "attribute[district]"}, timeout=30)
    check(no_district.status_code == 400 and "district" in no_district.text, f"a missing required attribute: 400 ({no_district.status_code})")
    wide = requests.get(root + "/requests.json", params={"start_date": "2026-01-01T00:00:00Z", "end_date": "2026-05-01T00:00:00Z"}, timeout=30)
    check(wide.status_code == 400, f"a window over 90 days: 400 ({wide.status_code})")
    valid(wide.json(), ERRORS, "the error list for a wide window")
    other = requests.get(root + "/services.json", params={"jurisdiction_id": "elsewhere"}, timeout=30)
    check(other.status_code in (400, 404), f"another jurisdiction is refused ({other.status_code})")

    print(f"open311 clients: {'OK' if not failures else f'{len(failures)} FAILED'}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
