"""Red team r7: bad input on the commands of cli.md, as a tired clerk or a careless script
gives it. Each refusal is one line naming the problem and the place, a non-zero exit, no
traceback, no taxpayer data, and nothing half-done: no output file, and the case store,
the ledger and the home's files as they were (tests/e2e/handmade.py's files throughout).

Damaged homes are in tests/reliability/test_damaged_home.py."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from tests.e2e.handmade import (
    AS_OF,
    CASES,
    dgate,
    new_key,
    setup_home,
    write_master,
    write_package,
)
from tests.reliability.packages import refused_with as refused

BATCH = "ICE-2026-000123"
REVIEW_BATCH = "ICE-2026-000200"
# Name and address agree, the date of birth is one digit off the taxpayer's: REVIEW.
REVIEW_ROW = dict(request_id="Q1", first_name="Maria", last_name="Garcia",
                  street="123 N Main St", unit="4B", city="Austin", state="TX", zip="78701",
                  date_of_birth="1980-04-13")


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A home holding BATCH (every handmade case) approved by both officers, and
    REVIEW_BATCH with one pending review item."""
    tmp = tmp_path_factory.mktemp("r7")
    home, key = setup_home(tmp)
    for folder, rows, batch in (("pkg", [c[0] for c in CASES], BATCH),
                                ("pkg2", [REVIEW_ROW], REVIEW_BATCH)):
        pkg = write_package(tmp / folder, key, rows, batch_id=batch)
        r = dgate(home, "batch", "submit", str(pkg), "--as-of", AS_OF, user="clerk")
        assert r.code == 0 and r.last_line == batch, r.err
    for officer in ("off1", "off2"):
        assert dgate(home, "batch", "approve", BATCH, user=officer).code == 0
    return home


@pytest.fixture()
def home(template: Path, tmp_path: Path) -> Path:
    """A copy of the template home of its own (a test may change it)."""
    return Path(shutil.copytree(template, tmp_path / "home"))


