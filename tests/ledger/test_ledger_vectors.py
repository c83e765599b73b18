"""Every transparency-dev/merkle test vector in ../shared, run through our RFC 9162 verifiers.

Happy paths must verify and every mutated proof (flipped bits, wrong sizes, truncated or padded
proofs, swapped roots, ...) must be rejected: each JSON file carries its own `wantErr`.

The subtree folders come from the Merkle Tree Certificates draft, which generalises RFC 9162
to subtrees [start, end) of a log. Where a subtree case reduces to an RFC 9162 check it runs
here; see `_subtree_consistency` for the cases that cannot, and why they are skipped.
"""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

import pytest

from dgate.ledger.merkle import ProofError, verify_consistency, verify_inclusion

VECTORS = Path(__file__).resolve().parents[2].parent / "shared" / "testdata" / "merkle" / "testdata"
MISSING = f"merkle test vectors not found at {VECTORS} (shared/ must sit beside the repo)"


def _files(kind: str) -> list[Path]:
    folder = VECTORS / kind
    return sorted(folder.rglob("*.json")) if folder.is_dir() else []


def _ids(paths: list[Path]) -> list[str]:
    return [str(p.relative_to(VECTORS)) for p in paths]


def _b64(text: str | None) -> bytes:
    return base64.b64decode(text) if text else b""


def _proof(vector: dict[str, Any]) -> list[bytes]:
    return [_b64(p) for p in vector["proof"] or []]


def _outcome(check: Any) -> bool:
    """True when the check raised ProofError (the vectors' wantErr)."""
    try:
        check()
    except ProofError:
        return True
    return False


def _valid_subtree(start: int, end: int) -> bool:
    # A subtree [start, end) is a node-aligned prefix of a perfect subtree: start must be a
    # multiple of the smallest power of two holding end - start leaves.
    return 0 <= start < end and start % (1 << (end - start - 1).bit_length()) == 0


INCLUSION = _files("inclusion")
CONSISTENCY = _files("consistency")
SUBTREE_INCLUSION = _files("subtreeinclusion")
SUBTREE_CONSISTENCY = _files("subtreeconsistency")


def test_vectors_are_present() -> None:
    if not VECTORS.is_dir():
        pytest.skip(MISSING)
    # Guards against a glob that silently finds nothing after a layout change.
    assert len(INCLUSION) >= 80 and len(CONSISTENCY) >= 90
    assert len(SUBTREE_INCLUSION) >= 200 and len(SUBTREE_CONSISTENCY) >= 100
    wanted = {"additional", "single-entry", "0", "1", "2", "3", "4"}
    assert {p.relative_to(VECTORS / "inclusion").parts[0] for p in INCLUSION} == wanted


@pytest.mark.skipif(not INCLUSION, reason=MISSING)
@pytest.mark.parametrize("path", INCLUSION, ids=_ids(INCLUSION))
def test_inclusion_vector(path: Path) -> None:
    v = json.loads(path.read_text())
    failed = _outcome(
        lambda: verify_inclusion(
            v["leafIdx"], v["treeSize"], _b64(v["leafHash"]), _proof(v), _b64(v["root"])
        )
    )
    assert failed == v["wantErr"], v["desc"]


@pytest.mark.skipif(not CONSISTENCY, reason=MISSING)
@pytest.mark.parametrize("path", CONSISTENCY, ids=_ids(CONSISTENCY))
def test_consistency_vector(path: Path) -> None:
    v = json.loads(path.read_text())
    failed = _outcome(
        lambda: verify_consistency(
            v["size1"], v["size2"], _b64(v["root1"]), _b64(v["root2"]), _proof(v)
        )
    )
    assert failed == v["wantErr"], v["desc"]


def _subtree_inclusion(v: dict[str, Any]) -> None:
    start, end, index = v["start"], v["end"], v["leafIdx"]
    if not _valid_subtree(start, end) or not start <= index < end:
        raise ProofError("not a valid subtree, or the leaf lies outside it")
    # The subtree hash is the MTH of its own leaves, so this is plain RFC 9162 inclusion.
    verify_inclusion(index - start, end - start, _b64(v["leafHash"]), _proof(v), _b64(v["root"]))


@pytest.mark.skipif(not SUBTREE_INCLUSION, reason=MISSING)
@pytest.mark.parametrize("path", SUBTREE_INCLUSION, ids=_ids(SUBTREE_INCLUSION))
def test_subtree_inclusion_vector(path: Path) -> None:
    v = json.loads(path.read_text())
    assert _outcome(lambda: _subtree_inclusion(v)) == v["wantErr"], v["desc"]


def _subtree_consistency(v: dict[str, Any]) -> None:
    start, end, size = v["start"], v["end"], v["size"]
    if start == end:
        pytest.skip("empty subtree: an MTC-only notion; RFC 9162 has no proof from size 0")
    if not _valid_subtree(start, end) or end > size:
        raise ProofError("not a valid subtree of the tree")
    if start > 0:
        # Needs the MTC draft's generalised verifier, which the ledger does not use. (No
        # vector of this kind exists in the shared set today: all start > 0 ones are invalid.)
        pytest.skip("subtree consistency from a non-zero start is beyond RFC 9162")
    # [0, end) is the tree of size `end`: plain RFC 9162 consistency.
    verify_consistency(end, size, _b64(v["root1"]), _b64(v["root2"]), _proof(v))


@pytest.mark.skipif(not SUBTREE_CONSISTENCY, reason=MISSING)
@pytest.mark.parametrize("path", SUBTREE_CONSISTENCY, ids=_ids(SUBTREE_CONSISTENCY))
def test_subtree_consistency_vector(path: Path) -> None:
    v = json.loads(path.read_text())
    assert _outcome(lambda: _subtree_consistency(v)) == v["wantErr"], v["desc"]
