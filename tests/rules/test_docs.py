"""docs/rules.md is generated, current, and every rule is documented and golden-tested."""

from __future__ import annotations

from pathlib import Path

import pytest

from .factory import missing_peers

if missing_peers("dgate.rules.vocab"):
    pytest.skip("dgate.rules.vocab not written yet", allow_module_level=True)

from dgate.rules import docs  # noqa: E402
from dgate.rules.catalogue import CATALOGUE, codes, ruleset_hash  # noqa: E402

from .golden import BATCH_GOLDEN, RECORD_GOLDEN  # noqa: E402


def test_docs_rules_md_is_current() -> None:
    path = docs.default_path()
    assert path.exists(), "docs/rules.md missing: run python -m dgate.rules.docs"
    assert path.read_text(encoding="utf-8") == docs.render(), (
        "docs/rules.md is stale: run python -m dgate.rules.docs")


def test_reference_names_every_rule_with_its_citation_and_the_hash() -> None:
    text = docs.render()
    assert ruleset_hash() in text
    for r in CATALOGUE:
        assert f"### `{r.code}`" in text
        assert r.citation in text and r.message in text


def test_every_rule_has_a_citation_and_a_message() -> None:
    for r in CATALOGUE:
        assert r.citation.strip(), r.code
        assert r.message.strip(), r.code


def test_every_batch_and_record_code_has_a_golden_case() -> None:
    assert set(BATCH_GOLDEN) == set(codes("batch"))
    assert set(RECORD_GOLDEN) == set(codes("record"))


def test_check_mode_reports_staleness(tmp_path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "rules.md"
    assert docs.main(["--check", str(target)]) == 1
    assert docs.main([str(target)]) == 0
    assert docs.main(["--check", str(target)]) == 0
    target.write_text(target.read_text(encoding="utf-8") + "edited\n", encoding="utf-8")
    assert docs.main(["--check", str(target)]) == 1


def test_an_option_it_does_not_know_writes_no_file(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert docs.main(["--help"]) == 2
    assert list(tmp_path.iterdir()) == []
