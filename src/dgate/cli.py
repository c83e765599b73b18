"""The `dgate` command line: a thin Typer layer over dgate.service.

Every command takes `--home DIR` (default $DGATE_HOME, else ./dgate-home); commands acting
for a person take `--as USER` (default $DGATE_USER; with neither, the home's `admin`
account, which can never review, approve or release). Errors are one line on stderr;
exit 2 usage, 3 unreadable input, 4 refused by policy, 1 anything else. `--debug` shows
tracebacks.
"""

from __future__ import annotations

import os
import re
import sys
import traceback
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.table import Table

from dgate.errors import DgateError, UsageError

T = TypeVar("T")

out = Console(soft_wrap=True, highlight=False)
err = Console(stderr=True, soft_wrap=True, highlight=False)

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  rich_markup_mode=None,
                  help="Disclosure Gate: lawful, precise, accountable address disclosure "
                       "under 26 U.S.C. 6103(i)(2).")
user_app = typer.Typer(no_args_is_help=True, help="Users and their roles.")
agency_app = typer.Typer(no_args_is_help=True, help="Requesting agencies.")
official_app = typer.Typer(no_args_is_help=True, help="Authorized officials and their keys.")
master_app = typer.Typer(no_args_is_help=True, help="The master file extract.")
batch_app = typer.Typer(no_args_is_help=True, help="Request batches.")
review_app = typer.Typer(no_args_is_help=True, help="The review queue.")
accounting_app = typer.Typer(no_args_is_help=True, help="The 6103(p)(3)(A) accounting.")
ledger_app = typer.Typer(no_args_is_help=True, help="The tamper-evident ledger.")
model_app = typer.Typer(no_args_is_help=True, help="The match model in force.")
package_app = typer.Typer(no_args_is_help=True,
                          help="The requester's side: check and sign a package offline.")
keys_app = typer.Typer(no_args_is_help=True, help="The master key and the data keys.")
retention_app = typer.Typer(no_args_is_help=True,
                            help="Retention schedule and crypto-shredding.")
incident_app = typer.Typer(no_args_is_help=True, help="Incident reporting (Pub. 1075).")
for sub, name in ((user_app, "user"), (agency_app, "agency"), (official_app, "official"),
                  (master_app, "master"), (batch_app, "batch"), (review_app, "review"),
                  (accounting_app, "accounting"), (ledger_app, "ledger"),
                  (package_app, "package"), (model_app, "model"), (keys_app, "keys"),
                  (retention_app, "retention"), (incident_app, "incident")):
    app.add_typer(sub, name=name)

_STATE: dict[str, Any] = {"debug": False, "home": None, "user": None}

HomeOpt = Annotated[Path | None, typer.Option(
    "--home", help="Home folder (default $DGATE_HOME, else ./dgate-home).", show_default=False)]
AsOpt = Annotated[str | None, typer.Option(
    "--as", help="Acting user (default $DGATE_USER, else admin).", show_default=False)]
DebugOpt = Annotated[bool, typer.Option("--debug", help="Show tracebacks.")]


@app.callback()
def _root(home: HomeOpt = None, as_user: AsOpt = None, debug: DebugOpt = False) -> None:
    _STATE.update(debug=debug, home=home, user=as_user)


def _home_path(home: Path | None) -> Path:
    if home is not None:
        return home
    if _STATE["home"] is not None:
        return Path(_STATE["home"])
    env = os.environ.get("DGATE_HOME")
    return Path(env) if env else Path("dgate-home")


def _user(as_user: str | None) -> str | None:
    return as_user or _STATE["user"] or os.environ.get("DGATE_USER") or None


def _date(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"{option} must be a date YYYY-MM-DD") from None


def _open(home: Path | None) -> Any:
    from dgate.service.home import Home

    return Home(_home_path(home))


def _progress() -> tuple[Any, Callable[[str, int, int], None]]:
    """A Rich progress bar on stderr when it is a terminal; silent otherwise."""
    from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn

    bar = Progress(TextColumn("{task.description}"), BarColumn(), TaskProgressColumn(),
                   console=err, transient=True, disable=not err.is_terminal)
    tasks: dict[str, Any] = {}

    def update(stage: str, done: int, total: int) -> None:
        if stage not in tasks:
            tasks[stage] = bar.add_task(stage, total=max(total, 1))
        bar.update(tasks[stage], completed=done, total=max(total, 1))

    return bar, update


# -- init and administration ------------------------------------------------------------------

