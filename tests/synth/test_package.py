"""The batch package is per request-format.md and verifiably signed."""

from __future__ import annotations

import base64
import hashlib
import json
from collections import Counter
from datetime import date
from pathlib import Path

from cryptography.hazmat.primitives.serialization import load_pem_private_key, load_pem_public_key

from dgate.model import RECORD_COLUMNS

from .conftest import AS_OF
from .helpers import read_csv


def test_manifest_signature_and_hash(synth_dir: Path) -> None:
    body = (synth_dir / "pkg" / "batch.json").read_bytes()
    manifest = json.loads(body)
    pub = load_pem_public_key((synth_dir / "keys" / "official_ed25519.pub.pem").read_bytes())
    sig = base64.b64decode((synth_dir / "pkg" / "batch.json.sig").read_bytes())
    pub.verify(sig, body)  # raises InvalidSignature on a mismatch
    data = (synth_dir / "pkg" / manifest["records_file"]).read_bytes()
    assert manifest["records_sha256"] == hashlib.sha256(data).hexdigest()
    assert manifest["record_count"] == len(read_csv(synth_dir / "pkg" / "records.csv")) == 300
    assert manifest["requesting_agency"] == "ICE"
    assert manifest["signed_by"]["official_id"] == "ICE-DIR-01"
    assert manifest["statutory_authority"] == ["8 U.S.C. 1253(a)(1)"]
    assert all(v is True for v in manifest["certifications"].values())
    assert len(manifest["certifications"]) == 4
    assert 1 < (AS_OF - date.fromisoformat(manifest["signed_at"])).days < 8


def test_keys_pair_and_registration(synth_dir: Path) -> None:
    keys = synth_dir / "keys"
    priv = load_pem_private_key((keys / "official_ed25519.pem").read_bytes(), password=None)
    pub = load_pem_public_key((keys / "official_ed25519.pub.pem").read_bytes())
    assert priv.public_key().public_bytes_raw() == pub.public_bytes_raw()  # type: ignore[union-attr]
    reg = json.loads((keys / "registration.json").read_text())
    manifest = json.loads((synth_dir / "pkg" / "batch.json").read_bytes())
    assert reg["agency"] == "ICE" and reg["official_id"] == manifest["signed_by"]["official_id"]
    assert reg["statutes"] == ["8 U.S.C. 1253(a)(1)"]
    assert reg["valid_from"] <= manifest["signed_at"] <= reg["valid_to"]


def test_records_columns_and_caseload(synth_dir: Path) -> None:
    text = (synth_dir / "pkg" / "records.csv").read_text(encoding="utf-8")
    assert text.splitlines()[0].split(",") == list(RECORD_COLUMNS)
    records = read_csv(synth_dir / "pkg" / "records.csv")
    agents = Counter(r["case_agent_id"] for r in records if r["case_agent_id"])
    assert max(agents.values()) <= 60
    cases = [r["case_number"] for r in records if r["case_number"]]
    assert len(set(cases)) == len(cases)