def fingerprint(home: Path) -> dict[str, str]:
    """Every table of the case store and every file of the home, hashed."""
    got: dict[str, str] = {}
    with sqlite3.connect(home / "case.sqlite") as conn:
        tables = [t for (t,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        for table in tables:
            digest = hashlib.sha256()
            for row in conn.execute(f'SELECT * FROM "{table}" ORDER BY 1'):
                digest.update(repr(row).encode())
            got[table] = digest.hexdigest()
    for path in sorted(home.rglob("*")):
        if path.is_file() and not path.name.endswith(("-wal", "-shm")) and \
                path.name != "case.sqlite":
            got[str(path.relative_to(home))] = hashlib.sha256(path.read_bytes()).hexdigest()
    return got


# --- outputs -----------------------------------------------------------------------------

HOME_FILES = ("case.sqlite", "config.json", "keys/ledger.hmac", "keys/master.key")


def _output_command(which: str, out: Path) -> tuple[list[str], str]:
    return {
        "decisions": (["batch", "decisions", BATCH, "--out", str(out)], "aud"),
        "release": (["batch", "release", BATCH, "--out", str(out)], "off1"),
        "accounting": (["accounting", "export", "--out", str(out)], "aud"),
        "incident": (["incident", "report", "--from", "2026-01-01", "--to", "2026-12-31",
                      "--out", str(out)], "aud"),
    }[which]


@pytest.mark.parametrize("target", HOME_FILES)
@pytest.mark.parametrize("which", ["decisions", "release", "accounting", "incident"])
def test_an_output_inside_the_home_is_refused(home: Path, which: str, target: str) -> None:
    """`--out home/case.sqlite` replaced the case store with the decision report (the
    matched TINs in the clear), and `batch release --out home/config.json` recorded the
    release, then wrote the response over the home's configuration: every later command
    failed. Any path inside the home is refused before anything is read or recorded."""
    before, held = fingerprint(home), (home / target).read_bytes()
    args, user = _output_command(which, home / target)
    refused(dgate(home, *args, user=user), 2, "inside the home", str(home / target))
    assert (home / target).read_bytes() == held
    assert fingerprint(home) == before


def test_an_output_linked_into_the_home_is_refused(home: Path, tmp_path: Path) -> None:
    link = tmp_path / "accounting.csv"
    link.symlink_to(home / "config.json")
    before = fingerprint(home)
    refused(dgate(home, "accounting", "export", "--out", str(link), user="aud"), 2,
            "inside the home")
    assert fingerprint(home) == before and link.is_symlink()


def test_an_incident_report_into_a_missing_folder_records_nothing(home: Path,
                                                                  tmp_path: Path) -> None:
    """The report was built and its ledger event recorded, then the write failed."""
    before = fingerprint(home)
    out = tmp_path / "no-such-folder" / "incident.json"
    refused(dgate(home, *_output_command("incident", out)[0], user="aud"), 2,
            "does not exist")
    assert fingerprint(home) == before


# --- the accounting's date window --------------------------------------------------------

def test_accounting_export_from_after_to_is_an_error(home: Path, tmp_path: Path) -> None:
    """It wrote an empty export, which reads as a year without requests."""
    before, out = fingerprint(home), tmp_path / "accounting.csv"
    r = dgate(home, "accounting", "export", "--out", str(out), "--from", "2026-12-31",
              "--to", "2026-01-01", user="aud")
    refused(r, 2, "--to 2026-01-01 is before --from 2026-12-31")
    assert not out.exists() and fingerprint(home) == before
    # a window of one day is a window
    r = dgate(home, "accounting", "export", "--out", str(out), "--from", AS_OF, "--to", AS_OF,
              user="aud")
    assert r.code == 0 and out.exists(), r.err


@pytest.mark.parametrize("bad", ["2026-13-01", "12/31/2026", "2026-02-30", "", "yesterday"])
def test_accounting_export_dates_in_the_wrong_form(home: Path, tmp_path: Path,
                                                   bad: str) -> None:
    before, out = fingerprint(home), tmp_path / "accounting.csv"
    r = dgate(home, "accounting", "export", "--out", str(out), "--from", bad, user="aud")
    refused(r, 2, "--from is given an empty value" if bad == "" else
            "--from must be a date YYYY-MM-DD")
    assert not out.exists() and fingerprint(home) == before


# --- options given twice -----------------------------------------------------------------

CONFLICTS = {
    # case: (argv, user, words of the message)
    "role_twice": (["user", "add", "bob", "--role", "intake", "--role", "admin"], "admin",
                   "--role is given twice"),
    "verdict_both_ways": (["review", "decide", f"{REVIEW_BATCH}:1", "--disclose",
                           "--no-disclose"], "rev", "--disclose and --no-disclose"),
    "verdict_both_ways_reversed": (["review", "decide", f"{REVIEW_BATCH}:1", "--no-disclose",
                                    "--disclose"], "rev", "--no-disclose and --disclose"),
    "as_on_group_and_command": (["--as", "off2", "batch", "release", BATCH, "--out", "r.csv"],
                                "off1", "--as is given twice"),
    "out_twice": (["accounting", "export", "--out", "a.csv", "--out=b.csv"], "aud",
                  "--out is given twice"),
    "as_of_twice": (["retention", "run", "--as-of", "2026-01-01", "--as-of", "2031-01-01"],
                    "admin", "--as-of is given twice"),
}


@pytest.mark.parametrize("case", sorted(CONFLICTS))
def test_an_option_given_twice_with_different_values_is_refused(home: Path, tmp_path: Path,
                                                                case: str) -> None:
    """The parser took the last silently: `--role intake --role admin` made an admin, and
    `--disclose --no-disclose` recorded 'do not disclose'."""
    args, user, words = CONFLICTS[case]
    # output files in the test's folder (`--out=b.csv` as well)
    args = [a.replace(a.rpartition("=")[2], str(tmp_path / a.rpartition("=")[2]))
            if a.endswith(".csv") else a for a in args]
    before = fingerprint(home)
    refused(dgate(home, *args, user=user), 2, words)
    assert fingerprint(home) == before
    assert not list(tmp_path.glob("*.csv"))


def test_the_same_value_twice_and_repeatable_options_are_accepted(home: Path) -> None:
    r = dgate(home, "--home", str(home), "--as", "admin", "agency", "add", "CBP", "--name",
              "Customs and Border Protection", "--statute", "8 USC 1324", "--statute",
              "8 USC 1325", user="admin")
    assert r.code == 0 and "2 statute(s)" in r.out, r.err
    r = dgate(home, "review", "decide", f"{REVIEW_BATCH}:1", "--no-disclose", "--no-disclose",
              user="rev")
    assert r.code == 0, r.err


# --- batches in the wrong state, unknown ids and users -------------------------------------

def test_wrong_state_unknown_ids_and_users_change_nothing(home: Path, tmp_path: Path) -> None:
    """Usage errors record nothing; a refusal by policy records only its refusal event."""
    out = tmp_path / "r.csv"
    for args, user, code, words in (
            (["batch", "release", "NO-SUCH", "--out", str(out)], "off1", 2, "no batch"),
            (["batch", "approve", "NO-SUCH"], "off1", 2, "no batch"),
            (["batch", "decisions", "", "--out", str(out)], "aud", 2, "no batch"),
            (["review", "decide", f"{BATCH}:1", "--disclose"], "rev", 2, "not a review item"),
            (["review", "decide", REVIEW_BATCH, "--disclose"], "rev", 2, "no request"),
            (["review", "decide", f"{REVIEW_BATCH}:1"], "rev", 2, "--disclose or")):
        before = fingerprint(home)
        refused(dgate(home, *args, user=user), code, words)
        assert fingerprint(home) == before, args
    with sqlite3.connect(home / "case.sqlite") as conn:
        def count(table: str) -> int:
            return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
        kept = (count("approvals"), count("releases"), count("reviews"), count("accounting"))
        for args, user, words in (
                (["batch", "release", REVIEW_BATCH, "--out", str(out)], "off1", "approval"),
                (["batch", "approve", BATCH], "off1", "already approved"),
                (["batch", "approve", BATCH], "ghost", "unknown user"),
                (["batch", "release", BATCH, "--out", str(out)], "aud", "needs"),
                (["batch", "release", BATCH, "--out", str(out)], None, "needs")):
            refused(dgate(home, *args, user=user), 4, words)
        assert (count("approvals"), count("releases"), count("reviews"),
                count("accounting")) == kept
    assert not out.exists()


def test_release_twice_then_approve_after_release(home: Path, tmp_path: Path) -> None:
    first, second = tmp_path / "r1.csv", tmp_path / "r2.csv"
    assert dgate(home, "batch", "release", BATCH, "--out", str(first), user="off1").code == 0
    before = fingerprint(home)
    r = dgate(home, "batch", "release", BATCH, "--out", str(second), user="off2")
    assert r.code == 0 and second.read_bytes() == first.read_bytes(), r.err
    after = fingerprint(home)
    changed = {k for k in after if after[k] != before.get(k)}
    # the repeat is recorded (its entry, and the checkpoint every write signs), no more
    assert changed <= {"ledger_entries", "ledger_nodes", "ledger_checkpoints"}
    refused(dgate(home, "batch", "approve", BATCH, user="off1"), 4, "already released")


# --- batch submit ------------------------------------------------------------------------

def test_a_mistyped_package_path_is_not_accounted_as_a_refused_request(
        home: Path, tmp_path: Path) -> None:
    """A path with nothing at it was recorded as a package refused unread (an accounting
    row and a ledger event, counted in the annual summary): no package was received. What
    is there but cannot be read is still accounted (request-format.md)."""
    before = fingerprint(home)
    missing = tmp_path / "ICE-2026-00123.zip"
    r = dgate(home, "batch", "submit", str(missing), "--as-of", AS_OF, user="clerk")
    refused(r, 3, f"package {missing}: no such folder or file")
    assert fingerprint(home) == before
    (tmp_path / "empty").mkdir()
    (tmp_path / "junk.zip").write_bytes(os.urandom(2000))
    with sqlite3.connect(home / "case.sqlite") as conn:
        for target, words in (("empty", "no batch.json"), ("junk.zip", "not a readable zip")):
            r = dgate(home, "batch", "submit", str(tmp_path / target), user="clerk")
            refused(r, 3, words)
        kinds = conn.execute("SELECT kind, count(*) FROM accounting WHERE kind = "
                             "'refused_package' GROUP BY kind").fetchall()
    assert kinds == [("refused_package", 2)]


# --- master load -------------------------------------------------------------------------

def test_a_refused_master_load_leaves_no_data_key(home: Path, tmp_path: Path) -> None:
    """The new master's data key was made before the extract was read and stayed behind
    when the extract was refused: `keys list` showed it, and a retention run would certify
    the destruction of a master that was never loaded."""
    bad = write_master(tmp_path / "master")
    (bad / "addresses.csv").write_bytes(b"")
    before = fingerprint(home)
    refused(dgate(home, "master", "load", str(bad), user="admin"), 3, "addresses.csv")
    refused(dgate(home, "master", "load", str(tmp_path / "none"), user="admin"), 3,
            "no such folder")
    refused(dgate(home, "master", "load", str(bad / "taxpayers.csv"), user="admin"), 3,
            "not a folder")
    assert fingerprint(home) == before


# --- Ctrl-C ------------------------------------------------------------------------------

def _interrupt_inside(monkeypatch: pytest.MonkeyPatch, duckdb_shape: bool) -> None:
    """Ctrl-C while the master is being checked: a real SIGINT to this process, raised as
    Python raises it, or as DuckDB reports an interrupted query (a RuntimeError)."""
    from dgate.store import master

    def interrupted(*_args: object) -> None:
        try:
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(5)
        except KeyboardInterrupt:
            if duckdb_shape:
                raise RuntimeError("Query interrupted") from None
            raise
        raise AssertionError("SIGINT was not delivered")

    monkeypatch.setattr(master, "_type_and_validate", interrupted)


@pytest.mark.parametrize("duckdb_shape", [False, True], ids=["python", "duckdb"])
def test_ctrl_c_during_master_load(home: Path, tmp_path: Path,
                                   monkeypatch: pytest.MonkeyPatch, duckdb_shape: bool) -> None:
    """Typer turned the KeyboardInterrupt into a silent exit 130 (no word on stderr), and
    DuckDB's shape of it into 'internal error (RuntimeError)'; the master's new data key
    stayed behind either way."""
    _interrupt_inside(monkeypatch, duckdb_shape)
    before = fingerprint(home)
    r = dgate(home, "master", "load", str(write_master(tmp_path / "master")), user="admin")
    assert (r.code, r.err) == (130, "dgate: interrupted\n"), r
    assert fingerprint(home) == before
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_the_entry_point_loads_nothing_heavy_before_main() -> None:
    """A Ctrl-C while Typer, Rich and the service were imported (about half a second)
    printed a KeyboardInterrupt traceback: `main` imports them inside its handling."""
    code = ("import sys, dgate.cli, dgate.__main__; print(sorted({m.split('.')[0] for m in "
            "sys.modules} & {'typer', 'click', 'rich', 'duckdb', 'pyarrow', 'numpy'}))")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2] / "src")}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=env, timeout=60, check=True)
    assert done.stdout.strip() == "[]", done.stdout


