"""Start-up: a missing or corrupt catalog or bad intents stops ``assistant serve`` cleanly.

One clear line, exit status 1, no traceback and no half-started server; the lifespan
fails the same way when the app is built around bad paths. Also: SIGTERM shuts down
cleanly (exit 0).
"""

from __future__ import annotations

import shutil
import socket
import subprocess
from pathlib import Path

import pytest
from conftest import start_live_server
from litestar.testing import TestClient
from live import ROOT, LiveServer, free_port, serve_argv, server_env

from assistant.errors import CatalogError, ConfigError, IntentsError
from assistant.server.app import create_app
from assistant.settings import Settings, load_settings


def _serve(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    command = serve_argv(free_port(), *args)
    environ = server_env(**env)
    return subprocess.run(command, capture_output=True, text=True, timeout=120, env=environ)


def _assert_clean_failure(result: subprocess.CompletedProcess[str], fragment: str) -> None:
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert fragment in output
    assert "Traceback" not in output
    assert "Uvicorn running" not in output and "Started server" not in output


def test_missing_catalog_stops_start_up() -> None:
    _assert_clean_failure(_serve("--catalog", "/nonexistent/catalog.db"), "/nonexistent/catalog.db")


def test_corrupt_catalog_stops_start_up(tmp_path: Path) -> None:
    corrupt = tmp_path / "catalog.db"
    corrupt.write_bytes(b"this is not a database" * 100)
    _assert_clean_failure(_serve("--catalog", str(corrupt)), "catalog")


def test_truncated_sqlite_catalog_stops_start_up(tmp_path: Path) -> None:
    truncated = tmp_path / "catalog.db"
    truncated.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    _assert_clean_failure(_serve("--catalog", str(truncated)), "catalog")


def test_bad_intents_dir_stops_start_up(tmp_path: Path) -> None:
    result = _serve(ASSISTANT_INTENTS=str(tmp_path / "no-intents"))
    _assert_clean_failure(result, "intents")


def test_bad_lexicon_file_stops_start_up(tmp_path: Path) -> None:
    lexicon = tmp_path / "lexicon"
    shutil.copytree(ROOT / "lexicon", lexicon)
    (lexicon / "fields.toml").write_text('[fields.no_such_field]\nwords = ["x"]\n')
    result = _serve(ASSISTANT_LEXICON=str(lexicon))
    _assert_clean_failure(result, "lexicon")


def test_bad_setting_stops_start_up() -> None:
    _assert_clean_failure(_serve(ASSISTANT_RATE_BURST="lots"), "ASSISTANT_RATE_BURST")


def _start_up_error(settings: Settings) -> BaseException:
    """The exception (unwrapped from any exception group) that stops the app's lifespan."""
    with pytest.raises(BaseException) as caught, TestClient(create_app(settings)):
        pass
    error = caught.value
    while isinstance(error, BaseExceptionGroup) and len(error.exceptions) == 1:
        error = error.exceptions[0]
    return error


def test_lifespan_fails_on_a_missing_catalog(tmp_path: Path) -> None:
    settings = load_settings(env={}, catalog=tmp_path / "missing.db")
    assert isinstance(_start_up_error(settings), CatalogError)


def test_lifespan_fails_on_missing_intents(tmp_path: Path) -> None:
    catalog = tmp_path / "catalog.db"
    catalog.write_bytes(b"SQLite format 3\x00")
    settings = load_settings(env={}, catalog=catalog, intents=tmp_path / "none")
    assert isinstance(_start_up_error(settings), IntentsError)


def test_sigterm_shuts_down_cleanly(tmp_path: Path) -> None:
    with start_live_server(tmp_path) as server:
        code = server.stop()
        log = server.log.read_text()
    assert code in (0, -15), log  # uvicorn re-raises the signal after a clean shutdown
    assert "Application shutdown complete" in log
    assert "Traceback" not in log


def test_live_health_reports_loaded_models(live_server: LiveServer) -> None:
    import httpx

    body = httpx.get(live_server.url + "/health").json()
    assert body["status"] == "ok"
    assert isinstance(body["models"], int) and body["models"] > 0


BAD_SETTINGS = {
    "nan-rate": ("ASSISTANT_RATE_PER_SECOND", "nan"),
    "negative-burst": ("ASSISTANT_RATE_BURST", "-1"),
    "negative-connections": ("ASSISTANT_MAX_CONNECTIONS", "-1"),
    "negative-ttl": ("ASSISTANT_SESSION_TTL", "-5"),
    "infinite-idle": ("ASSISTANT_IDLE_TIMEOUT", "inf"),
    "port-out-of-range": ("ASSISTANT_PORT", "99999"),
    "zero-per-ip": ("ASSISTANT_MAX_CONNECTIONS_PER_IP", "0"),
    "proxy-typo": ("ASSISTANT_TRUSTED_PROXIES", "10.0.0.300"),
}


@pytest.mark.parametrize("case", sorted(BAD_SETTINGS))
def test_finding8_bad_settings_stop_start_up_with_one_message(case: str) -> None:
    name, value = BAD_SETTINGS[case]
    command = [*serve_argv(free_port())[:-2]]  # no --port: the variable decides
    environ = server_env(**{name: value})
    result = subprocess.run(command, capture_output=True, text=True, timeout=30, env=environ)
    _assert_clean_failure(result, name)
    assert len((result.stdout + result.stderr).strip().splitlines()) == 1


def test_finding8_a_port_in_use_exits_1_not_3() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            serve_argv(port), capture_output=True, text=True, timeout=30, env=server_env()
        )
    _assert_clean_failure(result, f"127.0.0.1:{port}")
    assert "in use" in result.stdout + result.stderr


@pytest.mark.parametrize(
    ("value", "ok"), [("0", True), ("20", True), ("-1", False), ("nan", False)]
)
def test_finding8_settings_ranges_are_checked_where_settings_are_built(
    value: str, ok: bool
) -> None:
    env = {"ASSISTANT_PING_INTERVAL": value}
    if ok:
        assert load_settings(env=env).ping_interval == float(value)
    else:
        with pytest.raises(ConfigError, match="ASSISTANT_PING_INTERVAL"):
            load_settings(env=env)
