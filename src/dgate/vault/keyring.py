"""Where the master key (KEK) comes from.

In order:
1. `$DGATE_MASTER_KEY`: base64url of 32 bytes (several, comma-separated, during a
   rotation: the last is current). This is the place to plug a hardware security module or
   a cloud KMS: a wrapper fetches or unwraps the key there and hands it to the process in
   its environment, so the key never rests on the home's disk.
2. The keyring file `HOME/keys/master.key` (mode 0600): one base64url key per line, the
   last current. `dgate init` creates it; a home from before it gets one on first open.

A keyring readable by group or others is refused outright: a master key the whole machine
can read protects nothing.
"""

from __future__ import annotations

import base64
import binascii
import os
import stat
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from dgate.errors import IntegrityError, UsageError
from dgate.vault.crypto import KEY_LEN, kek_id, new_key

ENV = "DGATE_MASTER_KEY"
KEYRING = "master.key"


@dataclass(frozen=True)
class Kek:
    kid: str
    key: bytes

    def __repr__(self) -> str:  # never print key material, even in a traceback
        return f"Kek({self.kid})"


def encode_key(key: bytes) -> str:
    return base64.urlsafe_b64encode(key).decode("ascii").rstrip("=")


def decode_key(text: str, where: str) -> bytes:
    text = text.strip()
    try:
        key = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError):
        raise UsageError(f"{where}: a master key is not base64url") from None
    if len(key) != KEY_LEN:
        raise UsageError(f"{where}: a master key must be {KEY_LEN} bytes")
    return key


def keyring_path(keys_dir: Path) -> Path:
    return keys_dir / KEYRING


def create_keyring(keys_dir: Path) -> bool:
    """A keyring with one fresh key, unless one exists. Returns whether it was created."""
    path = keyring_path(keys_dir)
    if path.exists():
        return False
    keys_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return False  # another process created it first: use theirs
    with os.fdopen(fd, "w", encoding="ascii") as fh:
        fh.write(encode_key(new_key()) + "\n")
        fh.flush()
        os.fsync(fh.fileno())
    return True


def check_permissions(path: Path) -> None:
    mode = path.stat().st_mode
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise IntegrityError(f"keyring {path} is accessible to group or others "
                             f"(mode {stat.S_IMODE(mode):o}); run chmod 600 on it")


def read_keyring(keys_dir: Path) -> list[Kek]:
    path = keyring_path(keys_dir)
    check_permissions(path)
    lines = [ln for ln in path.read_text(encoding="ascii").splitlines() if ln.strip()]
    if not lines:
        raise IntegrityError(f"keyring {path} holds no key")
    return [_kek(decode_key(ln, f"keyring {path}")) for ln in lines]


def from_env(environ: Mapping[str, str], var: str = ENV) -> list[Kek] | None:
    raw = environ.get(var)
    if raw is None or not raw.strip():
        return None
    return [_kek(decode_key(part, f"${var}")) for part in raw.split(",") if part.strip()]


def load_keks(keys_dir: Path, environ: Mapping[str, str], *,
              create: bool = True, wrapped: Callable[[], int] = lambda: 0
              ) -> tuple[list[Kek], str]:
    """The master keys in force, the current one last, and where they came from ("env" or
    "file"). A home without a keyring (from before encryption) gets one now, unless
    `create` is False: a home whose key lives in the environment must not quietly grow a
    second, unrelated key on disk when the variable is missing. Nor does a home whose
    keyring was lost while data keys are wrapped under it (`wrapped` counts them): a new
    key would open none of them, and the sealed data would look altered."""
    env = from_env(environ)
    if env:
        return env, "env"
    path = keyring_path(keys_dir)
    if not path.exists():
        if not create:
            raise IntegrityError(f"this home's master key comes from ${ENV}, which is not set")
        lost = wrapped()
        if lost:
            raise IntegrityError(f"keyring {path} is missing and {lost} data key(s) are "
                                 f"wrapped under it; restore it from a backup (or set ${ENV})")
    create_keyring(keys_dir)
    return read_keyring(keys_dir), "file"


def write_keyring(keys_dir: Path, keks: Sequence[Kek]) -> None:
    """Replace the keyring atomically (a temporary file created 0600, fsynced, renamed)."""
    path = keyring_path(keys_dir)
    tmp = path.with_name(f".{KEYRING}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as fh:
        fh.write("".join(encode_key(k.key) + "\n" for k in keks))
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    dir_fd = os.open(keys_dir, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def _kek(key: bytes) -> Kek:
    return Kek(kek_id(key), key)
