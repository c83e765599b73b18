"""`dgate keys list|rotate`: the master key (KEK) and the data keys it wraps.

Rotation makes a new master key, re-wraps every live data key under it in ONE transaction
and then drops the old master key from the keyring. Data is never re-encrypted (its data
keys do not change), so a rotation takes milliseconds and nothing stops meanwhile: a
process that opened the home before the rotation finds the new master key in the keyring
the first time it meets a data key wrapped under it.

With the master key in `$DGATE_MASTER_KEY` (an HSM or KMS hands it over), the new key is
read from the environment variable named by `--new-key-env`; afterwards the operator puts
it in `$DGATE_MASTER_KEY` (during the switch-over the variable may hold "OLD,NEW").
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

from dgate.errors import UsageError
from dgate.model import Role
from dgate.service.home import Home
from dgate.store import case
from dgate.vault.crypto import kek_id, new_key
from dgate.vault.keyring import Kek, decode_key, write_keyring
from dgate.vault.keys import KeyInfo


@dataclass(frozen=True)
class Rotation:
    old_kek_ids: list[str]
    new_kek_id: str
    rewrapped: int
    source: str          # "file" or "env"


def keys_list(home: Home, as_user: str | None) -> list[KeyInfo]:
    """Key ids, purposes, scopes and dates: never key material."""
    actor = home.authorize(as_user, [Role.ADMIN, Role.AUDITOR], "keys list")
    keys = home.vault.list_keys()
    with case.transaction(home.conn):
        home.record(actor, "keys_listed", "data_keys", "ok", count=len(keys))
    return keys


def current_kek_id(home: Home) -> str:
    return home.vault.current_kek.kid


def keys_rotate(home: Home, as_user: str | None, new_key_env: str | None = None,
                environ: Mapping[str, str] | None = None) -> Rotation:
    actor = home.authorize(as_user, [Role.ADMIN], "keys rotate")
    env = os.environ if environ is None else environ
    vault = home.vault
    if new_key_env is not None:
        raw = env.get(new_key_env)
        if not raw:
            raise UsageError(f"--new-key-env: ${new_key_env} is not set")
        new = Kek(kek_id(k := decode_key(raw, f"${new_key_env}")), k)
    elif vault.source == "env":
        raise UsageError("the master key comes from $DGATE_MASTER_KEY: give the new one with "
                         "--new-key-env VAR")
    else:
        new = Kek(kek_id(k := new_key()), k)
    if any(k.kid == new.kid for k in vault.keks):
        raise UsageError("the new master key is already in use; give a different one")
    old = list(vault.keks)
    if vault.source == "file":
        # Both keys in the ring first: whatever happens next, every data key unwraps.
        write_keyring(vault.keys_dir, [*old, new])
    vault.use_keks([*old, new])
    with case.transaction(home.conn):
        was = vault.rewrap_all(new)
        n = len(vault.list_keys()) - sum(1 for k in vault.list_keys() if k.destroyed_at)
        home.record(actor, "keys_rotated", new.kid, "ok", old_kek_ids=was or
                    [k.kid for k in old], new_kek_id=new.kid, rewrapped=n,
                    source=vault.source)
    if vault.source == "file":
        write_keyring(vault.keys_dir, [new])
    vault.use_keks([new])
    return Rotation([k.kid for k in old], new.kid, n, vault.source)
