#!/usr/bin/env python3
"""Independent test vectors for @didit-kit/core's webhook signatures.

Computed with Python's standard library only (hmac, hashlib, json), the way Didit's servers
compute them, so the TypeScript signer and verifier are checked against another implementation:
v1 bodies, v3 envelopes of every event type (non-ASCII names, whole-valued floats, decisions),
a rotation (two secrets, `-previous` headers) and the WordPress plugin's golden fixture.
Run from this folder:  python3 make_vectors.py   (writes webhook-vectors.json; commit both).
The TypeScript tests read the JSON file; they never run this script.
"""
import hashlib
import hmac
import json
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
EXAMPLES = os.path.join(HERE, "..", "..", "spec", "examples", "v1")
SECRET = "whsec_test_8f2b1c9d4e7a6f30"
TIMESTAMP = 1735689600  # 2025-01-01T00:00:00Z


def hex_hmac(secret: str, data: bytes) -> str:
    return hmac.new(secret.encode("utf-8"), data, hashlib.sha256).hexdigest()


def whole_floats_to_int(value):
    """Didit's V2 rule: recursively turn floats with a whole value into ints."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {k: whole_floats_to_int(v) for k, v in value.items()}
    if isinstance(value, list):
        return [whole_floats_to_int(v) for v in value]
    return value


def canonical_v2(raw: str) -> str:
    data = whole_floats_to_int(json.loads(raw))
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def wire(value) -> str:
    """Didit's raw body: sorted keys, compact separators, \\uXXXX escapes for non-ASCII."""
    return json.dumps(whole_floats_to_int(value), sort_keys=True, separators=(",", ":"), ensure_ascii=True)


def simple_input(raw: str):
    """Didit's X-Signature-Simple string: the body's own timestamp, session_id, status and
    webhook_type, each written with str() ("" when absent); not the X-Timestamp header."""
    data = json.loads(raw)
    if not isinstance(data, dict):
        return None
    parts = [data.get("timestamp", ""), data.get("session_id", ""), data.get("status", ""), data.get("webhook_type", "")]
    if any(isinstance(p, (dict, list)) for p in parts):
        return None  # str() of a container is a Python repr: not reproduced by the TypeScript side
    return ":".join(str(p) for p in parts)


def vector(name: str, raw: str, note: str, secret: str = SECRET, timestamp: int = TIMESTAMP, js_wire: bool = False,
           previous_secret=None, expect=None):
    ts = str(timestamp)
    v2_text = canonical_v2(raw)
    simple = simple_input(raw)

    def signatures(key: str, suffix: str) -> dict:
        return {
            "x-signature" + suffix: hex_hmac(key, raw.encode("utf-8")),
            "x-signature-v2" + suffix: hex_hmac(key, v2_text.encode("utf-8")),
            "x-signature-simple" + suffix: hex_hmac(key, simple.encode("utf-8")) if simple is not None else None,
        }

    headers = {"x-timestamp": ts, **signatures(secret, "")}
    if previous_secret is not None:
        headers.update(signatures(previous_secret, "-previous"))
    out = {
        "name": name,
        "note": note,
        "secret": secret,
        "body": raw,
        "headers": headers,
        "canonical_v2": v2_text,
        "simple_input": simple,
    }
    if previous_secret is not None:
        out["previous_secret"] = previous_secret
    if expect is not None:
        out["expect"] = expect
    # Where JavaScript's JSON.parse keeps every value (no int beyond 2^53, no overflow),
    # serializeWebhookPayload(JSON.parse(body)) must give Didit's wire form exactly.
    if js_wire:
        out["wire"] = wire(json.loads(raw))
    return out


def load_example(name: str) -> str:
    with open(os.path.join(EXAMPLES, name), encoding="utf-8") as f:
        return f.read()