@app.command()
def init(home: HomeOpt = None, debug: DebugOpt = False) -> None:
    """Create the home: case store, master store folder, ledger keys, an `admin` user.

    Example: dgate init --home /srv/dgate
    """
    from dgate.service.home import init_home

    path = _home_path(home)
    if init_home(path, case_store=os.environ.get("DGATE_CASE_STORE") or None):
        out.print(f"initialized {path}")
    else:
        out.print(f"{path} is already a dgate home; nothing changed")


@user_app.command("add")
def user_add(user: str, role: Annotated[str, typer.Option(
        "--role", help="intake, reviewer, disclosure_officer, auditor or admin")],
        home: HomeOpt = None, as_user: AsOpt = None, debug: DebugOpt = False) -> None:
    """Add a user with one role.

    Example: dgate user add alice --role disclosure_officer --as admin
    """
    from dgate.service import admin

    with _open(home) as h:
        admin.user_add(h, _user(as_user), user, role)
    out.print(f"user {user} added as {role}")


@user_app.command("token")
def user_token(user: str, home: HomeOpt = None, as_user: AsOpt = None,
               debug: DebugOpt = False) -> None:
    """Issue an API token for USER (shown once; only its SHA-256 is kept).

    Example: dgate user token alice --as admin
    """
    from dgate.service import tokens

    with _open(home) as h:
        token = tokens.issue_token(h, _user(as_user), user)
    sys.stdout.write(token + "\n")


@agency_app.command("add", context_settings={"allow_extra_args": True})
def agency_add(ctx: typer.Context, code: str,
               name: Annotated[str, typer.Option("--name", help="Agency name.")],
               statute: Annotated[list[str], typer.Option(
                   "--statute", help="A designated criminal statute (repeatable).")],
               home: HomeOpt = None, as_user: AsOpt = None, debug: DebugOpt = False) -> None:
    """Register a requesting agency and its designated criminal statutes.

    Example: dgate agency add ICE --name "Immigration and Customs Enforcement"
    --statute "8 U.S.C. 1253(a)(1)"
    """
    from dgate.service import admin

    statutes = list(statute) + [a for a in ctx.args if not a.startswith("-")]
    with _open(home) as h:
        admin.agency_add(h, _user(as_user), code, name, statutes)
    out.print(f"agency {code} added with {len(statutes)} statute(s)")


@agency_app.command("suspend")
def agency_suspend(code: str, reason: Annotated[str, typer.Option("--reason")],
                   home: HomeOpt = None, as_user: AsOpt = None, debug: DebugOpt = False) -> None:
    """Stop all disclosures to an agency (e.g. by court order).

    Example: dgate agency suspend ICE --reason "order of 21 Nov 2025"
    """
    from dgate.service import admin

    with _open(home) as h:
        admin.agency_status(h, _user(as_user), code, suspend=True, reason=reason)
    out.print(f"agency {code} suspended")


@agency_app.command("resume")
def agency_resume(code: str, home: HomeOpt = None, as_user: AsOpt = None,
                  debug: DebugOpt = False) -> None:
    """Restart disclosures to a suspended agency.

    Example: dgate agency resume ICE
    """
    from dgate.service import admin

    with _open(home) as h:
        admin.agency_status(h, _user(as_user), code, suspend=False)
    out.print(f"agency {code} resumed")


@agency_app.command("block")
def agency_block(code: str, reason: Annotated[str, typer.Option("--reason")],
                 home: HomeOpt = None, as_user: AsOpt = None, debug: DebugOpt = False) -> None:
    """Block an agency for open Publication 1075 safeguard findings.

    Example: dgate agency block ICE --reason "open findings, no corrective action plan"
    """
    from dgate.service import admin

    with _open(home) as h:
        admin.agency_safeguards(h, _user(as_user), code, block=True, reason=reason)
    out.print(f"agency {code} blocked for safeguard findings")


@agency_app.command("unblock")
def agency_unblock(code: str, home: HomeOpt = None, as_user: AsOpt = None,
                   debug: DebugOpt = False) -> None:
    """Lift a safeguard block.

    Example: dgate agency unblock ICE
    """
    from dgate.service import admin

    with _open(home) as h:
        admin.agency_safeguards(h, _user(as_user), code, block=False)
    out.print(f"agency {code} unblocked")


