"""RFC 9162 hashing, proof generation and verification, checked against an independent
recursive transcription of the RFC's definitions and against its known answers."""

from __future__ import annotations

import base64
import hashlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dgate.errors import IntegrityError, UsageError
from dgate.ledger import merkle
from dgate.ledger.merkle import (
    EMPTY_ROOT,
    Frontier,
    ProofError,
    consistency_proof,
    inclusion_proof,
    leaf_hash,
    node_hash,
    root_from_leaf_hashes,
    verify_consistency,
    verify_inclusion,
)

# ---------------------------------------------------------------- reference, straight from the RFC


def _sha(data: bytes) -> bytes:
    return hashlib.sha256(data).digest()


def _k(n: int) -> int:
    k = 1
    while k * 2 < n:
        k *= 2
    return k


def ref_mth(leaves: list[bytes]) -> bytes:
    if not leaves:
        return _sha(b"")
    if len(leaves) == 1:
        return _sha(b"\x00" + leaves[0])
    k = _k(len(leaves))
    return _sha(b"\x01" + ref_mth(leaves[:k]) + ref_mth(leaves[k:]))


def ref_path(m: int, leaves: list[bytes]) -> list[bytes]:
    if len(leaves) == 1:
        return []
    k = _k(len(leaves))
    if m < k:
        return ref_path(m, leaves[:k]) + [ref_mth(leaves[k:])]
    return ref_path(m - k, leaves[k:]) + [ref_mth(leaves[:k])]


def ref_subproof(m: int, leaves: list[bytes], whole: bool) -> list[bytes]:
    if m == len(leaves):
        return [] if whole else [ref_mth(leaves)]
    k = _k(len(leaves))
    if m <= k:
        return ref_subproof(m, leaves[:k], whole) + [ref_mth(leaves[k:])]
    return ref_subproof(m - k, leaves[k:], False) + [ref_mth(leaves[:k])]


def data(n: int) -> list[bytes]:
    return [f"entry-{i}".encode() for i in range(n)]


# ---------------------------------------------------------------- known answers


def test_hash_domain_separation() -> None:
    assert leaf_hash(b"abc") == _sha(b"\x00abc")
    assert node_hash(b"L" * 32, b"R" * 32) == _sha(b"\x01" + b"L" * 32 + b"R" * 32)
    assert root_from_leaf_hashes([]) == EMPTY_ROOT == _sha(b"")


# The eight leaf inputs of the Certificate Transparency reference tests; their size-8 root is
# the root the shared vectors use ("XcnaeacG..."), so this pins us to the deployed ecosystem.
CT_LEAVES = [
    b"",
    b"\x00",
    b"\x10",
    b"\x20\x21",
    b"\x30\x31",
    b"\x40\x41\x42\x43",
    bytes(range(0x50, 0x58)),
    bytes(range(0x60, 0x70)),
]


def test_ct_reference_root() -> None:
    root = root_from_leaf_hashes([leaf_hash(d) for d in CT_LEAVES])
    assert base64.b64encode(root).decode() == "XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg="
    assert root_from_leaf_hashes([leaf_hash(CT_LEAVES[0])]) == base64.b64decode(
        "bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0="
    )


@pytest.mark.parametrize("n", range(0, 70))
def test_root_and_proofs_match_rfc_definitions(n: int) -> None:
    leaves = data(n)
    hashes = [leaf_hash(d) for d in leaves]
    assert root_from_leaf_hashes(hashes) == ref_mth(leaves)
    for m in range(n):
        assert inclusion_proof(hashes, m) == ref_path(m, leaves)
    for m in range(1, n + 1):
        assert consistency_proof(hashes, m) == ref_subproof(m, leaves, True)


def test_bad_generation_arguments_are_usage_errors() -> None:
    hashes = [leaf_hash(d) for d in data(5)]
    with pytest.raises(UsageError):
        inclusion_proof(hashes, 5)
    with pytest.raises(UsageError):
        inclusion_proof(hashes, -1)
    with pytest.raises(UsageError):
        consistency_proof(hashes, 0)
    with pytest.raises(UsageError):
        consistency_proof(hashes, 6)
    with pytest.raises(UsageError):
        merkle.perfect_cover(1, 4)  # [1, 4) is not a subtree: its MTH is not a fold of nodes


def test_proof_error_is_an_integrity_error() -> None:
    assert issubclass(ProofError, IntegrityError)


# ---------------------------------------------------------------- properties


