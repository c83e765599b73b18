"""Commands that set the home up and keep it: init, users, agencies, officials, the
master file, keys, retention and incidents."""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from dgate.cli.base import (
    AsOpt,
    DebugOpt,
    HomeOpt,
    acting_user,
    agency_app,
    app,
    err,
    home_path,
    incident_app,
    keys_app,
    master_app,
    official_app,
    open_home,
    option_date,
    out,
    progress_bar,
    retention_app,
    user_app,
)

# -- init and administration ------------------------------------------------------------------

@app.command()
def init(home: HomeOpt = None, as_user: AsOpt = None, debug: DebugOpt = False) -> None:
    """Create the home: case store, master store folder, ledger keys, an `admin` user.

    Example: dgate init --home /srv/dgate
    """
    # No user exists before the home does: the console operator creates it, as `admin`.
    # `--as` is accepted (every other command takes it) and names no one else here.
    del as_user
    from dgate.service.home import init_home

    path = home_path(home)
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

    with open_home(home) as h:
        admin.user_add(h, acting_user(as_user), user, role)
    out.print(f"user {user} added as {role}")


@user_app.command("token")
def user_token(user: str, days: Annotated[int | None, typer.Option(
        "--days", min=1, help="Lifetime in days (default: config.json token_lifetime_days, "
                              "else 90; at most 365).")] = None,
        home: HomeOpt = None, as_user: AsOpt = None, debug: DebugOpt = False) -> None:
    """Issue an API token for USER (shown once; only its SHA-256 is kept). It expires
    after its lifetime; issue a new one before then.

    Example: dgate user token alice --days 30 --as admin
    """
    from dgate.service import tokens

    with open_home(home) as h:
        issued = tokens.issue(h, acting_user(as_user), user, days)
    sys.stdout.write(issued.token + "\n")
    err.print(f"token {issued.token_id} for {user} expires {issued.expires_at}")


@user_app.command("tokens")
def user_tokens(user: Annotated[str | None, typer.Argument(
        help="Only this user's tokens.")] = None,
        home: HomeOpt = None, as_user: AsOpt = None, debug: DebugOpt = False) -> None:
    """List the API tokens issued (public id, user, issued, expires, state), never a token.

    Example: dgate user tokens --as admin
    """
    from dgate.service import tokens

    with open_home(home) as h:
        rows = tokens.list_tokens(h, acting_user(as_user), user)
    # Tab-separated on stdout as written (a console would expand the tabs).
    sys.stdout.write("token_id\tuser\tissued\tissued_by\texpires\tstate\n")
    for t in rows:
        sys.stdout.write(f"{t.token_id}\t{t.user_id}\t{t.created_at}\t{t.created_by}\t"
                         f"{t.expires_at}\t{t.state}\n")


@user_app.command("revoke")
def user_revoke(user: str, home: HomeOpt = None, as_user: AsOpt = None,
                debug: DebugOpt = False) -> None:
    """Revoke every live API token of USER (its web sessions end with them).

    Example: dgate user revoke alice --as admin
    """
    from dgate.service import tokens

    with open_home(home) as h:
        n = tokens.revoke_tokens(h, acting_user(as_user), user)
    out.print(f"{n} token(s) of {user} revoked")


@user_app.command("unlock")
def user_unlock(user: str, home: HomeOpt = None, as_user: AsOpt = None,
                debug: DebugOpt = False) -> None:
    """Release USER's sign-in lock before it runs out, and clear the count of refused
    sign-ins (administrators only).

    Three refused sign-ins as a user within 120 minutes lock sign-ins as that user for 120
    minutes (config.json signin_attempts, signin_window_minutes, signin_lock_minutes; 0
    minutes: until unlocked here). The ledger records each lock (signin_locked) and each
    unlock (signin_unlocked).

    Example: dgate user unlock alice --as admin
    """
    from dgate.service import signin

    with open_home(home) as h:
        was = signin.unlock(h, acting_user(as_user), user)
    out.print(f"{user} unlocked" if was else f"{user} was not locked; its count is cleared")


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
    with open_home(home) as h:
        admin.agency_add(h, acting_user(as_user), code, name, statutes)
    out.print(f"agency {code} added with {len(statutes)} statute(s)")


