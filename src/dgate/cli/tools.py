"""Commands around the flow: the match model, the requester's offline package tools,
the demo, evaluation, synthetic data and the HTTP service."""

from __future__ import annotations

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
    acting_user,
    app,
    err,
    home_path,
    model_app,
    open_home,
    option_date,
    out,
    package_app,
    progress_bar,
)
from dgate.errors import UsageError

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

    with open_home(home) as h:
        digest, rep = train_model(h, acting_user(as_user), batch_id, sample=sample, seed=seed,
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

    with open_home(home) as h:
        use_model(h, acting_user(as_user), digest)
    out.print(f"model {digest} in force")


@model_app.command("show")
def model_show(home: HomeOpt = None, debug: DebugOpt = False) -> None:
    """Print the model in force (JSON) with its hash.

    Example: dgate model show
    """
    import json

    with open_home(home) as h:
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

    report = check_package(package, as_of=option_date(as_of, "--as-of") or date.today(),
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

    bar, update = progress_bar()
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

    bar, update = progress_bar()
    with bar:
        ev = run_eval(folder, as_of=option_date(as_of, "--as-of"), keep_home=home, progress=update)
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
          port: Annotated[int, typer.Option("--port", min=0, max=65535)] = 8080,
          max_upload_mib: Annotated[int, typer.Option(
              "--max-upload-mib", min=1, max=4096,
              help="The largest package upload accepted, in MiB (413 above).")] = 64,
          home: HomeOpt = None, debug: DebugOpt = False) -> None:
    """Serve the HTTP API on loopback by default.

    Example: dgate serve --port 8080
    """
    import uvicorn

    from dgate.web.app import create_app
    from dgate.web.common import MIB

    app_ = create_app(home_path(home), max_upload_bytes=max_upload_mib * MIB)
    _require_listenable(host, port)
    # No `Server: uvicorn` header: what software answers is no one's business.
    uvicorn.run(app_, host=host, port=port, log_level="warning", server_header=False)


def _require_listenable(host: str, port: int) -> None:
    """Refuse (UsageError), in one line, an address the server cannot listen on (a port in
    use, a host that is not this machine's): uvicorn says it in its own log format and
    exits 3, which cli.md keeps for unreadable input."""
    import socket

    try:
        family, kind, proto, _, address = socket.getaddrinfo(
            host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)[0]
        with socket.socket(family, kind, proto) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn does
            probe.bind(address)
    except OSError as exc:
        raise UsageError(f"cannot listen on {host}:{port}: "
                         f"{exc.strerror or type(exc).__name__}") from None


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

    day = option_date(as_of, "--as-of") or date.today()
    bar, update = progress_bar()
    with bar:
        generate(out_dir, taxpayers=taxpayers, requests=requests, seed=seed, as_of=day,
                 progress=update)
    out.print(f"synthetic data written to {out_dir}")


