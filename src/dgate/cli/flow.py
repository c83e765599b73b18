"""Commands of the disclosure flow: batches, the review queue, the accounting and the
ledger."""

from __future__ import annotations

import re
import sys
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from dgate.cli.base import (
    AsOpt,
    DebugOpt,
    HomeOpt,
    accounting_app,
    acting_user,
    batch_app,
    err,
    ledger_app,
    open_home,
    option_date,
    out,
    progress_bar,
    review_app,
)
from dgate.errors import DgateError, UsageError

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

    processing = option_date(as_of, "--as-of") or date.today()
    bar, update = progress_bar()
    with open_home(home) as h, bar:
        result = submit(h, acting_user(as_user), package, processing, update)
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

    with open_home(home) as h:
        n = decision_report(h, acting_user(as_user), batch_id, out_file)
    out.print(f"{n} decisions written to {out_file}")


@batch_app.command("approve")
def batch_approve(batch_id: str, home: HomeOpt = None, as_user: AsOpt = None,
                  debug: DebugOpt = False) -> None:
    """A disclosure officer's approval; two distinct officers are needed to release.

    Example: dgate batch approve ICE-2026-000123 --as officer1
    """
    from dgate.service.release import approve

    with open_home(home) as h:
        n = approve(h, acting_user(as_user), batch_id)
    out.print(f"batch {batch_id} approved ({n} of 2)")


@batch_app.command("unapprove")
def batch_unapprove(batch_id: str,
                    reason: Annotated[str, typer.Option(
                        "--reason", help="Why the approval is withdrawn (one line; sealed "
                        "with the batch's data on the ledger).")],
                    home: HomeOpt = None, as_user: AsOpt = None,
                    debug: DebugOpt = False) -> None:
    """A disclosure officer withdraws their own approval of a batch not yet released
    (e.g. so that a review decision found wrong can be reopened). On the ledger.

    Example: dgate batch unapprove ICE-2026-000123 --reason "item 17 decided wrongly"
    --as officer1
    """
    from dgate.service.release import unapprove

    with open_home(home) as h:
        n = unapprove(h, acting_user(as_user), batch_id, reason)
    out.print(f"batch {batch_id}: approval withdrawn ({n} of 2 remain)")


@batch_app.command("release")
def batch_release(batch_id: str, out_file: Annotated[Path, typer.Option("--out")],
                  home: HomeOpt = None, as_user: AsOpt = None, debug: DebugOpt = False) -> None:
    """Write the response file for the requesting agency and record every disclosure.

    Example: dgate batch release ICE-2026-000123 --out response.csv --as officer2
    """
    from dgate.service.release import release

    with open_home(home) as h:
        r = release(h, acting_user(as_user), batch_id, out_file)
    if r.repeated:
        out.print(f"batch {batch_id} was already released; the same response was rewritten "
                  f"to {out_file} and nothing new was disclosed")
    else:
        out.print(f"batch {batch_id} released: {r.disclosed} disclosed of {r.rows}; "
                  f"response written to {out_file}")


@review_app.command("list")
def review_list(batch_id: Annotated[str | None, typer.Argument()] = None, home: HomeOpt = None,
                as_user: AsOpt = None, debug: DebugOpt = False) -> None:
    """The pending review items: REQUEST_KEY first on each line, REASONS last.

    REASONS says why the item was not disclosed automatically: the rules the policy
    recorded, `;`-separated (dob_one_digit, middle_conflict, probability …; the web review
    page says them in words). Shown to reviewers and disclosure officers only; "-" for
    other roles and for an item that recorded none.

    Example: dgate review list ICE-2026-000123
    """
    from dgate.service.release import review_list_with_reasons

    with open_home(home) as h:
        items, reasons = review_list_with_reasons(h, acting_user(as_user), batch_id)
    print("REQUEST_KEY BATCH_ID REQUEST_ID MATCH_PROBABILITY CANDIDATES REASONS")
    for it in items:
        prob = "" if it.probability is None else f"{it.probability:.4f}"
        rid = "".join(it.request_id.split()) or "-"
        why = ";".join(c for c in ("".join(r.split()) for r in
                                   (reasons or {}).get(it.request_key, [])) if c)
        print(f"{it.request_key} {it.batch_id} {rid} {prob or '-'} {it.candidates or 0} "
              f"{why or '-'}")
    if reasons is None and items:
        err.print("REASONS are shown to reviewers and disclosure officers only")


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
    with open_home(home) as h:
        decide_item(h, acting_user(as_user), request_key, disclose)
    out.print(f"{request_key}: {'disclose' if disclose else 'do not disclose'} recorded")



@review_app.command("reopen")
def review_reopen(request_key: str,
                  reason: Annotated[str, typer.Option(
                      "--reason", help="Why the decision is taken back (one line; sealed "
                      "with the batch's data on the ledger).")],
                  home: HomeOpt = None, as_user: AsOpt = None, debug: DebugOpt = False) -> None:
    """Take a review decision back before release: the item returns to the review queue.
    Refused (exit 4) once the batch has its two approvals or is released; an approval
    already given is withdrawn. The decision and its reopening both stay on the ledger.

    Example: dgate review reopen ICE-2026-000123:17 --reason "confirmed the wrong item"
    --as reviewer1
    """
    from dgate.service.release import review_reopen as reopen_item

    with open_home(home) as h:
        withdrawn = reopen_item(h, acting_user(as_user), request_key, reason)
    out.print(f"{request_key}: reopened; it is pending review again")
    if withdrawn:
        out.print(f"the approval of {', '.join(withdrawn)} was withdrawn: two disclosure "
                  f"officers must approve the batch again")