@agency_app.command("suspend")
def agency_suspend(code: str, reason: Annotated[str, typer.Option("--reason")],
                   home: HomeOpt = None, as_user: AsOpt = None, debug: DebugOpt = False) -> None:
    """Stop all disclosures to an agency (e.g. by court order).

    Example: dgate agency suspend ICE --reason "order of 21 Nov 2025"
    """
    from dgate.service import admin

    with open_home(home) as h:
        admin.agency_status(h, acting_user(as_user), code, suspend=True, reason=reason)
    out.print(f"agency {code} suspended")


@agency_app.command("resume")
def agency_resume(code: str, home: HomeOpt = None, as_user: AsOpt = None,
                  debug: DebugOpt = False) -> None:
    """Restart disclosures to a suspended agency.

    Example: dgate agency resume ICE
    """
    from dgate.service import admin

    with open_home(home) as h:
        admin.agency_status(h, acting_user(as_user), code, suspend=False)
    out.print(f"agency {code} resumed")


@agency_app.command("block")
def agency_block(code: str, reason: Annotated[str, typer.Option("--reason")],
                 home: HomeOpt = None, as_user: AsOpt = None, debug: DebugOpt = False) -> None:
    """Block an agency for open Publication 1075 safeguard findings.

    Example: dgate agency block ICE --reason "open findings, no corrective action plan"
    """
    from dgate.service import admin

    with open_home(home) as h:
        admin.agency_safeguards(h, acting_user(as_user), code, block=True, reason=reason)
    out.print(f"agency {code} blocked for safeguard findings")


@agency_app.command("unblock")
def agency_unblock(code: str, home: HomeOpt = None, as_user: AsOpt = None,
                   debug: DebugOpt = False) -> None:
    """Lift a safeguard block.

    Example: dgate agency unblock ICE
    """
    from dgate.service import admin

    with open_home(home) as h:
        admin.agency_safeguards(h, acting_user(as_user), code, block=False)
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

    vf, vt = option_date(valid_from, "--valid-from"), option_date(valid_to, "--valid-to")
    with open_home(home) as h:
        admin.official_add(h, acting_user(as_user), code, official_id, name=name, title=title,
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

    bar, update = progress_bar()
    with open_home(home) as h, bar:
        info = admin.master_load(h, acting_user(as_user), path, update)
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

    with open_home(home) as h:
        version = export_home_master(h, acting_user(as_user), folder)
    out.print(f"master {version} exported to {folder}")


# -- keys, retention, incidents ---------------------------------------------------------------

@keys_app.command("list")
def keys_list(home: HomeOpt = None, as_user: AsOpt = None, debug: DebugOpt = False) -> None:
    """The data keys: id, purpose, scope, master key id, created, destroyed (no key material).

    Example: dgate keys list --as admin
    """
    from dgate.service.keys import current_kek_id
    from dgate.service.keys import keys_list as list_keys

    with open_home(home) as h:
        keys = list_keys(h, acting_user(as_user))
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

    with open_home(home) as h:
        r = rotate(h, acting_user(as_user), new_key_env)
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

    day = option_date(as_of, "--as-of") or date.today()
    with open_home(home) as h:
        r = run(h, acting_user(as_user), day)
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

    start, end = option_date(from_, "--from"), option_date(to, "--to")
    assert start is not None and end is not None
    with open_home(home) as h:
        if out_file is not None:
            h.check_output(out_file)  # before the report is built and recorded
        rep = build(h, acting_user(as_user), start, end, discovered_by)
    if out_file is not None:
        write_atomic(out_file, rep.to_json().encode("utf-8"))
    else:
        sys.stdout.write(rep.to_json())
    for line in rep.lines():
        (out if out_file is not None else err).print(line)


