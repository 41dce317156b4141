"""Reloading the catalog in place: POST /admin/reload (token-guarded) and SIGHUP; open
WebSockets stay connected; a bad catalog keeps the old one; /health shows the dates."""

from __future__ import annotations

import json
import os
import signal
import time
import urllib.request
from pathlib import Path

import pytest
from litestar.testing import TestClient
from live import running, serve_server

from assistant import paths
from assistant.catalog.build import build_catalog
from assistant.catalog.store import Catalog
from assistant.server.app import create_app
from assistant.settings import load_settings

TOKEN = "s3cret-token"


def _tree(root: Path) -> Path:
    """A tiny source tree: three models.dev models, empty listings."""
    for name in ("alpha", "beta", "gamma"):
        path = root / "models-dev" / "models" / "acme" / f"{name}.toml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f'name = "Acme {name.title()}"\n[limit]\ncontext = 8000\n', "utf-8")
    (root / "models-dev" / "models.json").write_text('{"data": []}', "utf-8")
    (root / "litellm").mkdir()
    (root / "litellm" / "model_prices_and_context_window.json").write_text("{}", "utf-8")
    return root


@pytest.fixture
def catalogs(tmp_path: Path) -> tuple[Path, Path]:
    """(the served catalog path holding the seed build, a bigger build to swap in)."""
    served, bigger = tmp_path / "catalog.db", tmp_path / "bigger.db"
    build_catalog(served, paths.sources_dir(), seed_only=True)
    build_catalog(bigger, _tree(tmp_path / "src"))
    return served, bigger


def _client(path: Path, token: str | None = TOKEN) -> TestClient:  # type: ignore[type-arg]
    settings = load_settings({}, catalog=path, intents=paths.default_intents_dir(),
                             admin_token=token)  # fmt: skip
    return TestClient(create_app(settings))


def _auth(token: str = TOKEN) -> dict[str, str]:
    return {"authorization": f"Bearer {token}"}


def test_health_shows_the_catalog_build_time_and_source_dates(catalogs: tuple[Path, Path]) -> None:
    with _client(catalogs[0]) as client:
        body = client.get("/health").json()
    assert body["models"] == 2
    assert body["sources"] == {"seed-page": "2026-05-19"}
    assert body["catalog_built"].startswith("20")


def test_admin_reload_swaps_the_catalog_and_keeps_websockets_open(
    catalogs: tuple[Path, Path],
) -> None:
    served, bigger = catalogs
    count = Catalog.open(bigger).stats()["models"]
    with _client(served) as client, client.websocket_connect("/ws") as ws:
        assert ws.receive_json()["type"] == "welcome"
        os.replace(bigger, served)
        answer = client.post("/admin/reload", headers=_auth())
        assert answer.status_code == 200, answer.text
        assert answer.json()["models"] == count and "models.dev" in answer.json()["sources"]
        assert client.get("/health").json()["models"] == count
        ws.send_json({"type": "message", "text": "tell me about acme beta"})
        reply = ws.receive_json()
        assert reply["type"] == "reply" and "acme/beta" in reply["models"]


def test_admin_reload_needs_the_token(catalogs: tuple[Path, Path]) -> None:
    with _client(catalogs[0]) as client:
        assert client.post("/admin/reload").status_code == 401
        wrong = client.post("/admin/reload", headers=_auth("nope"))
        assert wrong.status_code == 401 and wrong.json()["code"] == "unauthorized"
    with _client(catalogs[0], token=None) as client:
        off = client.post("/admin/reload", headers=_auth())
        assert off.status_code == 403 and "ASSISTANT_ADMIN_TOKEN" in off.json()["message"]


def test_a_bad_catalog_keeps_the_loaded_one(catalogs: tuple[Path, Path]) -> None:
    served, _ = catalogs
    with _client(served) as client:
        served.write_bytes(b"not a database")
        answer = client.post("/admin/reload", headers=_auth())
        assert answer.status_code == 500 and "previous catalog kept" in answer.json()["message"]
        assert client.get("/health").json()["models"] == 2
        reply = client.post("/api/chat", json={"text": "is qwen 3.5 4b open source?"})
        assert reply.status_code == 200 and "Apache" in reply.json()["text"]


def _health(url: str) -> dict[str, object]:
    with urllib.request.urlopen(f"{url}/health", timeout=5) as response:
        return json.loads(response.read())  # type: ignore[no-any-return]


def test_sighup_reloads_a_live_server(catalogs: tuple[Path, Path], tmp_path: Path) -> None:
    served, bigger = catalogs
    count = Catalog.open(bigger).stats()["models"]
    with running(serve_server(tmp_path, "--catalog", str(served))) as server:
        assert _health(server.url)["models"] == 2
        os.replace(bigger, served)
        assert server.process is not None
        server.process.send_signal(signal.SIGHUP)
        deadline = time.monotonic() + 20
        while _health(server.url)["models"] != count and time.monotonic() < deadline:
            time.sleep(0.2)
        assert _health(server.url)["models"] == count