def _flip(b: bytes, bit: int) -> bytes:
    out = bytearray(b)
    out[bit // 8] ^= 1 << (bit % 8)
    return bytes(out)


@st.composite
def tree_and_index(draw: st.DrawFn) -> tuple[list[bytes], int]:
    n = draw(st.integers(min_value=1, max_value=300))
    return [leaf_hash(d) for d in data(n)], draw(st.integers(min_value=0, max_value=n - 1))


@settings(max_examples=150, deadline=None)
@given(tree_and_index(), st.data())
def test_inclusion_proofs_verify_and_any_flipped_bit_fails(
    case: tuple[list[bytes], int], draw: st.DataObject
) -> None:
    hashes, index = case
    size, root = len(hashes), root_from_leaf_hashes(hashes)
    proof = inclusion_proof(hashes, index)
    verify_inclusion(index, size, hashes[index], proof, root)

    bit = draw.draw(st.integers(min_value=0, max_value=255))
    with pytest.raises(ProofError):
        verify_inclusion(index, size, _flip(hashes[index], bit), proof, root)
    with pytest.raises(ProofError):
        verify_inclusion(index, size, hashes[index], proof, _flip(root, bit))
    if proof:
        at = draw.draw(st.integers(min_value=0, max_value=len(proof) - 1))
        bad = proof[:at] + [_flip(proof[at], bit)] + proof[at + 1 :]
        with pytest.raises(ProofError):
            verify_inclusion(index, size, hashes[index], bad, root)
    # The same proof must not also vouch for a neighbouring position or a dropped element.
    if size > 1:
        with pytest.raises(ProofError):
            verify_inclusion((index + 1) % size, size, hashes[index], proof, root)
    if proof:
        with pytest.raises(ProofError):
            verify_inclusion(index, size, hashes[index], proof[:-1], root)


@st.composite
def two_sizes(draw: st.DrawFn) -> tuple[list[bytes], int]:
    n = draw(st.integers(min_value=2, max_value=300))
    return [leaf_hash(d) for d in data(n)], draw(st.integers(min_value=1, max_value=n - 1))


@settings(max_examples=150, deadline=None)
@given(two_sizes(), st.data())
def test_consistency_proofs_verify_and_any_flipped_bit_fails(
    case: tuple[list[bytes], int], draw: st.DataObject
) -> None:
    hashes, old = case
    new = len(hashes)
    old_root, new_root = root_from_leaf_hashes(hashes[:old]), root_from_leaf_hashes(hashes)
    proof = consistency_proof(hashes, old)
    verify_consistency(old, new, old_root, new_root, proof)

    bit = draw.draw(st.integers(min_value=0, max_value=255))
    at = draw.draw(st.integers(min_value=0, max_value=len(proof) - 1))
    bad = proof[:at] + [_flip(proof[at], bit)] + proof[at + 1 :]
    for args in (
        (old, new, old_root, new_root, bad),
        (old, new, _flip(old_root, bit), new_root, proof),
        (old, new, old_root, _flip(new_root, bit), proof),
        (old, new, new_root, old_root, proof),
        (old, new, old_root, new_root, proof[:-1]),
    ):
        with pytest.raises(ProofError):
            verify_consistency(*args)


def test_consistency_edge_cases() -> None:
    hashes = [leaf_hash(d) for d in data(4)]
    r4 = root_from_leaf_hashes(hashes)
    verify_consistency(4, 4, r4, r4, [])
    with pytest.raises(ProofError):
        verify_consistency(4, 4, r4, r4, [r4])  # equal sizes carry no proof
    with pytest.raises(ProofError):
        verify_consistency(0, 4, EMPTY_ROOT, r4, [])  # from the empty tree proves nothing
    with pytest.raises(ProofError):
        verify_consistency(4, 3, r4, r4, [])


# ---------------------------------------------------------------- the incremental frontier


def test_frontier_tracks_root_and_reports_completed_nodes() -> None:
    front = Frontier()
    leaves = data(67)
    seen: dict[tuple[int, int], bytes] = {}
    for i, d in enumerate(leaves):
        for level, idx, h in front.append(leaf_hash(d)):
            assert (level, idx) not in seen
            seen[(level, idx)] = h
            # Each reported node is the MTH of exactly the leaves it covers.
            assert h == ref_mth(leaves[idx << level : (idx + 1) << level])
        assert front.size == i + 1
        assert front.root() == ref_mth(leaves[: i + 1])
        assert len(front.hashes) == (i + 1).bit_count()
    # 67 leaves complete 67 + 33 + 16 + 8 + 4 + 2 + 1 perfect subtrees.
    assert len(seen) == 67 + 33 + 16 + 8 + 4 + 2 + 1


def test_frontier_persists_and_resumes() -> None:
    leaves = [leaf_hash(d) for d in data(45)]
    a = Frontier()
    for h in leaves[:29]:
        a.append(h)
    b = Frontier(a.size, a.hashes)
    for h in leaves[29:]:
        b.append(h)
    assert b.root() == root_from_leaf_hashes(leaves)
    with pytest.raises(IntegrityError):
        Frontier(29, a.hashes[:-1])  # 29 = 0b11101 needs four subtree roots
    with pytest.raises(UsageError):
        b.append(b"short")