@official_app.command("add")
def official_add(code: str, official_id: str,
                 name: Annotated[str, typer.Option("--name")],
                 title: Annotated[str, typer.Option("--title")],
                 public_key: Annotated[Path, typer.Option("--public-key", help="PEM file.")],
                 valid_from: Annotated[str | None, typer.Option("--valid-from")] = None,
                 valid_to: Annotated[str | None, typer.Option("--valid-to")] = None,
                 home: HomeOpt = None, as_user: AsOpt = None, debug: DebugOpt = False) -> None:
    """Register an official authorized to sign requests for an agency, with the Ed25519
    public key that verifies their signature.

    Example: dgate official add ICE ICE-DIR-01 --name "J. Doe" --title Director
    --public-key director.pub.pem --valid-from 2026-01-01
    """
    from dgate.service import admin

    vf, vt = _date(valid_from, "--valid-from"), _date(valid_to, "--valid-to")
    with _open(home) as h:
        admin.official_add(h, _user(as_user), code, official_id, name=name, title=title,
                           public_key=public_key, valid_from=vf, valid_to=vt)
    out.print(f"official {official_id} of {code} added")


@master_app.command("load")
def master_load(path: Path, home: HomeOpt = None, as_user: AsOpt = None,
                debug: DebugOpt = False) -> None:
    """Load a master extract (taxpayers + addresses, Parquet or CSV); replaces the previous
    one atomically.

    Example: dgate master load extracts/2026-11/
    """
    from dgate.service import admin

    bar, update = _progress()
    with _open(home) as h, bar:
        info = admin.master_load(h, _user(as_user), path, update)
    out.print(f"master {info.version} loaded: {info.taxpayers} taxpayers, "
              f"{info.addresses} addresses")


@master_app.command("export-parquet")
def master_export_parquet(folder: Path, home: HomeOpt = None, as_user: AsOpt = None,
                          debug: DebugOpt = False) -> None:
    """Export the master in force as Parquet for the Spark matching engine (config.json
    "match_engine": "spark"). The files are NOT encrypted: write them to storage the
    cluster encrypts, never inside the home (refused). See docs/spark.md.

    Example: dgate master export-parquet /mnt/secure/dgate-master-2026-11
    """
    from dgate.match.spark_export import export_home_master

    with _open(home) as h:
        version = export_home_master(h, _user(as_user), folder)
    out.print(f"master {version} exported to {folder}")


# -- batches ---------------------------------------------------------------------------------

@batch_app.command("submit")
def batch_submit(package: Path,
                 as_of: Annotated[str | None, typer.Option(
                     "--as-of", help="Processing date YYYY-MM-DD (default today).")] = None,
                 home: HomeOpt = None, as_user: AsOpt = None, debug: DebugOpt = False) -> None:
    """Intake, rules, matching and decisions for a batch package (folder or .zip).
    Prints the batch id on the last line.

    Example: dgate batch submit ICE-2026-000123.zip --as-of 2026-11-25 --as clerk1
    """
    from dgate.service.submit import submit

    processing = _date(as_of, "--as-of") or date.today()
    bar, update = _progress()
    with _open(home) as h, bar:
        result = submit(h, _user(as_user), package, processing, update)
    if result.existing:
        err.print("this package was already submitted; nothing changed")
    summary = ", ".join(f"{k} {v}" for k, v in sorted(result.counts.items()))
    out.print(summary)
    out.print(result.batch_id)


@batch_app.command("decisions")
def batch_decisions(batch_id: str, out_file: Annotated[Path, typer.Option("--out")],
                    home: HomeOpt = None, as_user: AsOpt = None, debug: DebugOpt = False) -> None:
    """Write the internal decision report (CSV).

    Example: dgate batch decisions ICE-2026-000123 --out decisions.csv
    """
    from dgate.service.release import decision_report

    with _open(home) as h:
        n = decision_report(h, _user(as_user), batch_id, out_file)
    out.print(f"{n} decisions written to {out_file}")


@batch_app.command("approve")
def batch_approve(batch_id: str, home: HomeOpt = None, as_user: AsOpt = None,
                  debug: DebugOpt = False) -> None:
    """A disclosure officer's approval; two distinct officers are needed to release.

    Example: dgate batch approve ICE-2026-000123 --as officer1
    """
    from dgate.service.release import approve

    with _open(home) as h:
        n = approve(h, _user(as_user), batch_id)
    out.print(f"batch {batch_id} approved ({n} of 2)")


