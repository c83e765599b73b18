"""RFC 9162 (Certificate Transparency 2.0) Merkle tree hashing, proofs and their verification.

Written from the RFC's definitions (sections 2.1.1 to 2.1.4):

    MTH({})      = SHA-256()
    MTH({d0})    = SHA-256(0x00 || d0)
    MTH(D[n])    = SHA-256(0x01 || MTH(D[0:k]) || MTH(D[k:n]))   k = largest power of 2 < n

Everything here is pure: lists of 32-byte hashes in, hashes or proofs out. Proof generation is
expressed as *which leaf ranges* a proof needs (`inclusion_ranges`, `consistency_ranges`), so the
same code serves an in-memory list of leaf hashes and the SQL store, which answers a range from
stored perfect-subtree nodes (`perfect_cover`) in O(log n) lookups.

`Frontier` is the incremental form: the roots of the perfect subtrees that make up the tree so
far (one per set bit of the size). Appending a leaf costs O(log n) and reports the nodes it
completes, so a store can persist them instead of recomputing the tree.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable, Iterable, Sequence

from dgate.errors import IntegrityError, UsageError

HASH_SIZE = 32
EMPTY_ROOT = hashlib.sha256(b"").digest()
_LEAF_PREFIX = b"\x00"
_NODE_PREFIX = b"\x01"

__all__ = [
    "EMPTY_ROOT",
    "HASH_SIZE",
    "Frontier",
    "ProofError",
    "consistency_proof",
    "consistency_ranges",
    "fold_perfect_roots",
    "inclusion_proof",
    "inclusion_ranges",
    "leaf_hash",
    "node_hash",
    "perfect_cover",
    "range_hash",
    "root_from_leaf_hashes",
    "verify_consistency",
    "verify_inclusion",
]


class ProofError(IntegrityError):
    """An inclusion or consistency proof does not verify (or is malformed)."""


def leaf_hash(data: bytes) -> bytes:
    """SHA-256(0x00 || data): the domain prefix keeps a leaf from posing as an inner node."""
    return hashlib.sha256(_LEAF_PREFIX + data).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    """SHA-256(0x01 || left || right)."""
    return hashlib.sha256(_NODE_PREFIX + left + right).digest()


def _split(n: int) -> int:
    """The largest power of two strictly below n (n >= 2): where RFC 9162 splits a tree."""
    return 1 << ((n - 1).bit_length() - 1)


def root_from_leaf_hashes(hashes: Sequence[bytes]) -> bytes:
    """MTH over the given leaf hashes; the empty tree hashes to SHA-256 of the empty string.

    Computed level by level, carrying an unpaired last node up unchanged: that builds exactly
    the RFC's left-balanced tree without recursion, so millions of leaves are fine.
    """
    if not hashes:
        return EMPTY_ROOT
    level = list(hashes)
    while len(level) > 1:
        paired = [node_hash(level[i], level[i + 1]) for i in range(0, len(level) - 1, 2)]
        if len(level) % 2:
            paired.append(level[-1])
        level = paired
    return level[0]


def fold_perfect_roots(roots: Sequence[bytes]) -> bytes:
    """Combine perfect-subtree roots, largest (leftmost) first, into the tree's root.

    A left-balanced tree of size s is its binary decomposition joined from the right, so the
    smallest subtrees are hashed together first.
    """
    if not roots:
        return EMPTY_ROOT
    acc = roots[-1]
    for left in reversed(roots[:-1]):
        acc = node_hash(left, acc)
    return acc


# ---------------------------------------------------------------- which ranges a proof needs


def inclusion_ranges(index: int, size: int) -> list[tuple[int, int]]:
    """The leaf ranges [lo, hi) whose MTH form PATH(index, D[size]), leaf level first."""
    if not 0 <= index < size:
        raise UsageError(f"inclusion proof: leaf index is outside a tree of size {size}")
    out: list[tuple[int, int]] = []
    lo, hi = 0, size
    while hi - lo > 1:
        k = _split(hi - lo)
        if index < lo + k:
            out.append((lo + k, hi))
            hi = lo + k
        else:
            out.append((lo, lo + k))
            lo += k
    out.reverse()  # built root-down; the proof lists siblings from the leaf upwards
    return out


def consistency_ranges(old_size: int, new_size: int) -> list[tuple[int, int]]:
    """The leaf ranges whose MTH form PROOF(old_size, D[new_size]) (RFC 9162 2.1.4.1).

    Defined for 0 < old_size <= new_size; equal sizes need no proof at all.
    """
    if not 0 < old_size <= new_size:
        raise UsageError(
            f"consistency proof: sizes must satisfy 0 < old ({old_size}) <= new ({new_size})"
        )
    out: list[tuple[int, int]] = []
    m, lo, hi, whole = old_size, 0, new_size, True
    while m < hi - lo:
        k = _split(hi - lo)
        if m <= k:
            out.append((lo + k, hi))
            hi = lo + k
        else:
            out.append((lo, lo + k))
            lo += k
            m -= k
            whole = False
    if not whole:
        # The old tree's root is not a node of the new tree: its last subtree must be shown.
        out.append((lo, hi))
    out.reverse()
    return out


def perfect_cover(lo: int, hi: int) -> list[tuple[int, int]]:
    """(level, index) of the perfect subtrees tiling [lo, hi), left to right.

    Only ranges whose start is a multiple of the next power of two >= their length are
    accepted: those are the ranges RFC proofs use, and for them the cover is the binary
    decomposition of the length, so `fold_perfect_roots` over the cover gives their MTH.
    """
    if not 0 <= lo < hi:
        raise UsageError(f"perfect_cover: empty or negative range [{lo}, {hi})")
    span = hi - lo
    if lo % (1 << (span - 1).bit_length()):
        raise UsageError(f"perfect_cover: range [{lo}, {hi}) is not a subtree of the log")
    out: list[tuple[int, int]] = []
    for level in range(span.bit_length() - 1, -1, -1):
        if span >> level & 1:
            out.append((level, lo >> level))
            lo += 1 << level
    return out


def range_hash(lo: int, hi: int, node: Callable[[int, int], bytes]) -> bytes:
    """MTH(D[lo:hi]) from a lookup of perfect-subtree hashes node(level, index)."""
    return fold_perfect_roots([node(level, idx) for level, idx in perfect_cover(lo, hi)])


# ---------------------------------------------------------------- proofs over a list of leaves


def inclusion_proof(hashes: Sequence[bytes], index: int) -> list[bytes]:
    """The RFC 9162 inclusion proof of leaf `index` in the tree of all `hashes`."""
    return [root_from_leaf_hashes(hashes[lo:hi]) for lo, hi in inclusion_ranges(index, len(hashes))]


def consistency_proof(hashes: Sequence[bytes], old_size: int) -> list[bytes]:
    """The RFC 9162 consistency proof from the first `old_size` leaves to all `hashes`."""
    return [
        root_from_leaf_hashes(hashes[lo:hi]) for lo, hi in consistency_ranges(old_size, len(hashes))
    ]


# -------------------------------------------- verification (RFC 9162 2.1.3.2, 2.1.4.2)


def _check_proof_shape(proof: Sequence[bytes], what: str) -> None:
    for i, part in enumerate(proof):
        if len(part) != HASH_SIZE:
            raise ProofError(f"{what}: proof element {i} is {len(part)} bytes, not {HASH_SIZE}")


def _same(a: bytes, b: bytes) -> bool:
    return hmac.compare_digest(a, b)


def verify_inclusion(
    index: int, size: int, leaf_hash: bytes, proof: Sequence[bytes], root: bytes
) -> None:
    """Check that `leaf_hash` is leaf `index` of the tree of `size` leaves whose MTH is `root`.

    Returns None on success and raises ProofError on any failure.
    """
    if not 0 <= index < size:
        raise ProofError(f"inclusion proof: leaf index is outside a tree of size {size}")
    # An empty "hash" would make an empty root match an empty leaf in a one-leaf tree.
    if len(leaf_hash) != HASH_SIZE or len(root) != HASH_SIZE:
        raise ProofError(f"inclusion proof: leaf hash and root must be {HASH_SIZE} bytes each")
    _check_proof_shape(proof, "inclusion proof")
    fn, sn, r = index, size - 1, leaf_hash
    for p in proof:
        if sn == 0:
            raise ProofError("inclusion proof: more proof elements than the tree has levels")
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            # The last node of a level with no right sibling is carried up unchanged.
            while not fn & 1 and fn != 0:
                fn >>= 1
                sn >>= 1
        else:
            r = node_hash(r, p)
        fn >>= 1
        sn >>= 1
    if sn != 0:
        raise ProofError("inclusion proof: fewer proof elements than the tree has levels")
    if not _same(r, root):
        raise ProofError("inclusion proof: recomputed root does not match the given root")


def verify_consistency(
    size1: int, size2: int, root1: bytes, root2: bytes, proof: Sequence[bytes]
) -> None:
    """Check that the tree (size2, root2) extends the tree (size1, root1).

    A consistency check from the empty tree proves nothing and is refused, as is any proof
    when the sizes are equal (then the roots must simply be identical).
    """
    if size1 < 0 or size2 < size1:
        raise ProofError(f"consistency proof: old size {size1} exceeds new size {size2}")
    if size1 == 0:
        raise ProofError("consistency proof: a check from the empty tree proves nothing")
    _check_proof_shape(proof, "consistency proof")
    if size1 == size2:
        if proof:
            raise ProofError("consistency proof: sizes are equal but the proof is not empty")
        if not _same(root1, root2):
            raise ProofError("consistency proof: sizes are equal but the roots differ")
        return
    if not proof:
        raise ProofError("consistency proof: the proof is empty")
    path = list(proof)
    if size1 & (size1 - 1) == 0:
        # The old tree is a perfect subtree of the new one, so its root starts the path.
        path.insert(0, root1)
    fn, sn = size1 - 1, size2 - 1
    while fn & 1:
        fn >>= 1
        sn >>= 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            raise ProofError("consistency proof: more proof elements than the tree has levels")
        if fn & 1 or fn == sn:
            fr = node_hash(c, fr)
            sr = node_hash(c, sr)
            while not fn & 1 and fn != 0:
                fn >>= 1
                sn >>= 1
        else:
            sr = node_hash(sr, c)
        fn >>= 1
        sn >>= 1
    if sn != 0:
        raise ProofError("consistency proof: fewer proof elements than the tree has levels")
    if not _same(fr, root1):
        raise ProofError("consistency proof: recomputed old root does not match")
    if not _same(sr, root2):
        raise ProofError("consistency proof: recomputed new root does not match")


# ---------------------------------------------------------------- incremental tree


class Frontier:
    """The perfect-subtree roots of a growing log: O(log n) per append, persisted as hashes.

    `hashes` holds one root per set bit of `size`, largest (leftmost) subtree first. Persist
    (`size`, `hashes`) and rebuild with `Frontier(size, hashes)` to continue appending.
    """

    __slots__ = ("_hashes", "_size")

    def __init__(self, size: int = 0, hashes: Iterable[bytes] = ()) -> None:
        self._size = size
        self._hashes = list(hashes)
        if size < 0 or len(self._hashes) != size.bit_count():
            raise IntegrityError(
                f"ledger frontier: {len(self._hashes)} subtree roots cannot describe size {size}"
            )
        _check_proof_shape(self._hashes, "ledger frontier")

    @property
    def size(self) -> int:
        return self._size

    @property
    def hashes(self) -> tuple[bytes, ...]:
        return tuple(self._hashes)

    @staticmethod
    def cover(size: int) -> list[tuple[int, int]]:
        """(level, index) of the perfect subtrees a frontier of `size` holds, largest first."""
        return perfect_cover(0, size) if size else []

    def append(self, leaf: bytes) -> list[tuple[int, int, bytes]]:
        """Add a leaf hash; return every node it completes as (level, index, hash).

        The leaf itself comes first as (0, position, leaf), then each inner node it closes.
        """
        if len(leaf) != HASH_SIZE:
            raise UsageError(f"ledger frontier: a leaf hash must be {HASH_SIZE} bytes")
        position = self._size
        done = [(0, position, leaf)]
        cur, level, idx = leaf, 0, position
        while idx & 1:
            cur = node_hash(self._hashes.pop(), cur)
            level += 1
            idx >>= 1
            done.append((level, idx, cur))
        self._hashes.append(cur)
        self._size += 1
        return done

    def root(self) -> bytes:
        return fold_perfect_roots(self._hashes)
