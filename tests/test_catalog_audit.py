"""The identity audit: its rules on small records, the overlay's links and distinctions, and
the shipped catalog (no unresolved high-confidence duplicate among the ten largest labs)."""

from __future__ import annotations

from click.testing import CliRunner

from assistant import paths
from assistant.catalog.audit import audit, largest_labs, snapshot_pair
from assistant.catalog.commands import catalog as catalog_cli
from assistant.catalog.overlay import Distinct, Overlay, load_overlay
from assistant.catalog.records import Cite, Model, Route
from assistant.catalog.store import Catalog

MD = Cite(source="models.dev", date="2026-07-02")


def _route(model_id: str, pmid: str) -> Route:
    return Route(provider_id="p", provider_name="P", model_id=model_id, provider_model_id=pmid,
                 cite=MD)  # fmt: skip


def _catalog() -> Catalog:
    models = [
        Model(id="acme/chat-3-5-20241022", name="Chat 3.5 v2", lab_id="acme"),
        Model(id="acme/chat-3.5-v2", name="Chat 3.5 v2", lab_id="acme"),
        Model(id="acme/chat-3-5-20240620", name="Chat 3.5", lab_id="acme"),
        Model(id="acme/chat-3.5-june", name="Chat-3.5-June", lab_id="acme"),
        Model(id="acme/big", name="Big", lab_id="acme"),
        Model(id="acme/big-20250101", name="Big", lab_id="acme"),
    ]
    routes = [_route("acme/chat-3-5-20241022", "acme/chat-3-5-20240620")]
    return Catalog.from_records(models=models, routes=routes)


def _rules(overlay: Overlay) -> dict[tuple[str, ...], str]:
    return {s.ids: f"{s.rule}/{s.confidence}" for s in audit(_catalog(), overlay)}


def test_the_rules_find_same_names_month_words_stamps_and_conflated_routes() -> None:
    found = _rules(Overlay(date="2026-11-25"))
    assert found[("acme/chat-3-5-20241022", "acme/chat-3.5-v2")] == "same name/high"
    assert found[("acme/chat-3.5-june", "acme/chat-3-5-20240620")] == "month word/high"
    assert found[("acme/chat-3-5-20240620", "acme/chat-3-5-20241022")] == "two stamps/medium"
    assert found[("acme/chat-3-5-20241022",)] == "conflated routes/high"
    assert ("acme/big", "acme/big-20250101") not in found  # an alias and its snapshot


def test_a_checked_distinction_resolves_a_suspicion() -> None:
    pair = ["acme/chat-3-5-20240620", "acme/chat-3-5-20241022"]
    overlay = Overlay(date="2026-11-25", distinct=[Distinct(ids=pair, evidence="two releases")])
    assert tuple(pair) not in _rules(overlay)


def test_snapshot_pairs_include_the_dash_zero_alias() -> None:
    assert snapshot_pair("a/claude-opus-4-0", "a/claude-opus-4-20250514")
    assert not snapshot_pair("a/claude-opus-4-1", "a/claude-opus-4-20250514")


def test_largest_labs() -> None:
    models = [Model(id=f"{lab}/m{i}", name="m", lab_id=lab) for lab, n in
              (("a", 3), ("b", 1), ("c", 2)) for i in range(n)]  # fmt: skip
    assert largest_labs(models, 2) == ["a", "c"]


def test_no_unresolved_high_confidence_duplicate_among_the_ten_largest_labs() -> None:
    shipped = Catalog.open(paths.default_catalog_path())
    top = largest_labs(shipped.all_models())
    blocking = [
        s for s in audit(shipped, load_overlay()) if s.confidence == "high" and s.lab in top
    ]
    assert blocking == []


def test_claude_3_5_sonnet_routes_sit_on_their_own_release() -> None:
    shipped = Catalog.open(paths.default_catalog_path())
    june = {r.provider_model_id for r in shipped.routes_for("anthropic/claude-3-5-sonnet-20240620")}
    october = {
        r.provider_model_id for r in shipped.routes_for("anthropic/claude-3-5-sonnet-20241022")
    }
    assert "claude-3-5-sonnet-20240620" in june and "anthropic/claude-sonnet-3.5-june" in june
    assert "claude-3-5-sonnet-20241022" in october and "claude-3.5-sonnet-v2" in october
    assert not any("20240620" in pmid for pmid in october)
    assert shipped.model("anthropic/claude-3.5-sonnet-v2") is None  # merged: one model
    v2 = {a.model_id for a in shipped.aliases() if a.alias.lower() == "claude-3.5-sonnet-v2"}
    assert v2 == {"anthropic/claude-3-5-sonnet-20241022"}


def test_the_audit_command_strict_mode() -> None:
    result = CliRunner().invoke(catalog_cli, ["audit", "--strict"])
    assert result.exit_code == 0, result.output
    assert "0 high-confidence among the 10 largest labs" in result.output
    assert "prices:" in result.output and "figures:" in result.output