@batch_app.command("release")
def batch_release(batch_id: str, out_file: Annotated[Path, typer.Option("--out")],
                  home: HomeOpt = None, as_user: AsOpt = None, debug: DebugOpt = False) -> None:
    """Write the response file for the requesting agency and record every disclosure.

    Example: dgate batch release ICE-2026-000123 --out response.csv --as officer2
    """
    from dgate.service.release import release

    with _open(home) as h:
        r = release(h, _user(as_user), batch_id, out_file)
    if r.repeated:
        out.print(f"batch {batch_id} was already released; the same response was rewritten "
                  f"to {out_file} and nothing new was disclosed")
    else:
        out.print(f"batch {batch_id} released: {r.disclosed} disclosed of {r.rows}; "
                  f"response written to {out_file}")


@review_app.command("list")
def review_list(batch_id: Annotated[str | None, typer.Argument()] = None, home: HomeOpt = None,
                as_user: AsOpt = None, debug: DebugOpt = False) -> None:
    """The pending review items: REQUEST_KEY first on each line.

    Example: dgate review list ICE-2026-000123
    """
    from dgate.service.release import review_list as list_items

    with _open(home) as h:
        items = list_items(h, _user(as_user), batch_id)
    print("REQUEST_KEY BATCH_ID REQUEST_ID MATCH_PROBABILITY CANDIDATES")
    for it in items:
        prob = "" if it.probability is None else f"{it.probability:.4f}"
        rid = "".join(it.request_id.split()) or "-"
        print(f"{it.request_key} {it.batch_id} {rid} {prob or '-'} {it.candidates or 0}")


@review_app.command("decide")
def review_decide(request_key: str,
                  disclose: Annotated[bool | None, typer.Option(
                      "--disclose/--no-disclose", help="The reviewer's verdict.")] = None,
                  home: HomeOpt = None, as_user: AsOpt = None, debug: DebugOpt = False) -> None:
    """Decide one review item.

    Example: dgate review decide ICE-2026-000123:17 --no-disclose --as reviewer1
    """
    from dgate.service.release import review_decide as decide_item

    if disclose is None:
        raise UsageError("review decide needs --disclose or --no-disclose")
    with _open(home) as h:
        decide_item(h, _user(as_user), request_key, disclose)
    out.print(f"{request_key}: {'disclose' if disclose else 'do not disclose'} recorded")


# -- accounting and ledger -------------------------------------------------------------------

@accounting_app.command("export")
def accounting_export(out_file: Annotated[Path, typer.Option("--out")],
                      from_: Annotated[str | None, typer.Option("--from")] = None,
                      to: Annotated[str | None, typer.Option("--to")] = None,
                      agency: Annotated[str | None, typer.Option("--agency")] = None,
                      tin: Annotated[str | None, typer.Option(
                          "--tin", help="Only this taxpayer's rows (9 digits; found by a "
                          "keyed index, never stored or logged in clear).")] = None,
                      home: HomeOpt = None, as_user: AsOpt = None,
                      debug: DebugOpt = False) -> None:
    """Export the accounting of requests and disclosures (CSV, or JSON for a .json file).

    Example: dgate accounting export --out accounting.csv --from 2026-01-01 --to 2026-12-31
    """
    from dgate.service.audit import accounting_export as export

    start, end = _date(from_, "--from"), _date(to, "--to")
    if tin is not None and not re.fullmatch(r"\d{9}", re.sub(r"[\s-]", "", tin)):
        raise UsageError("--tin must be a TIN of 9 digits (dashes allowed)")
    with _open(home) as h:
        n = export(h, _user(as_user), out_file, start, end, agency, tin)
    out.print(f"{n} accounting rows written to {out_file}")


@accounting_app.command("summary")
def accounting_summary(year: Annotated[int, typer.Option("--year")],
                       home: HomeOpt = None, as_user: AsOpt = None,
                       debug: DebugOpt = False) -> None:
    """Annual counts for oversight reports: requests by agency and disposition, reason codes,
    disclosures. Carries no taxpayer data.

    Example: dgate accounting summary --year 2026
    """
    from dgate.service.audit import accounting_summary as summarize

    with _open(home) as h:
        s = summarize(h, _user(as_user), year)
    table = Table(title=f"Accounting summary {s.year}")
    for col in ("agency", "item", "records"):
        table.add_column(col)
    for (agency, disp), n in sorted(s.requests.items()):
        table.add_row(agency, f"requests {disp}", str(n))
    for (agency, code), n in sorted(s.codes.items()):
        table.add_row(agency, f"reason {code}", str(n))
    for agency, n in sorted(s.disclosures.items()):
        table.add_row(agency, "addresses disclosed", str(n))
    table.add_row("-", "packages refused unread", str(s.refused_packages))
    out.print(table)