def big_decision(base: dict) -> dict:
    rng = random.Random(20250101)
    decision = json.loads(json.dumps(base))
    hit = decision["aml"]["hits"][0]
    names = ["Козлов", "Müller", "Ødegård", "José", "Nguyễn", "王伟", "محمد", "Ελένη", "Łukasz", "Zoë"]
    hits = []
    for i in range(50):
        h = json.loads(json.dumps(hit))
        h["id"] = f"hit-{i:04d}"
        h["score"] = rng.random()
        h["caption"] = f"{rng.choice(names)} {rng.choice(names)} {i}"
        h["features"] = {f"f{j}": rng.random() * 10 ** rng.randint(-8, 3) for j in range(4)}
        h["properties"]["alias"] = [rng.choice(names) for _ in range(3)]
        hits.append(h)
    decision["aml"]["hits"] = hits
    decision["aml"]["total_hits"] = len(hits)
    decision["aml"]["score"] = 97.0
    decision["face"]["face_match_similarity"] = 100.0
    decision["warnings"] = decision["warnings"] * 20
    return decision


def main():
    declined = load_example("webhook.declined-with-decision.json")
    expired = load_example("webhook.kyc-expired.json")
    declined_obj = json.loads(declined)
    declined_obj["webhook_type"] = "status.updated"

    vectors = []
    vectors.append(vector("example declined, file as is", declined, "pretty-printed, no webhook_type: no simple signature"))
    vectors.append(vector("example kyc expired, file as is", expired, "no decision, no webhook_type"))
    vectors.append(vector("example declined, Didit wire form", wire(declined_obj),
                          "sorted keys, compact, \\uXXXX escapes for the Cyrillic alias", js_wire=True))
    vectors.append(vector("example declined, re-serialised by a JS framework",
                          json.dumps(declined_obj, ensure_ascii=False, separators=(",", ":")),
                          "insertion order, raw UTF-8: X-Signature of the wire form would fail, V2 holds"))

    unicode_payload = {
        "session_id": "0b5c6a1e-9d2f-4c3b-8a7e-1f2d3c4b5a69",
        "status": "Approved",
        "webhook_type": "status.updated",
        "created_at": TIMESTAMP - 60,
        "timestamp": TIMESTAMP,
        "vendor_data": "user-ünïcødé-😀",
        "decision": {
            "session_id": "0b5c6a1e-9d2f-4c3b-8a7e-1f2d3c4b5a69",
            "status": "Approved",
            "kyc": {"status": "Approved", "first_name": "Zoë", "last_name": "Ødegård-Nguyễn", "full_name": "Zoë Ødegård-Nguyễn",
                    "place_of_birth": "東京", "address": "ул. Ленина 1, \"кв\" 2\\3\n\t\u0001\u007f\u2028"},
        },
        "ﬀ": "U+FB00 sorts before the astral key in code point order",
        "😀": "astral key (a surrogate pair in UTF-16)",
        "é": 1,
        "z": 2,
    }
    vectors.append(vector("unicode, Didit wire form", wire(unicode_payload),
                          "names in several scripts, an astral key, control characters, DEL, U+2028", js_wire=True))
    vectors.append(vector("unicode, raw UTF-8 body", json.dumps(unicode_payload, ensure_ascii=False),
                          "default Python separators (with spaces), insertion order"))

    floats_raw = (
        '{"session_id":"11111111-2222-3333-4444-555555555555","status":"In Review","webhook_type":"status.updated",'
        '"created_at":1735689000,"timestamp":1735689600.0,"vendor_data":null,"n":{'
        '"whole_float":97.0,"int":97,"neg_zero_float":-0.0,"neg_zero_int":-0,"small":1e-05,"small2":0.00009,'
        '"edge":0.0001,"tiny":1.5e-07,"denormal":5e-324,"point_three":0.30000000000000004,"upper_e":1E2,'
        '"e_plus":2.5e+3,"big_whole_float":1e16,"bigger_whole_float":1e22,"huge_whole":1.7976931348623157e308,'
        '"big_int":12345678901234567890,"neg_big_int":-98765432109876543210,"overflow":1e400,'
        '"precise":0.7034920634920635,"mid":123456789.123,"fraction_big":4503599627370495.5,"pi":3.141592653589793,'
        '"neg_small":-2.5e-06,"list":[1.0,2.50,-3.0e0,0.1]}}'
    )
    vectors.append(vector("tricky numbers", floats_raw,
                          "whole floats to ints, Python float repr (1e-05), ints beyond 2^53, 1e400 (inf in Python)"))
    vectors.append(vector("whole floats in the wire form", wire({"session_id": "11111111-2222-3333-4444-555555555555",
                          "status": "Approved", "webhook_type": "status.updated", "created_at": 1, "timestamp": TIMESTAMP,
                          "vendor_data": "a", "score": 97.0, "similarity": 100.0, "small": 1e-05, "tiny": 1.5e-07,
                          "big": 1e22}), "Python writes 97.0 as 97 after the V2 rule; 1e22 as all its digits",
                          js_wire=True))

    nested_a = '{"z":{"b":1,"a":{"y":[{"d":1,"c":2}],"x":null}},"session_id":"11111111-2222-3333-4444-555555555555","status":"Declined","webhook_type":"status.updated","timestamp":1735689600,"created_at":1735689600,"vendor_data":"v","A":true,"_":false,"aa":"","a":[]}'
    nested_b = '{ "vendor_data" : "v", "a" : [ ], "aa":"", "_":false, "A":true, "created_at":1735689600, "timestamp":1735689600, "webhook_type":"status.updated", "status":"Declined", "session_id":"11111111-2222-3333-4444-555555555555", "z":{"a":{"x":null,"y":[{"c":2,"d":1}]},"b":1} }'
    vectors.append(vector("nested key order A", nested_a, "same value as B, different key order and whitespace"))
    vectors.append(vector("nested key order B", nested_b, "same V2 signature as A, different X-Signature"))

    big = {"session_id": "11111111-2222-3333-4444-555555555555", "status": "Declined", "webhook_type": "status.updated",
           "created_at": TIMESTAMP - 3600, "timestamp": TIMESTAMP, "vendor_data": "user-42",
           "decision": big_decision(declined_obj["decision"])}
    vectors.append(vector("big decision, Didit wire form", wire(big), "50 AML hits, many floats, several scripts",
                          js_wire=True))

    vectors.append(vector("other secret and timestamp", wire(unicode_payload),
                          "a secret with non-ASCII characters", secret="sécret-🔑-" + "x" * 80, timestamp=1700000000,
                          js_wire=True))

    vectors.extend(v3_vectors())
    vectors.extend(wp_golden_vectors())

    out = {
        "generator": "packages/core/test/vectors/make_vectors.py (Python standard library: hmac, hashlib, json)",
        "vectors": vectors,
    }
    with open(os.path.join(HERE, "webhook-vectors.json"), "w", encoding="utf-8") as f:
        json.dump(out, f, indent=2, ensure_ascii=True)
        f.write("\n")
    print(f"wrote {len(vectors)} vectors")