@review_app.command("hold")
def review_hold(request_key: str,
                reason: Annotated[str, typer.Option(
                    "--reason", help="Why the decision is sent back to review (one line; "
                    "sealed with the batch's data on the ledger).")],
                home: HomeOpt = None, as_user: AsOpt = None, debug: DebugOpt = False) -> None:
    """Send a DISCLOSE decision of a batch not yet released back to review, to be decided
    again with `review decide` (e.g. a release refused because the master was loaded again
    and its address is no longer the last known one). Approvals already given are
    withdrawn. The decision and the hold both stay on the ledger. Refused (exit 4) once
    the batch is released.

    Example: dgate review hold ICE-2026-000123:17 --reason "release refused: moved"
    --as reviewer1
    """
    from dgate.service.release import review_hold as hold_item

    with open_home(home) as h:
        withdrawn = hold_item(h, acting_user(as_user), request_key, reason)
    out.print(f"{request_key}: held; it is pending review")
    if withdrawn:
        out.print(f"the approval of {', '.join(withdrawn)} was withdrawn: two disclosure "
                  f"officers must approve the batch again")


@review_app.command("history")
def review_history(request_key: str, home: HomeOpt = None, as_user: AsOpt = None,
                   debug: DebugOpt = False) -> None:
    """Every review action on one request, from the ledger: decisions (those taken back
    too), reopenings with their reasons, refusals. Reviewers, disclosure officers and
    auditors; access-logged.

    Example: dgate review history ICE-2026-000123:17 --as aud1
    """
    from dgate.service.release import review_history as history

    with open_home(home) as h:
        actions = history(h, acting_user(as_user), request_key)
    print("ENTRY AT ACTION ACTOR OUTCOME REASON")
    for a in actions:
        print(f"{a.entry} {a.at} {a.action} {a.actor} {a.outcome} {a.reason or '-'}")

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

    start, end = option_date(from_, "--from"), option_date(to, "--to")
    if tin is not None and not re.fullmatch(r"\d{9}", re.sub(r"[\s-]", "", tin)):
        raise UsageError("--tin must be a TIN of 9 digits (dashes allowed)")
    with open_home(home) as h:
        n = export(h, acting_user(as_user), out_file, start, end, agency, tin)
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

    with open_home(home) as h:
        s = summarize(h, acting_user(as_user), year)
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
def ledger_verify(checkpoint: Annotated[list[Path] | None, typer.Option(
                      "--checkpoint", help="A checkpoint published earlier (the output of "
                      "`ledger checkpoint`, kept outside the home); repeatable. The ledger "
                      "must still hold what it signed: a home put back from an older copy, "
                      "or cut short with its checkpoints, fails.")] = None,
                  verifier_key: Annotated[str | None, typer.Option(
                      "--verifier-key", help="The office's published verifier key (`ledger "
                      "key`), checked instead of the key file in the home.")] = None,
                  home: HomeOpt = None, as_user: AsOpt = None, debug: DebugOpt = False) -> None:
    """Recompute the ledger end to end; exit 1 and name the first bad entry if it was altered.

    Example: dgate ledger verify --checkpoint published/2026-11-30.txt
    --verifier-key "dgate-ledger+1a2b3c4d+AB..."
    """
    from dgate.errors import InputError
    from dgate.service.audit import ledger_verify as verify

    published = []
    for path in checkpoint or []:
        try:
            published.append((path.name, path.read_text(encoding="utf-8")))
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"{path}: cannot read the published checkpoint "
                             f"({getattr(exc, 'strerror', None) or type(exc).__name__})"
                             ) from None
    with open_home(home) as h:
        result = verify(h, acting_user(as_user), verifier_key, published)
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

    with open_home(home) as h:
        note = checkpoint_note(h, acting_user(as_user), new=new)
    if note is None:
        raise DgateError("the ledger has no checkpoint yet")
    sys.stdout.write(note)


@ledger_app.command("key")
def ledger_key(home: HomeOpt = None, as_user: AsOpt = None, debug: DebugOpt = False) -> None:
    """Print the ledger's verifier key (name+id+key), for the office to publish and auditors
    to pin (`ledger verify --verifier-key`, `ledger verify-proof --verifier-key`).

    Example: dgate ledger key > verifier-key.txt
    """
    from dgate.service.audit import ledger_key as key

    with open_home(home) as h:
        sys.stdout.write(key(h, acting_user(as_user)) + "\n")


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

    with open_home(home) as h:
        h.authorize(acting_user(as_user), [Role.AUDITOR, Role.ADMIN], "ledger prove")
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
        with open_home(home) as h:
            verifier_key = make_vkey(KEY_NAME, h.public_key())
    name, key = parse_verifier_key(verifier_key)
    try:
        head = verify_checkpoint(note, name, key)
        merkle.verify_inclusion(index, head.size, merkle.leaf_hash(leaf), path, head.root)
    except DgateError as exc:
        err.print(f"dgate: proof does not verify: {exc}")
        raise typer.Exit(1) from None
    out.print(f"entry {index} is in the signed tree of size {head.size} ({head.origin})")