@ledger_app.command("verify")
def ledger_verify(home: HomeOpt = None, as_user: AsOpt = None, debug: DebugOpt = False) -> None:
    """Recompute the ledger end to end; exit 1 and name the first bad entry if it was altered.

    Example: dgate ledger verify
    """
    from dgate.service.audit import ledger_verify as verify

    with _open(home) as h:
        result = verify(h, _user(as_user))
    if not result.ok:
        err.print(f"dgate: ledger verification failed: {result.message}")
        raise typer.Exit(1)
    out.print(result.message)


@ledger_app.command("checkpoint")
def ledger_checkpoint(new: Annotated[bool, typer.Option(
                          "--new", help="Sign a fresh checkpoint of the current tree first.")
                      ] = False,
                      home: HomeOpt = None, as_user: AsOpt = None,
                      debug: DebugOpt = False) -> None:
    """Print the latest signed checkpoint (C2SP signed note), for publishing outside.

    Example: dgate ledger checkpoint --new > checkpoint.txt
    """
    from dgate.service.audit import checkpoint_note

    with _open(home) as h:
        note = checkpoint_note(h, _user(as_user), new=new)
    if note is None:
        raise DgateError("the ledger has no checkpoint yet")
    sys.stdout.write(note)


@ledger_app.command("prove")
def ledger_prove(entry: int, home: HomeOpt = None, as_user: AsOpt = None,
                 debug: DebugOpt = False) -> None:
    """Print a self-contained inclusion proof (JSON) of ledger entry ENTRY in the latest
    checkpoint; anyone can check it with `dgate ledger verify-proof` or docs/ledger.md.

    Example: dgate ledger prove 42 > proof.json
    """
    import json

    from dgate.ledger import store as ledger
    from dgate.model import Role
    from dgate.service.home import KEY_NAME

    with _open(home) as h:
        h.authorize(_user(as_user), [Role.AUDITOR, Role.ADMIN], "ledger prove")
        bundle = ledger.evidence(h.conn, entry, KEY_NAME, h.public_key())
    sys.stdout.write(json.dumps(bundle, indent=2) + "\n")


@ledger_app.command("verify-proof")
def ledger_verify_proof(proof: Path, verifier_key: Annotated[str | None, typer.Option(
                            "--verifier-key", help="The log's verifier key (name+id+key); "
                            "default: this home's.")] = None,
                        home: HomeOpt = None, debug: DebugOpt = False) -> None:
    """Check an inclusion proof offline: the checkpoint's signature, then the entry's path
    to the signed root. Exit 1 if it does not verify.

    Example: dgate ledger verify-proof proof.json --verifier-key "dgate-ledger+1a2b3c4d+AB..."
    """
    import base64
    import json

    from dgate.errors import InputError
    from dgate.ledger import merkle
    from dgate.ledger.checkpoint import parse_verifier_key, verify_checkpoint
    from dgate.ledger.checkpoint import verifier_key as make_vkey

    try:
        bundle = json.loads(proof.read_text(encoding="utf-8"))
        note, index = str(bundle["checkpoint"]), int(bundle["index"])
        leaf = base64.b64decode(bundle["entry"], validate=True)
        path = [base64.b64decode(p, validate=True) for p in bundle["proof"]]
    except (OSError, ValueError, KeyError, TypeError):
        raise InputError(f"{proof}: not a proof bundle from `dgate ledger prove`") from None
    if verifier_key is None:
        from dgate.service.home import KEY_NAME
        with _open(home) as h:
            verifier_key = make_vkey(KEY_NAME, h.public_key())
    name, key = parse_verifier_key(verifier_key)
    try:
        head = verify_checkpoint(note, name, key)
        merkle.verify_inclusion(index, head.size, merkle.leaf_hash(leaf), path, head.root)
    except DgateError as exc:
        err.print(f"dgate: proof does not verify: {exc}")
        raise typer.Exit(1) from None
    out.print(f"entry {index} is in the signed tree of size {head.size} ({head.origin})")


# -- keys, retention, incidents ---------------------------------------------------------------

@keys_app.command("list")
def keys_list(home: HomeOpt = None, as_user: AsOpt = None, debug: DebugOpt = False) -> None:
    """The data keys: id, purpose, scope, master key id, created, destroyed (no key material).

    Example: dgate keys list --as admin
    """
    from dgate.service.keys import current_kek_id
    from dgate.service.keys import keys_list as list_keys

    with _open(home) as h:
        keys = list_keys(h, _user(as_user))
        kek = current_kek_id(h)
    print(f"master key {kek} ({h.vault.source})")
    print("KEY_ID PURPOSE SCOPE KEK_ID CREATED_AT DESTROYED_AT")
    for k in keys:
        print(f"{k.key_id} {k.purpose} {k.scope or '-'} {k.kek_id} {k.created_at} "
              f"{k.destroyed_at or '-'}")


