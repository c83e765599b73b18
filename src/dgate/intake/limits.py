"""Size caps for reading a batch package.

Every cap bounds memory or time spent on input that nobody has vetted yet: a package arrives
from outside the agency and is read before any rule has judged it.
"""

from __future__ import annotations

from dataclasses import dataclass

MIB = 1024 * 1024

DEFAULT_MAX_BYTES = 256 * MIB
DEFAULT_MAX_RECORDS = 500_000


@dataclass(frozen=True, slots=True)
class Limits:
    max_bytes: int = DEFAULT_MAX_BYTES
    """Largest records file, and largest total uncompressed size of a zip's entries."""

    max_records: int = DEFAULT_MAX_RECORDS
    """Most data rows in the records file."""

    max_columns: int = 200
    """Most columns in the records file's header (or keys in one JSON Lines object)."""

    max_field_chars: int = 4096
    """Longest single field, in characters, after stripping."""

    max_shared_strings: int = 5_000_000
    """Most strings in an XLSX shared-string table (ten distinct texts per record at the
    default record cap); each string is held to max_field_chars + 1 characters."""

    max_manifest_bytes: int = 1 * MIB
    """Largest batch.json."""

    max_signature_bytes: int = 4096
    """Largest batch.json.sig; an Ed25519 signature in base64 is 88 characters."""

    max_zip_entries: int = 32
    """Most entries in a package zip (three files, a folder, some desktop clutter)."""

    max_zip_ratio: int = 100
    """Highest uncompressed/compressed ratio allowed for a large zip entry."""

    ratio_floor_bytes: int = 1 * MIB
    """Entries smaller than this are exempt from the ratio check: tiny files compress
    wildly but cannot hurt."""
