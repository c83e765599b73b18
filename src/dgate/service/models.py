"""`dgate model train|show|use`: the match model in force, trained and versioned.

Training reads a batch that was already submitted, and only its records whose master
search was lawful and is already on the ledger (legally sufficient records): training never
inspects anyone new. The result is a JSON artefact named by its content hash; it is put in
force only on request, and every change is recorded in the ledger.
"""

from __future__ import annotations

import json

from dgate.errors import NotFoundError, UsageError
from dgate.fsio import replace_atomic
from dgate.match.compare import Query
from dgate.match.model import MatchModel
from dgate.match.training import TrainingReport, train
from dgate.model import RECORD_COLUMNS, RequestRecord, Role
from dgate.service.home import Home
from dgate.store import case
from dgate.vault import fields as sealed
from dgate.vault.keys import BATCH


def _queries(home: Home, batch_id: str) -> list[Query]:
    from dgate.service.submit import _query  # one normalization for submit and training

    rows = home.conn.execute(
        """SELECT r.seq, r.sealed FROM records r JOIN decisions d USING (batch_id, seq)
           WHERE r.batch_id = ? AND d.candidate_count IS NOT NULL ORDER BY r.seq""",
        (batch_id,)).fetchall()
    out = []
    for seq, blob in rows:
        fields, _agent = sealed.open_record(home.vault, batch_id, seq, blob)
        out.append(_query(RequestRecord(seq, {c: str(fields.get(c, "")) for c in RECORD_COLUMNS})))
    return out


def train_model(home: Home, as_user: str | None, batch_id: str, *, sample: int = 20_000,
                seed: int = 0, activate: bool = False) -> tuple[str, TrainingReport]:
    actor = home.authorize(as_user, [Role.ADMIN], "model train")
    home.batch_row(batch_id)
    home.require_live(actor, batch_id, BATCH, "model train")
    queries = _queries(home, batch_id)
    if not queries:
        raise UsageError(f"batch {batch_id} has no legally sufficient records to train on")
    with home.master.connect_current() as con:
        report = train(con, queries, base=home.model, sample=sample, seed=seed)
    previous = home.model
    home.model = report.model
    digest = home.save_model()
    if not activate:
        home.model = previous
    with case.transaction(home.conn):
        home.record(actor, "model_trained", digest, "activated" if activate else "saved",
                    batch=batch_id, random_pairs=report.random_pairs,
                    candidate_pairs=report.candidate_pairs)
    if activate:
        _point(home, digest)
    return digest, report


def use_model(home: Home, as_user: str | None, digest: str) -> None:
    actor = home.authorize(as_user, [Role.ADMIN], "model use")
    if digest == "default":
        (home.path / "models" / "CURRENT").unlink(missing_ok=True)
        home.model = MatchModel()
    else:
        path = home.path / "models" / f"{digest}.json"
        if not path.is_file():
            raise NotFoundError(f"no model {digest}")
        home.model = MatchModel.from_json(json.loads(path.read_text(encoding="utf-8")))
        _point(home, digest)
    with case.transaction(home.conn):
        home.record(actor, "model_activated", digest, "ok")


def _point(home: Home, digest: str) -> None:
    replace_atomic(home.path / "models" / "CURRENT", (digest + "\n").encode("utf-8"))