V3_TIMESTAMP = 1767225600  # 2026-01-01T00:00:00Z


def v3_envelope(webhook_type: str, **fields) -> dict:
    payload = {
        "event_id": "7f3c2a10-5b6d-4e8f-9a0b-1c2d3e4f5a6b",
        "webhook_type": webhook_type,
        "timestamp": V3_TIMESTAMP,
        "created_at": V3_TIMESTAMP - 6,
        "application_id": "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
        "environment": "sandbox",
    }
    payload.update(fields)
    return payload


def v3_decision(session_id: str, **extra) -> dict:
    decision = {
        "session_id": session_id,
        "session_kind": "user",
        "session_number": 1234,
        "status": "Approved",
        "environment": "sandbox",
        "workflow_id": "5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b",
        "features": ["ID_VERIFICATION", "LIVENESS", "FACE_MATCH"],
        "vendor_data": "user-Zo\u00eb",
        "metadata": {"plan": "pro"},
        "id_verifications": [{
            "node_id": "feature_ocr_1", "status": "Approved", "document_type": "Passport",
            "first_name": "Jos\u00e9", "last_name": "M\u00fcller-\u00dcnl\u00fc", "full_name": "Jos\u00e9 M\u00fcller-\u00dcnl\u00fc",
            "place_of_birth": "\u5317\u4eac", "nationality": "ESP", "issuing_state": "ESP", "warnings": [],
            "address": "\u0443\u043b. \u041b\u0435\u043d\u0438\u043d\u0430 1 \U0001F600",
        }],
        "liveness_checks": [{"node_id": "feature_liveness_1", "status": "Approved", "method": "PASSIVE", "score": 95.0,
                             "warnings": []}],
        "face_matches": [{"node_id": "feature_face_1", "status": "Approved", "score": 100.0, "warnings": []}],
        "aml_screenings": None,
        "reviews": [],
        "created_at": "2026-01-01T00:00:00.000000Z",
    }
    decision.update(extra)
    return decision


