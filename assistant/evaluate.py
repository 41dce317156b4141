"""`assistant eval`: run labelled conversations through the engine in process and report.

Prints the failures, per-intent precision/recall, the confusions, per-category pass rates,
off-topic handling and invented numbers, and as its LAST line ``eval: P/T passed (X.X%)``.
Exit status: 0 at or above ``--min-pass``, 1 below it, 2 when the cases or a catalog
cannot be read.
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click
import msgspec

from assistant.errors import AssistantError
from assistant.evaluation.cases import Case, CaseError, load_cases
from assistant.evaluation.catalogs import build_seed_catalog
from assistant.evaluation.report import eval_line, failure_lines, summarise, text_report
from assistant.evaluation.run import Responder, TurnResult, run_cases
from assistant.paths import default_catalog_path, default_intents_dir

Command = TypeVar("Command", bound=Callable[..., Any])
SHOWN_FAILURE_LINES = 60
EXIT_BELOW = 1
EXIT_UNREADABLE = 2


def load_engine(catalog_path: Path, intents_dir: Path) -> Responder:
    """The real engine on one catalog."""
    from assistant.engine import Engine

    return Engine.load(catalog_path, intents_dir)


class EngineSet:
    """One engine per catalog kind, loaded the first time a case needs it."""

    def __init__(
        self,
        paths: dict[str, Path],
        seed_dir: Path,
        loader: Callable[[Path], Responder],
    ) -> None:
        self._paths = dict(paths)
        self._seed_dir = seed_dir
        self._loader = loader
        self._engines: dict[str, Responder] = {}

    def __call__(self, kind: str) -> Responder:
        """The engine for "seed" or "full"."""
        if kind not in self._engines:
            self._engines[kind] = self._loader(self._path(kind))
        return self._engines[kind]

    def _path(self, kind: str) -> Path:
        """The catalog of a kind; the seed-only one is built when no path was given."""
        if kind not in self._paths:
            self._paths[kind] = build_seed_catalog(self._seed_dir / "seed-catalog.db")
        return self._paths[kind]


def _threshold(value: float) -> float:
    """--min-pass as a fraction; values above 1 are read as percentages."""
    return value / 100.0 if value > 1 else value


def _write_failures(path: Path, lines: list[str], header: str) -> None:
    """Write every failure (or 'none') to a file."""
    path.write_text("\n".join([header, "", *(lines or ["no failures"])]) + "\n", encoding="utf-8")


def evaluate(
    cases: Sequence[Case],
    engine_for: Callable[[str], Responder],
    failures_file: Path | None,
    as_json: bool,
) -> float:
    """Run, print the report (last line: the eval line) and return the pass fraction."""
    results: list[TurnResult] = run_cases(cases, engine_for)
    summary = summarise(results)
    failures = failure_lines(results)
    if failures_file is not None:
        _write_failures(failures_file, failures, eval_line(summary))
    if as_json:
        click.echo(msgspec.json.encode(summary).decode())
        click.echo(eval_line(summary))
    else:
        shown = None if failures_file is None else SHOWN_FAILURE_LINES
        click.echo(text_report(summary, failures, shown))
    overall = summary.overall
    return overall.passed / overall.total if overall.total else 0.0


def _path_option(*decls: str, help_text: str) -> Callable[[Command], Command]:
    """An optional ``Path`` option (None when not given)."""
    return click.option(*decls, type=click.Path(path_type=Path), default=None, help=help_text)


@click.command("eval")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@_path_option("--catalog", help_text="Catalog for 'full' cases (default: the shipped catalog.db).")
@_path_option(
    "--seed-catalog", help_text="Seed-only catalog for 'seed' cases (default: built in a temp dir)."
)
@_path_option("--intents", help_text="Intents folder (default: the shipped intents/).")
@click.option(
    "--min-pass",
    "min_pass",
    type=float,
    default=0.0,
    show_default=True,
    help="Exit 1 when the turn pass rate is below this (0-1, or a percentage).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the summary as one JSON line.")
@_path_option(
    "--failures",
    "failures_file",
    help_text="Write every failure to this file (stdout then shows the first ones).",
)
def eval_command(
    files: tuple[Path, ...],
    catalog: Path | None,
    seed_catalog: Path | None,
    intents: Path | None,
    min_pass: float,
    as_json: bool,
    failures_file: Path | None,
) -> None:
    """Run labelled conversations (JSONL or TOML) through the engine and report the pass rate."""
    try:
        cases = load_cases(files)
    except CaseError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_UNREADABLE)
    paths = {"full": catalog or default_catalog_path()}
    if seed_catalog is not None:
        paths["seed"] = seed_catalog
    intents_dir = intents or default_intents_dir()
    with tempfile.TemporaryDirectory(prefix="assistant-eval-") as tmp:
        engines = EngineSet(paths, Path(tmp), lambda path: load_engine(path, intents_dir))
        try:
            rate = evaluate(cases, engines, failures_file, as_json)
        except AssistantError as exc:
            click.echo(f"error: {exc}", err=True)
            click.echo("eval: 0/0 passed (0.0%)")
            sys.exit(EXIT_UNREADABLE)
    if rate < _threshold(min_pass):
        sys.exit(EXIT_BELOW)
