"""audit22: build and sign batch packages per request-format.md"""
import base64, hashlib, json, os
from cryptography.hazmat.primitives import serialization

SIGNED_AT = "2026-11-20"
REASON = ("Each listed person is the subject of an open criminal investigation under 8 U.S.C. 1253(a)(1) "
          "for willful failure to depart within 90 days of a final order of removal; the address is "
          "needed to locate the subject for that investigation.")


def sha(path):
    return hashlib.sha256(open(path, "rb").read()).hexdigest()


def make_manifest(batch_id, records_file, records_path, count, agency="ICE", official="ICE-DIR-01", **over):
    m = {
        "batch_id": batch_id,
        "requesting_agency": agency,
        "signed_by": {"official_id": official, "name": "Pat Example", "title": "Director"},
        "signed_at": SIGNED_AT,
        "statutory_authority": ["8 U.S.C. 1253(a)(1)"],
        "reason": REASON,
        "certifications": {
            "subjects_under_criminal_investigation": True,
            "use_solely_for_proceeding": True,
            "recipients_personally_and_directly_engaged": True,
            "publication_1075_safeguards": True,
        },
        "records_file": records_file,
        "records_sha256": sha(records_path) if records_path else "",
        "record_count": count,
    }
    m.update(over)
    return m


def sign_bytes(data, keyfile):
    k = serialization.load_pem_private_key(open(keyfile, "rb").read(), None)
    return base64.b64encode(k.sign(data)).decode()


def sign_package(folder, manifest, keyfile, raw=None):
    data = raw if raw is not None else json.dumps(manifest, indent=2).encode()
    open(os.path.join(folder, "batch.json"), "wb").write(data)
    if keyfile:
        open(os.path.join(folder, "batch.json.sig"), "w").write(sign_bytes(data, keyfile))
    return data