def v3_vectors() -> list:
    sid = "3b9d6f1e-2a4c-4e8b-9d7f-6a5c4b3e2d1f"
    approved = v3_envelope(
        "status.updated", session_id=sid, status="Approved", workflow_id="5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b",
        workflow_version=3.0, vendor_data="user-Zo\u00eb", metadata={"\u540d\u524d": "Jos\u00e9", "score": 97.0},
        decision=v3_decision(sid),
    )
    kyb = v3_envelope(
        "data.updated", session_id=sid, status="In Review", session_kind="business",
        business_session_id="9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d", vendor_data="acme-\u00c5ngstr\u00f6m AB",
        decision=v3_decision(sid, session_kind="business", status="In Review", id_verifications=None,
                             liveness_checks=None, face_matches=None,
                             registry_checks=[{"node_id": "feature_kyb_registry_1", "status": "In Review",
                                               "company": {"name": "\u00c5ngstr\u00f6m AB", "capital": 50000.0}}]),
    )
    out = [
        vector("v3 status.updated with a v3 decision, Didit wire form", wire(approved),
               "event_id envelope; names in Latin, Han, Cyrillic, an astral emoji (\\uXXXX in the raw body, "
               "raw in V2); whole floats 95.0, 100.0, 97.0, 3.0 written as ints", timestamp=V3_TIMESTAMP,
               js_wire=True, expect={"variant": "status.updated", "decision": "v3"}),
        vector("v3 status.updated, re-serialised with raw UTF-8 and spaces",
               json.dumps(approved, ensure_ascii=False), "insertion order and default separators: only V2 and "
               "Simple hold", timestamp=V3_TIMESTAMP, expect={"variant": "status.updated", "decision": "v3"}),
        vector("v3 data.updated, KYB decision", wire(kyb), "session_kind business, registry_checks, a whole float "
               "in a company object", timestamp=V3_TIMESTAMP, js_wire=True,
               expect={"variant": "data.updated", "decision": "v3"}),
        vector("v3 status.updated with a v1-shaped decision", wire(v3_envelope(
            "status.updated", session_id=sid, status="Declined",
            decision={"session_id": sid, "status": "Declined", "kyc": {"status": "Declined", "first_name": "Zo\u00eb"}})),
            "a v3 envelope cannot carry a v1 decision: kept as unparsed_decision, not refused",
            timestamp=V3_TIMESTAMP, js_wire=True, expect={"variant": "status.updated", "decision": "unparsed"}),
    ]
    for webhook_type, extra in [
        ("user.status.updated", {"vendor_data": "user-\u00d8deg\u00e5rd", "status": "ACTIVE"}),
        ("user.data.updated", {"vendor_data": "user-1", "changes": {"full_name": "\u738b\u4f1f"}}),
        ("business.status.updated", {"vendor_data": "acme", "status": "FLAGGED"}),
        ("business.data.updated", {"vendor_data": "acme", "risk_score": 12.0}),
        ("activity.created", {"vendor_data": "user-1", "activity": {"type": "NOTE", "text": "\u00a1hola!"}}),
        ("transaction.created", {"txn_id": "txn-\u20ac-1", "status": "APPROVED", "amount": "1500.00", "score": 0.0}),
        ("transaction.status.updated", {"txn_id": "txn-1", "status": "IN_REVIEW", "severity": "HIGH"}),
        ("travel_rule.status.updated", {"transfer_id": "tr-1", "status": "AWAITING_COUNTERPARTY"}),
        ("kyc.future_event", {"session_id": sid, "status": "Approved"}),
    ]:
        out.append(vector(f"v3 {webhook_type}", wire(v3_envelope(webhook_type, **extra)),
                          "an event without a session" if webhook_type != "kyc.future_event"
                          else "a webhook_type this SDK does not know: parsed as the open variant",
                          timestamp=V3_TIMESTAMP, js_wire=True,
                          expect={"variant": webhook_type if webhook_type != "kyc.future_event" else "unknown",
                                  "decision": None}))
    rotated = v3_envelope("status.updated", session_id=sid, status="Declined", vendor_data="\u00e9l\u00e8ve",
                          decision=v3_decision(sid, status="Declined"))
    out.append(vector("rotation: current and previous secret", wire(rotated),
                      "for 24 h after a rotation Didit also sends X-Signature-Previous, X-Signature-V2-Previous "
                      "and a Simple twin, signed with the old secret", secret="whsec_rotated_new_6c1e9b2f40d8",
                      previous_secret="whsec_rotated_old_3a7d5e0c19b4", timestamp=V3_TIMESTAMP, js_wire=True,
                      expect={"variant": "status.updated", "decision": "v3"}))
    return out


