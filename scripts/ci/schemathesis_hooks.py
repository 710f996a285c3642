"""Schemathesis hooks for scripts/ci/schemathesis.sh: the one check that cannot be met as it stands.

`positive_data_acceptance` wants every request that the OpenAPI document allows to be accepted. Some
rules of the API cannot be written as JSON Schema at all: whether a referenced record exists (a
talent, an organisation, an upload, a butler), a check character (GB 11643), a date relative to
today or to another field, what an {action} needs, the contents of a CSV or a signed key file. For
the operations below, schemathesis.sh turns the built-in check off and this one takes its place: the
same expectations (2xx, 3xx, 401, 403, 404, 409, 429; 5xx is not_a_server_error's), except that a
422 passes when every field it names is one listed here for that operation, with the reason. A 400,
or a 422 naming any other field, still fails: those are rules the document can and must state.
"""
import json
import re

import schemathesis

# operation -> {field pattern (regular expression, whole field): why no schema can state the rule}
ONLY_THE_SERVER_CAN_JUDGE = {
    "POST /api/v1/talents": {
        r"idNumber": "GB 11643: a valid birth date and the ISO 7064 MOD 11-2 check character",
        r"nationality": "required only when idType is passport",
        r"arrivalDate": "not after today",
        r"districtCode": "within the signed-in user's area",
    },
    "PATCH /api/v1/talents/{id}": {
        r"idNumber": "GB 11643 check character; a masked number (as GET answers it) is refused",
        r"phone": "a masked number (as GET answers it) is refused",
        r"nationality": "required only when idType is passport",
        r"arrivalDate": "not after today",
        r"districtCode": "within the signed-in user's area",
    },
    "POST /api/v1/talents/{id}/certifications": {r"validUntil": "not before today nor before validFrom"},
    "POST /api/v1/talents/{id}/butler": {r"butler": "an existing user with the butler role"},
    "POST /api/v1/talents/{id}/card/{action}": {r"reason": "required by suspend and revoke only"},
    "POST /api/v1/work-orders": {
        r"talentId": "an existing talent the user may see",
        r"channel": "the channels the service item offers, and web/wechat for talents themselves",
        r"serviceItemCode": "the talent's tier must be eligible; only category service names an item",
        r"contact\.name": "required only when no talentId is given",
        r"districtCode": "required only when no talentId is given (a talent's order is in the talent's district)",
        r"form(\..*)?": "the form the service item defines",
        r"materials(\..*)?": "the materials the item requires, as uploads that exist and are unused",
    },
    "POST /api/v1/work-orders/{id}/{action}": {
        r".*": "what each action needs (leadOrg, score, workdays, intoId, reason…) depends on {action} "
               "and on the order's state; organisations and the order merged into must exist",
    },
    "POST /api/v1/payouts/{id}/{action}": {r"reason|paymentReference": "required by decline and pay only"},
    "POST /api/v1/users": {r"orgCode": "an existing organisation within the admin's area"},
    "POST /api/v1/orgs": {
        r"parentCode": "an existing organisation",
        r"kind": "which kinds a parent may hold",
        r"code": "a department's code is <parent>:<DEPT>",
    },
    "POST /api/v1/policies": {
        r"department": "an existing department",
        r"effectiveUntil": "not before effectiveFrom",
    },
    "POST /api/v1/policies/{code}/versions": {
        r"department": "an existing department",
        r"effectiveUntil": "not before effectiveFrom",
        r"source": "the rule must parse and type-check (check, publish)",
    },
    "PUT /api/v1/codes/partners": {
        r"partners(\[\d+\])?\.keys": "a valid Ed25519 JWK set",
        r"partners(\[\d+\])?\.revocations": "a revocation list signed by that city",
        r"partners(\[\d+\])?\.cityCode": "unique in the file and not this city",
        r"partners": "the file as a whole",
    },
    "POST /api/v1/calendar/years": {r"line \d+|year": "the CSV's rows (date,kind,name) for one year"},
    "GET /api/v1/metrics/work-orders": {
        r"org": "an existing organisation the user may see",
        r"from": "not after to",
    },
    "PATCH /api/v1/service-items/{code}": {
        r"commitWorkdays": "at most the item's statutory limit, which may be stored",
        r"channels": "the channels offered for the item's kind",
        r"form": "unique field keys",
    },
    "POST /api/v1/policies/{code}/check": {r"source": "the stored draft must parse and type-check"},
    "POST /api/v1/policies/{code}/dry-run": {r"source": "the stored draft must parse and type-check"},
    "POST /api/v1/uploads": {r"file": "its content must be a PDF, JPEG or PNG (checked by its bytes)"},
    "POST /api/v1/programme/calls": {r"dates": "open, close, review and notice in that order", r"specials.*": "eligibility must parse"},
    "PATCH /api/v1/programme/calls/{year}": {r"dates": "open, close, review and notice in that order", r"specials.*": "eligibility must parse"},
    "POST /api/v1/programme/calls/{year}/applications": {
        r"special": "the call must run the special", r"eligibility": "the applicant must meet the special's rule",
        r"teamMembers": "registered talents matching name and ID number; only the team special",
        r"materials(\..*)?": "the special's materials, as uploads that exist and are unused", r"exclusions": "reviewers of the pool",
    },
    "POST /api/v1/programme/calls/{year}/ties": {r"selected|special": "the applications tied at the quota line"},
    "POST /api/v1/programme/notice/objections": {r"applicationId|year": "an application on the notice now"},
    "PUT /api/v1/programme/reviewers/{username}": {r"username": "a user with the reviewer role", r"talentId": "an existing talent",
                                                   r"field": "only the office sets field and cap"},
    "POST /api/v1/programme/applications/{id}/scores": {r"scores(\..*)?": "the criteria of the special's rubric, each within its maximum"},
    "POST /api/v1/programme/applications/{id}/{action}": {r".*": "what each action needs depends on the action and the state"},
    "POST /api/v1/programme/projects/{id}/{action}": {r".*": "what each action needs depends on the action and the project"},
    # An opaque cursor: any string is well formed, only the server knows whether it decodes.
    "GET /api/v1/talents": {r"cursor": "opaque"},
    "GET /api/v1/exports/talents.csv": {r"cursor": "opaque"},
    "GET /api/v1/work-orders": {r"cursor": "opaque"},
    "GET /api/v1/workbench/{tab}": {r"cursor": "opaque"},
    "GET /api/v1/users": {r"cursor": "opaque"},
    "GET /api/v1/payouts": {r"cursor": "opaque"},
    "GET /api/v1/me/notifications": {r"cursor": "opaque"},
    "GET /api/v1/programme/applications": {r"cursor": "opaque"},
    "GET /api/v1/programme/reviewers": {r"cursor": "opaque"},
    "GET /api/v1/programme/projects": {r"cursor": "opaque"},
    "GET /api/v1/me/verifications": {r"cursor": "opaque"},
    "GET /api/v1/talents/{id}/verifications": {r"cursor": "opaque"},
    "GET /api/v1/sign-in/throttled": {r"cursor": "opaque"},
    "GET /api/v1/calls": {r"cursor": "opaque", r"to": "not before from"},
    "GET /api/v1/calls/figures": {r"to": "not before from"},
    "GET /api/v1/kb/articles": {r"cursor": "opaque"},
    "GET /api/v1/kb/gaps": {r"cursor": "opaque"},
    "POST /api/v1/calls": {
        r"line": "a line answered at the dispatcher's desk",
        r"callerPhone": "a mainland mobile, a landline with its area code (10 digits or more) or +international",
        r"startedAt": "within the last 31 days and not in the future",
        r"districtCode": "a district, county or zone",
    },
    "POST /api/v1/calls/{id}/order": {
        r"(order\.)?(talentId|channel|serviceItemCode|contact\.name|districtCode|category|title|content|form(\..*)?|materials(\..*)?)":
            "the order's fields, judged as POST /api/v1/work-orders judges them (title and content default to the caller's question)",
    },
    "POST /api/v1/kb/articles": {
        r"orgCode": "an existing department; only a city admin issues for another than their own",
        r"items": "catalog items that exist",
        r"scope": "a district's department writes for its own district",
        r"expiresOn": "not before effectiveOn",
        r"title": "unique among the articles",
    },
    "PUT /api/v1/kb/articles/{id}": {
        r"items": "catalog items that exist",
        r"scope": "a district's department writes for its own district",
        r"expiresOn": "not before effectiveOn",
        r"title": "unique among the articles",
    },
    "PUT /api/v1/hotline/lines/{code}": {r"orgCode": "an existing organisation"},
    "POST /api/v1/open311/clients": {r"name": "unique among the clients"},
}