@keys_app.command("rotate")
def keys_rotate(new_key_env: Annotated[str | None, typer.Option(
                    "--new-key-env", help="Read the new master key (base64url) from this "
                    "environment variable (needed when $DGATE_MASTER_KEY is in use).")] = None,
                home: HomeOpt = None, as_user: AsOpt = None, debug: DebugOpt = False) -> None:
    """A new master key: every live data key is re-wrapped under it in one transaction,
    then the old master key leaves the keyring.

    Example: dgate keys rotate --as admin
    """
    from dgate.service.keys import keys_rotate as rotate

    with _open(home) as h:
        r = rotate(h, _user(as_user), new_key_env)
    out.print(f"master key rotated: {', '.join(r.old_kek_ids)} -> {r.new_kek_id}; "
              f"{r.rewrapped} data key(s) re-wrapped")
    if r.source == "env":
        out.print(f"now set DGATE_MASTER_KEY to the value of ${new_key_env}")


@retention_app.command("run")
def retention_run(as_of: Annotated[str | None, typer.Option(
                      "--as-of", help="Date to measure ages against (default today).")] = None,
                  home: HomeOpt = None, as_user: AsOpt = None, debug: DebugOpt = False) -> None:
    """Destroy (crypto-shred) every batch's data past its retention and superseded master
    extracts; a destruction certificate for each goes into the ledger.

    Example: dgate retention run --as-of 2029-12-31 --as admin
    """
    from dgate.service.retention import retention_run as run

    day = _date(as_of, "--as-of") or date.today()
    with _open(home) as h:
        r = run(h, _user(as_user), day)
    for c in r.destroyed:
        what = c.get("batch") or f"master {c.get('master')}"
        out.print(f"destroyed {what}: {', '.join(c['data_classes'])} "
                  f"(keys {', '.join(c['key_ids'])})")
    if r.overdue_master:
        err.print(f"dgate: the master in force ({r.overdue_master}) is past its retention; "
                  "load a newer extract")
    if not r.wal_truncated:
        err.print("dgate: another process is reading the case store; the WAL will be "
                  "emptied when it finishes")
    out.print(f"retention run as of {r.as_of}: {len(r.destroyed)} destruction(s)")


@incident_app.command("report")
def incident_report(from_: Annotated[str, typer.Option("--from", help="First day YYYY-MM-DD.")],
                    to: Annotated[str, typer.Option("--to", help="Last day YYYY-MM-DD.")],
                    discovered_by: Annotated[str, typer.Option(
                        "--discovered-by", help="How the incident was discovered.")] = "",
                    out_file: Annotated[Path | None, typer.Option(
                        "--out", help="Write the report (JSON) here.")] = None,
                    home: HomeOpt = None, as_user: AsOpt = None,
                    debug: DebugOpt = False) -> None:
    """What Publication 1075 asks within 24 hours, from the ledger: window, discovery,
    data elements, records, disclosures and views per batch, users, systems, key events,
    ledger status. No taxpayer data.

    Example: dgate incident report --from 2026-11-01 --to 2026-11-25 --out incident.json
    """
    from dgate.csvout import write_atomic
    from dgate.service.incident import incident_report as build

    start, end = _date(from_, "--from"), _date(to, "--to")
    assert start is not None and end is not None
    with _open(home) as h:
        rep = build(h, _user(as_user), start, end, discovered_by)
    if out_file is not None:
        write_atomic(out_file, rep.to_json().encode("utf-8"))
    else:
        sys.stdout.write(rep.to_json())
    for line in rep.lines():
        (out if out_file is not None else err).print(line)


# -- the match model -------------------------------------------------------------------------

@model_app.command("train")
def model_train(batch_id: str,
                sample: Annotated[int, typer.Option(help="Random master pairs for u.")] = 20_000,
                seed: Annotated[int, typer.Option(help="Sampling seed.")] = 0,
                activate: Annotated[bool, typer.Option(
                    "--activate", help="Put the trained model in force.")] = False,
                home: HomeOpt = None, as_user: AsOpt = None, debug: DebugOpt = False) -> None:
    """Estimate m (EM over a submitted batch's lawful candidate pairs) and u (random master
    pairs); save the model as an artefact named by its hash.

    Example: dgate model train ICE-2026-000123 --activate
    """
    from dgate.service.models import train_model

    with _open(home) as h:
        digest, rep = train_model(h, _user(as_user), batch_id, sample=sample, seed=seed,
                                  activate=activate)
    out.print(f"model {digest} trained on {rep.candidate_pairs} candidate pairs and "
              f"{rep.random_pairs} random pairs (match share {rep.match_share:.3f})"
              f"{'; now in force' if activate else ''}")


