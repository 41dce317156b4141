"""assistant catalog update and diff: from files and from a loopback HTTP server; a bad or
partial download, or a failed check, never replaces the catalog."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_catalog_build import CANONICAL, LITELLM, OPENROUTER, _write

from assistant.catalog.build import build_catalog
from assistant.catalog.commands import catalog as catalog_cli
from assistant.catalog.diff import diff_catalogs, render_diff
from assistant.catalog.store import Catalog
from assistant.catalog.update import refresh
from assistant.errors import UpdateError

NEW_LITELLM = {
    **LITELLM,
    "gpt-x": {**LITELLM["gpt-x"], "deprecation_date": "2027-01-01"},
    "acme_cloud/org/model-a": {
        **LITELLM["acme_cloud/org/model-a"], "input_cost_per_token": 1.5e-06
    },
    "gpt-y": {"litellm_provider": "openai", "mode": "chat", "input_cost_per_token": 3e-06,
              "output_cost_per_token": 9e-06},
}  # fmt: skip
API_JSON = {
    "openai": {"id": "openai", "name": "OpenAI", "models": {
        "gpt-x": {"name": "GPT X", "cost": {"input": 2, "output": 8}, "limit": {"context": 100000}},
    }},
}  # fmt: skip


class _Server:
    """A loopback HTTP server answering path -> list of (status, body), one per request."""

    def __init__(self) -> None:
        self.replies: dict[str, list[tuple[int, bytes]]] = {}
        self.hits: dict[str, int] = {}
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                queue = outer.replies.get(self.path, [(404, b"")])
                outer.hits[self.path] = outer.hits.get(self.path, 0) + 1
                status, body = queue.pop(0) if len(queue) > 1 else queue[0]
                self.send_response(status)
                self.send_header("content-length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                return

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()


@pytest.fixture
def server() -> Iterator[_Server]:
    srv = _Server()
    yield srv
    srv.httpd.shutdown()
    srv.httpd.server_close()


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    """A small vendored tree: a canonical model, two providers, OpenRouter and LiteLLM."""
    root = tmp_path / "sources"
    md = root / "models-dev"
    _write(md / "models" / "openai" / "gpt-x.toml", CANONICAL)
    _write(md / "providers" / "openai" / "provider.toml", 'name = "OpenAI"\n')
    _write(md / "providers" / "openai" / "models" / "gpt-x.toml",
           'base_model = "openai/gpt-x"\n[cost]\ninput = 2\noutput = 8\n')  # fmt: skip
    _write(md / "providers" / "foo" / "provider.toml", 'name = "Foo Cloud"\n')
    _write(md / "providers" / "foo" / "models" / "org" / "Model-A",
           'name = "Model A"\n[cost]\ninput = 1.5\noutput = 3\n')  # fmt: skip
    _write(md / "models.json", json.dumps(OPENROUTER))
    _write(root / "litellm" / "model_prices_and_context_window.json", json.dumps(LITELLM))
    return root


@pytest.fixture
def built(sources: Path, tmp_path: Path) -> Path:
    out = tmp_path / "cat.db"
    build_catalog(out, sources)
    return out


def _json(tmp_path: Path, name: str, data: object) -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_update_from_a_file_swaps_in_and_reports_the_diff(
    built: Path,
    sources: Path,
    tmp_path: Path,
) -> None:
    new = _json(tmp_path, "litellm.json", NEW_LITELLM)
    diff = refresh(built, sources, {"litellm": str(new)}, today="2026-12-02")
    after = Catalog.open(built)
    assert {s.name: s.snapshot_date for s in after.sources()}["litellm"] == "2026-12-02"
    assert any(m.endswith("gpt-y") for m in diff.added)
    assert any(c.field == "input_price" and c.new == "1.5" for c in diff.prices)
    assert "models added: 1" in render_diff(diff)
    assert not (tmp_path / "cat.db.new").exists()


def test_update_from_a_loopback_url_retries_server_errors(
    built: Path,
    sources: Path,
    server: _Server,
) -> None:
    server.replies["/prices.json"] = [(503, b""), (200, json.dumps(NEW_LITELLM).encode())]
    server.replies["/api.json"] = [(200, json.dumps(API_JSON).encode())]
    url = server.url
    diff = refresh(
        built, sources, {"litellm": f"{url}/prices.json", "models.dev": f"{url}/api.json"}
    )
    assert server.hits["/prices.json"] == 2
    assert diff.added  # gpt-y
    routes = {
        r.provider_id
        for m in Catalog.open(built).all_models()
        for r in Catalog.open(built).routes_for(m.id)
    }
    assert "foo" not in routes  # api.json replaced the vendored providers/ folder


@pytest.mark.parametrize(
    ("source", "body"),
    [
        ("litellm", b'{"gpt-x": {"litellm_provider": "openai", "mode": "ch'),  # partial
        ("litellm", b"<html>rate limited</html>"),
        ("openrouter", b'{"data": []}'),
        ("models.dev", b'{"openai": {"name": "OpenAI"}}'),
    ],
)
def test_a_bad_or_partial_download_changes_nothing(
    built: Path,
    sources: Path,
    server: _Server,
    source: str,
    body: bytes,
) -> None:
    before = built.read_bytes()
    server.replies["/file"] = [(200, body)]
    with pytest.raises(UpdateError):
        refresh(built, sources, {source: f"{server.url}/file"})
    assert built.read_bytes() == before


def test_a_failing_download_and_a_failed_check_change_nothing(
    built: Path,
    sources: Path,
    server: _Server,
    tmp_path: Path,
) -> None:
    before = built.read_bytes()
    server.replies["/gone"] = [(404, b"")]
    with pytest.raises(UpdateError, match="HTTP 404"):
        refresh(built, sources, {"litellm": f"{server.url}/gone"})
    tiny = _json(tmp_path, "one.json", {"data": [{"id": "x/y", "name": "Y"}]})
    huge = {f"m{i}": {"litellm_provider": "p", "mode": "chat", "input_cost_per_token": 1e-6,
                      "output_cost_per_token": 1e-6} for i in range(40)}  # fmt: skip
    with pytest.raises(UpdateError, match="outside"):
        refresh(built, sources, {"litellm": str(_json(tmp_path, "huge.json", huge))})
    assert tiny.exists() and built.read_bytes() == before


def test_the_update_and_diff_commands(built: Path, sources: Path, tmp_path: Path) -> None:
    old = tmp_path / "old.db"
    old.write_bytes(built.read_bytes())
    new = _json(tmp_path, "litellm.json", NEW_LITELLM)
    runner = CliRunner()
    result = runner.invoke(catalog_cli, ["update", "--litellm", str(new), "--out", str(built),
                                         "--sources", str(sources)])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "price changes: 1" in result.output and f"updated {built}" in result.output
    shown = runner.invoke(catalog_cli, ["diff", str(old), str(built)])
    assert shown.exit_code == 0 and "models added: 1" in shown.output
    same = runner.invoke(catalog_cli, ["diff", str(old), str(old)])
    assert same.exit_code == 0 and "No differences" in same.output
    bad = runner.invoke(catalog_cli, ["update", "--litellm", str(tmp_path / "missing.json"),
                                      "--out", str(built), "--sources", str(sources)])  # fmt: skip
    assert bad.exit_code == 1 and "was not changed" in bad.output
    assert runner.invoke(catalog_cli, ["update", "--out", str(built)]).exit_code == 2


def test_diff_lists_capability_and_context_changes() -> None:
    from assistant.catalog.records import Capability, Model

    old = Catalog.from_records(models=[Model(id="a/m", name="M", context_window=8000)])
    cap = {"vision": Capability(name="vision", value=True)}
    new = Catalog.from_records(models=[Model(id="a/m", name="M", context_window=16000,
                                             capabilities=cap)])  # fmt: skip
    diff = diff_catalogs(old, new)
    assert [(c.field, c.old, c.new) for c in diff.contexts] == [("context_window", "8000", "16000")]
    assert [(c.field, c.old, c.new) for c in diff.capabilities] == [("vision", "unknown", "True")]