# --- serve -------------------------------------------------------------------------------

def test_serve_on_a_port_in_use_or_out_of_range(home: Path) -> None:
    """uvicorn printed a traceback for port 99999 ('internal error (OverflowError)'), and
    for a port in use its own log line with exit 3 (cli.md's unreadable input)."""
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        refused(dgate(home, "serve", "--port", str(port)), 2,
                f"cannot listen on 127.0.0.1:{port}")
    refused(dgate(home, "serve", "--port", "99999"), 2, "--port")


# --- keys, names, the demo ---------------------------------------------------------------

def test_a_wrong_file_given_as_a_public_key(home: Path, tmp_path: Path) -> None:
    """`package check --public-key` took any file and reported a bad signature
    (B_SIGNATURE) for the package; `/dev/zero` as a key was read until memory ran out."""
    pkg = write_package(tmp_path / "pkg", new_key(tmp_path / "k")[0], [CASES[0][0]])
    junk = tmp_path / "junk.pem"
    junk.write_bytes(os.urandom(300))
    r = dgate(home, "package", "check", str(pkg), "--public-key", str(junk))
    refused(r, 3, f"{junk}: not a PEM public key")
    before = fingerprint(home)
    for key, words in ((junk, "not a PEM public key"), (Path("/dev/zero"), "larger than"),
                       (tmp_path, "cannot be read"), (pkg / "records.csv", "not a PEM")):
        r = dgate(home, "official", "add", "ICE", "ICE-DIR-02", "--name", "A", "--title", "B",
                  "--public-key", str(key), user="admin")
        refused(r, 3, str(key), words)
    assert fingerprint(home) == before