@model_app.command("use")
def model_use(digest: str, home: HomeOpt = None, as_user: AsOpt = None,
              debug: DebugOpt = False) -> None:
    """Put a saved model in force ("default" for the built-in priors).

    Example: dgate model use 3f2a…
    """
    from dgate.service.models import use_model

    with _open(home) as h:
        use_model(h, _user(as_user), digest)
    out.print(f"model {digest} in force")


@model_app.command("show")
def model_show(home: HomeOpt = None, debug: DebugOpt = False) -> None:
    """Print the model in force (JSON) with its hash.

    Example: dgate model show
    """
    import json

    with _open(home) as h:
        out.print(h.model.content_hash())
        sys.stdout.write(json.dumps(h.model.to_json(), indent=2, sort_keys=True) + "\n")


# -- the requester's side ---------------------------------------------------------------------

@package_app.command("check")
def package_check(package: Path,
                  as_of: Annotated[str | None, typer.Option("--as-of")] = None,
                  statute: Annotated[list[str] | None, typer.Option(
                      "--statute", help="A designated criminal statute (repeatable).")] = None,
                  public_key: Annotated[Path | None, typer.Option(
                      "--public-key", help="The signer's public key PEM.")] = None,
                  home: HomeOpt = None, debug: DebugOpt = False) -> None:
    """Run every rule that needs no master file, offline, and print what would be rejected.
    Exit 0 if nothing would be, 1 otherwise.

    Example: dgate package check pkg/ --statute "8 U.S.C. 1253(a)(1)" --public-key dir.pub.pem
    """
    from dgate.service.requester import check_package

    report = check_package(package, as_of=_date(as_of, "--as-of") or date.today(),
                           statutes=list(statute or []), public_key=public_key)
    for code in report.batch_codes:
        out.print(f"batch: {code} (every record would be rejected)")
    for rid, codes in report.record_codes.items():
        out.print(f"{rid}: {';'.join(codes)}")
    out.print(f"{report.records} records, {len(report.record_codes)} with defects, "
              f"{len(report.batch_codes)} batch-level defects")
    if not report.clean:
        raise typer.Exit(1)


@package_app.command("sign")
def package_sign(package: Path, key: Annotated[Path, typer.Option(
                     "--key", help="The official's Ed25519 private key PEM.")],
                 home: HomeOpt = None, debug: DebugOpt = False) -> None:
    """Write records_sha256 and record_count into batch.json and sign it (batch.json.sig).

    Example: dgate package sign pkg/ --key director.pem
    """
    from dgate.service.requester import sign_package

    manifest = sign_package(package, key)
    out.print(f"signed {package / 'batch.json'}: {manifest['record_count']} records")


# -- demo and service ------------------------------------------------------------------------

@app.command()
def demo(out_dir: Annotated[Path, typer.Option("--out", help="Working folder.")] = Path(
             "dgate-demo"),
         taxpayers: Annotated[int, typer.Option(help="Synthetic taxpayers.")] = 3000,
         requests: Annotated[int, typer.Option(help="Synthetic requests.")] = 300,
         seed: Annotated[int, typer.Option(help="Random seed.")] = 7,
         home: HomeOpt = None, debug: DebugOpt = False) -> None:
    """Generate a synthetic master and a signed batch, run submit → decisions → review →
    two approvals → release, and print a summary.

    Example: dgate demo --taxpayers 5000 --requests 500
    """
    from dgate.demo import run_demo

    bar, update = _progress()
    with bar:
        summary = run_demo(out_dir, taxpayers=taxpayers, requests=requests, seed=seed,
                           progress=update, say=lambda s: err.print(s), home=home)
    table = Table(title=f"Batch {summary.batch_id}: dispositions and reason codes")
    table.add_column("disposition")
    table.add_column("reason code")
    table.add_column("records", justify="right")
    for (disp, code), n in sorted(summary.by_code.items()):
        table.add_row(disp, code, str(n))
    out.print(table)
    for line in summary.lines:
        out.print(line)