# Open311 answers its own rules with the spec's error list (400, or 404 for a jurisdiction_id that is
# not this deployment's and for what does not exist), never with problem details: a location given
# one of the three ways, a service that exists and its required attributes, an api_key the city issued
# (403), a window of at most 90 days that does not end before it starts, a page within what exists.
OPEN311_RULES = {
    f"{method} /open311/v2/{name}.{fmt}": "GeoReport v2's own rules"
    for fmt in ("xml", "json")
    for method, name in (("GET", "requests"), ("POST", "requests"), ("GET", "servicerequestupdates"), ("GET", "services"), ("GET", "discovery"))
}
OPEN311_RULES.update({f"GET /open311/v2/{path}": "GeoReport v2's own rules" for path in ("services/{serviceCode}", "requests/{serviceRequestId}", "tokens/{token}")})
for _label in OPEN311_RULES:
    ONLY_THE_SERVER_CAN_JUDGE[_label] = {r".*": "GeoReport v2's own rules, answered with its error list"}

_PATTERNS = {op: re.compile("|".join(f"(?:{p})" for p in fields)) for op, fields in ONLY_THE_SERVER_CAN_JUDGE.items()}


def _is_accepted(status):
    return 200 <= status < 400 or status in (401, 403, 404, 409, 429) or status >= 500


@schemathesis.check
def positive_data_acceptance_beyond_schema(ctx, response, case):
    """positive_data_acceptance for the operations above: a 422 may only name the fields listed there."""
    pattern = _PATTERNS.get(case.operation.label)
    meta = case.meta
    if pattern is None or meta is None or not meta.generation.mode.is_positive:
        return None
    if case.method.upper() != case.operation.method.upper():
        return None  # a probe with another method (unsupported_method's business)
    status = response.status_code
    if _is_accepted(status):
        return None
    if case.operation.label in OPEN311_RULES and status in (400, 404):
        # The spec's error list, in the format asked for.
        text = response.content.decode("utf-8", "replace")
        if text.lstrip().startswith("<?xml") and "<errors>" in text:
            return None
        try:
            body = json.loads(text)
            if isinstance(body, list) and body and all("code" in e and "description" in e for e in body):
                return None
        except Exception:
            pass
    fields = []
    if status == 422:
        try:
            fields = [e.get("field", "") for e in (json.loads(response.content).get("errors") or [])]
        except Exception:
            fields = []
        # A key sent again with another body: the idempotency rule, which no schema can state.
        if fields and all(f == "Idempotency-Key" or pattern.fullmatch(f) for f in fields):
            return None
    raise AssertionError(
        f"Valid data should have been accepted: {status} for {case.operation.label}"
        + (f" naming {', '.join(f for f in fields if not pattern.fullmatch(f))}, which the OpenAPI document can describe"
           if fields else "")
    )
