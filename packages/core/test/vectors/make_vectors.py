#!/usr/bin/env python3
"""Independent test vectors for @didit-kit/core's webhook signatures.

Computed with Python's standard library only (hmac, hashlib, json), the way Didit's servers
compute them, so the TypeScript signer and verifier are checked against another implementation.
Run from this folder:  python3 make_vectors.py   (writes webhook-vectors.json; commit both).
The TypeScript tests read the JSON file; they never run this script.
"""
import hashlib
import hmac
import json
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
EXAMPLES = os.path.join(HERE, "..", "fixtures")
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


def simple_input(timestamp: str, raw: str):
    data = json.loads(raw)
    if not isinstance(data, dict):
        return None
    parts = [data.get("session_id"), data.get("status"), data.get("webhook_type")]
    if not all(isinstance(p, str) for p in parts):
        return None
    return f"{timestamp}:{parts[0]}:{parts[1]}:{parts[2]}"


def vector(name: str, raw: str, note: str, secret: str = SECRET, timestamp: int = TIMESTAMP, js_wire: bool = False):
    ts = str(timestamp)
    v2_text = canonical_v2(raw)
    simple = simple_input(ts, raw)
    out = {
        "name": name,
        "note": note,
        "secret": secret,
        "body": raw,
        "headers": {
            "x-timestamp": ts,
            "x-signature": hex_hmac(secret, raw.encode("utf-8")),
            "x-signature-v2": hex_hmac(secret, v2_text.encode("utf-8")),
            "x-signature-simple": hex_hmac(secret, simple.encode("utf-8")) if simple is not None else None,
        },
        "canonical_v2": v2_text,
    }
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

    out = {
        "generator": "packages/core/test/vectors/make_vectors.py (Python standard library: hmac, hashlib, json)",
        "vectors": vectors,
    }
    with open(os.path.join(HERE, "webhook-vectors.json"), "w", encoding="utf-8") as f:
        json.dump(out, f, indent=2, ensure_ascii=True)
        f.write("\n")
    print(f"wrote {len(vectors)} vectors")


if __name__ == "__main__":
    main()