@app.command()
def evaluate(folder: Path,
             as_of: Annotated[str | None, typer.Option("--as-of")] = None,
             report: Annotated[Path | None, typer.Option("--report")] = None,
             home: HomeOpt = None, debug: DebugOpt = False) -> None:
    """Run the whole flow on a `dgate synth` folder and score it against its truth:
    precision, recall, wrongful disclosures by scenario, defects caught, review rate,
    time per stage; `--report FILE.html` also writes a self-contained report with plots.

    Example: dgate evaluate work/ --report work/report.html
    """
    from dgate.evaluate import evaluate as run_eval

    bar, update = _progress()
    with bar:
        ev = run_eval(folder, as_of=_date(as_of, "--as-of"), keep_home=home, progress=update)
    for line in ev.lines():
        out.print(line)
    if report is not None:
        from dgate.report import write_report

        write_report(ev, report)
        out.print(f"report: {report}")
    table = Table(title="Outcomes by scenario")
    dispositions = ("DISCLOSE", "REVIEW", "NOT_DISCLOSED", "REJECTED")
    table.add_column("scenario")
    for d in dispositions:
        table.add_column(d, justify="right")
    for scenario, counts in sorted(ev.outcomes.items()):
        table.add_row(scenario, *(str(counts.get(d, 0)) for d in dispositions))
    out.print(table)


@app.command()
def serve(host: Annotated[str, typer.Option("--host")] = "127.0.0.1",
          port: Annotated[int, typer.Option("--port")] = 8080,
          home: HomeOpt = None, debug: DebugOpt = False) -> None:
    """Serve the HTTP API on loopback by default.

    Example: dgate serve --port 8080
    """
    import uvicorn

    from dgate.web.app import create_app

    uvicorn.run(create_app(_home_path(home)), host=host, port=port, log_level="warning")


@app.command()
def synth(out_dir: Path,
          taxpayers: Annotated[int, typer.Option("--taxpayers")] = 10_000,
          requests: Annotated[int, typer.Option("--requests")] = 1_000,
          seed: Annotated[int, typer.Option("--seed")] = 0,
          as_of: Annotated[str | None, typer.Option("--as-of")] = None,
          home: HomeOpt = None, debug: DebugOpt = False) -> None:
    """Write a synthetic master, a signed request package and its ground truth.

    Example: dgate synth work/ --taxpayers 100000 --requests 5000 --seed 1
    """
    from dgate.synth import generate

    day = _date(as_of, "--as-of") or date.today()
    bar, update = _progress()
    with bar:
        generate(out_dir, taxpayers=taxpayers, requests=requests, seed=seed, as_of=day,
                 progress=update)
    out.print(f"synthetic data written to {out_dir}")


# -- entry point -----------------------------------------------------------------------------

def _parser_exit(exc: Exception) -> int | None:
    """Typer's own parser errors (it vendors click; older versions use click itself), by
    shape: Exit carries its code, usage errors a one-line message. None if not one."""
    kind = type(exc).__name__
    if kind == "Exit":
        return int(getattr(exc, "exit_code", 0))
    if kind == "Abort":
        sys.stderr.write("dgate: aborted\n")
        return 1
    if kind == "NoArgsIsHelpError":  # bare `dgate` or `dgate batch`: show the help
        sys.stderr.write(str(exc.format_message()) + "\n")  # type: ignore[attr-defined]
        return 2
    if hasattr(exc, "format_message") and hasattr(exc, "exit_code"):
        message = " ".join(str(exc.format_message()).split())
        sys.stderr.write(f"dgate: {message}\n")
        code = int(exc.exit_code)
        return 2 if code in (0, 2) else code
    return None


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    debug = "--debug" in args
    command = typer.main.get_command(app)
    try:
        code = command.main(args=args, prog_name="dgate", standalone_mode=False)
        sys.exit(code if isinstance(code, int) else 0)
    except DgateError as exc:
        if debug:
            traceback.print_exc()
        sys.stderr.write(f"dgate: {exc}\n")
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        sys.stderr.write("dgate: interrupted\n")
        sys.exit(130)
    except Exception as exc:  # noqa: BLE001 — the last line of defence: never a traceback
        parsed = _parser_exit(exc)
        if parsed is not None:
            sys.exit(parsed)
        if debug:
            traceback.print_exc()
        # The type only: a foreign message might quote data it was handed.
        sys.stderr.write(f"dgate: internal error ({type(exc).__name__}); rerun with --debug\n")
        sys.exit(1)


if __name__ == "__main__":
    main()