# The wp golden fixture (the contract's section 4.2): Didit's server signing, the same eight cases.
WP_SECRET = "wh_test_secret_9f2c4b8e1a7d"
WP_TIMESTAMP = 1774970000
WP_SESSION = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"
WP_DECLINED = {  # the contract's values for the "declined" case
    "raw": "1b132d6284727cc34cb259add34355e547fe103c65475a8d6286462edf909b63",
    "simple": "ea157dba351b4c0f93fdaacd85059d494fd7696b3993c7a6707c2593d0fb4c74",
}


def wp_envelope(**extra) -> dict:
    payload = {
        "event_id": "9c0c8b8a-1111-4222-9333-444444444444", "webhook_type": "status.updated", "timestamp": WP_TIMESTAMP,
        "created_at": WP_TIMESTAMP - 6, "application_id": "11111111-2222-3333-4444-555555555555",
        "environment": "live", "session_id": WP_SESSION, "status": "Approved",
        "workflow_id": "22222222-3333-4444-5555-666666666666", "workflow_version": 4, "vendor_data": "wp-42",
    }
    payload.update(extra)
    return payload


def wp_golden_vectors() -> list:
    def decision(**fields):
        return {"session_id": WP_SESSION, "status": "Approved", **fields}

    cases = {
        "basic_approved": wp_envelope(metadata={"wp_user_id": 42}, decision=decision(
            id_verifications=[{"node_id": "id_verification_1", "status": "Approved", "warnings": []}], reviews=[])),
        "unicode_names": wp_envelope(decision=decision(id_verifications=[{
            "node_id": "id_verification_1", "first_name": "Jos\u00e9", "last_name": "M\u00fcller-\u00dcnl\u00fc",
            "place_of_birth": "\u5317\u4eac", "status": "Approved"}])),
        "empty_objects": wp_envelope(metadata={}, decision=decision(risk_view={
            "countries": {"risk_scores": {}}, "crimes": {"risk_scores": {}}, "custom_list": {}}, reviews=[])),
        "slashes_in_urls": wp_envelope(decision=decision(id_verifications=[{
            "node_id": "id_verification_1", "front_image": "https://media.didit.me/sessions/abc/front.jpg?sig=a/b+c"}])),
        "float_scores": wp_envelope(decision=decision(
            liveness_checks=[{"node_id": "liveness_1", "score": 95.4, "threshold": 100.0}],
            face_matches=[{"node_id": "face_match_1", "score": 96.15, "threshold": 0.0}])),
        "numeric_like_keys": wp_envelope(metadata={"9": "nine", "10": "ten", "2": "two", "wp_user_id": 42}),
        "mixed_types": wp_envelope(decision=decision(reviews=[], warnings=[{"risk": "b"}, {"risk": "a"}],
                                                     expiration_date=None, is_sandbox=False, nfc_available=True)),
        "declined": wp_envelope(status="Declined", metadata={"wp_user_id": 42}),
    }
    out = []
    for name, payload in cases.items():
        # Didit's server: the raw body and X-Signature from ensure_ascii=True, V2 from ensure_ascii=False,
        # Simple from the payload itself.
        v = vector(f"wp golden: {name}", wire(payload), "the WordPress plugin's fixture, Didit's server code",
                   secret=WP_SECRET, timestamp=WP_TIMESTAMP, js_wire=True,
                   expect={"variant": "status.updated", "decision": "v3" if "decision" in payload else None})
        out.append(v)
    declined = out[-1]["headers"]
    assert declined["x-signature"] == WP_DECLINED["raw"] == declined["x-signature-v2"], "wp golden raw/V2"
    assert declined["x-signature-simple"] == WP_DECLINED["simple"], "wp golden simple"
    return out


if __name__ == "__main__":
    main()