@pytest.mark.parametrize(("args", "words"), [
    (["agency", "add", "CBP", "--name", " ", "--statute", "8 USC 1324"],
     "agency add needs --name"),
    (["official", "add", "ICE", "ICE-DIR-02", "--name", "\t", "--title", "Director"],
     "official add needs --name"),
    (["official", "add", "ICE", "ICE-DIR-02", "--name", "Pat", "--title", ""],
     "--title is given an empty value"),
    (["agency", "suspend", "ICE", "--reason", ""], "--reason is given an empty value"),
    (["batch", "approve", BATCH, "--as", ""], "--as is given an empty value"),
    (["--home=", "ledger", "verify"], "--home is given an empty value"),
])
def test_a_blank_option_value_is_refused(home: Path, tmp_path: Path, args: list[str],
                                         words: str) -> None:
    """`--name "$NAME"` with the variable unset registered an agency or official with no
    name; `--as ""` acted as admin; `--home ""` made the current folder the home."""
    _, pub = new_key(tmp_path / "k")
    if args[0] == "official":
        args = [*args, "--public-key", str(pub)]
    before = fingerprint(home)
    refused(dgate(home, *args, user="admin" if "--as" not in args else None), 2, words)
    assert fingerprint(home) == before


def test_demo_refuses_a_file_for_out_and_bad_sizes_before_creating_anything(
        tmp_path: Path) -> None:
    afile = tmp_path / "afile"
    afile.write_text("x")
    for home, args, words in (
            ("unused", ["--out", str(afile)], "is a file, not a folder"),
            ("unused", ["--out", str(afile / "sub")], "cannot create"),
            ("unused", ["--out", str(tmp_path / "d"), "--requests", "0"], "requests"),
            ("unused", ["--out", str(tmp_path / "d"), "--taxpayers", "-5"], "taxpayers"),
            ("d", ["--out", str(tmp_path / "d" / "x")], "inside --home")):
        refused(dgate(tmp_path / home, "demo", *args), 2, words)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["afile"]
