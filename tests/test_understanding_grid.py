"""Generated grid over the reader and the executor, with SQL over catalog.db as the oracle.

Every constraint kind and order field the reader supports is asked in several phrasings
(plain, reworded, with a typo, in German, French or Spanish), with values drawn from the
catalog itself (quantiles of the sourced values, exact catalog values so a strict operator
is tested at its boundary). The engine answers each question for real; a direct SQL query
over ``catalog.db`` says what the answer must be, mirroring the executor's rules:

- a model passes a constraint only when its sourced value satisfies it (unknown values are
  excluded and counted as unknown, a known failing value counts as failed);
- rankings keep to chat models: text out (or output not sourced) and text in (or input not
  sourced);
- a model without the order key is excluded (unknown); "cheapest" orders by the cost of a
  default request (1,000 input + 200 output tokens) on the model's cheapest complete route;
- ties break by model id.

Each case checks that every listed model satisfies every constraint, that the listed values
are the oracle's first values in order (so the first is the true first, ties allowed), that
the match count and the excluded-unknown count are the oracle's, and that the list is as
long as the limit allows.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, NamedTuple

import msgspec
import pytest

from assistant.answers.query import Filters, Traffic
from assistant.answers.rank import rank_models
from assistant.engine.engine import Engine
from assistant.engine.memory import Memory

ROOT = Path(__file__).resolve().parent.parent
CATALOG = ROOT / "catalog.db"
DEFAULT_LIMIT = 5
SCALE = {"b": 1e9, "k": 1e3, "": 1.0}

pytestmark = pytest.mark.skipif(not CATALOG.exists(), reason="no catalog.db (catalog build)")


class Need(NamedTuple):
    """One requirement the question states: ``field op value`` (between: value..upper)."""

    field: str
    op: str
    value: float
    upper: float | None = None


class Case(NamedTuple):
    """A question and what it asks: requirements, input modalities, order and limit."""

    id: str
    text: str
    needs: tuple[Need, ...] = ()
    modalities: tuple[str, ...] = ()
    order: tuple[str, bool] | None = None  # (field, descending); None = cheapest first
    limit: int = DEFAULT_LIMIT


# --- the oracle: SQL over catalog.db ---------------------------------------------------

_YEAR = "(CASE WHEN {c} GLOB '[0-9][0-9][0-9][0-9]*' THEN CAST(substr({c}, 1, 4) AS REAL) END)"
_DAY = (
    "(CASE WHEN {c} GLOB '[0-9][0-9][0-9][0-9]*' THEN "
    "CAST(substr(replace({c}, '-', '') || '00000000', 1, 8) AS REAL) END)"
)
COLUMNS = {
    "params_total": "m.params_total",
    "params_active": "m.params_active",
    "context_window": "m.context_window",
    "max_output": "m.max_output",
    "release_year": _YEAR.format(c="m.release_date"),
    "cutoff_year": _YEAR.format(c="m.knowledge_cutoff"),
    "release": _DAY.format(c="m.release_date"),
    "knowledge_cutoff": _DAY.format(c="m.knowledge_cutoff"),
}
# The cost of the default request (1,000 input + 200 output tokens) on each model's
# cheapest complete route (both prices sourced and paid), and the chat models: text out
# (or output not sourced) and text in (or input not sourced). Temp tables, built once;
# ``slim`` is the models table without its large JSON columns, for fast scans.
SETUP = (
    "CREATE TEMP TABLE slim AS SELECT id, params_total, params_active, context_window,"
    " max_output, release_date, knowledge_cutoff, input_modalities, output_modalities"
    " FROM models",
    "CREATE TEMP TABLE cost (model_id TEXT PRIMARY KEY, usd REAL)",
    "INSERT INTO cost SELECT model_id, MIN((1000.0 * input_price + 200.0 * output_price)"
    " / 1000000.0) FROM routes WHERE input_price > 0 AND output_price > 0 GROUP BY model_id",
    "CREATE TEMP TABLE chat (id TEXT PRIMARY KEY)",
    "INSERT INTO chat SELECT id FROM slim m WHERE (m.output_modalities IS NULL OR EXISTS"
    " (SELECT 1 FROM json_each(m.output_modalities) WHERE value = 'text')) AND"
    " (m.input_modalities IS NULL OR EXISTS (SELECT 1 FROM json_each(m.input_modalities)"
    " WHERE value = 'text'))",
)
CHEAPEST = "(SELECT usd FROM cost WHERE cost.model_id = m.id)"
# One benchmark whatever joins its words ("SWE-Bench Pro" = "SWE Bench Pro"); the exact
# spelling's score wins when a model has both.
_SPELLING = "lower(replace(replace({}, '-', ' '), '_', ' '))"
BENCH = (
    "(SELECT b.score FROM benchmarks b WHERE b.model_id = m.id AND "
    + _SPELLING.format("b.name")
    + " = "
    + _SPELLING.format("?")
    + " ORDER BY b.name = ? DESC LIMIT 1)"
)
CHAT = "m.id IN (SELECT id FROM chat)"
MODALITY = "(SELECT COUNT(*) FROM json_each(m.input_modalities) WHERE value = ?)"
TESTS = {"<": "{v} < ?", "<=": "{v} <= ?", ">": "{v} > ?", ">=": "{v} >= ?", "==": "{v} = ?"}


def _column(name: str) -> tuple[str, list[Any]]:
    """The SQL expression of a field's sourced value (NULL when unknown) and its arguments."""
    if name.startswith("benchmark:"):
        bench = name.removeprefix("benchmark:")
        return BENCH, [bench, bench]
    if name == "cheapest":
        return CHEAPEST, []
    return COLUMNS[name], []


def _test(need: Need) -> tuple[str, list[Any]]:
    """The SQL test that a known value satisfies the requirement."""
    value, args = _column(need.field)
    if need.op == "between":
        assert need.upper is not None
        return f"{value} BETWEEN ? AND ?", [*args, need.value, need.upper]
    return TESTS[need.op].format(v=value), [*args, need.value]


class Truth(NamedTuple):
    """What the oracle says: the matches in order with their keys, and the unknown count."""

    ordered: list[tuple[str, float]]
    unknown: int

    @property
    def keys(self) -> dict[str, float]:
        """Model id -> order key, for the matches."""
        return dict(self.ordered)


def oracle(db: sqlite3.Connection, case: Case) -> Truth:
    """The matching chat models in order, and how many are excluded for unknown data."""
    field, descending = case.order or ("cheapest", False)
    key, args = _column(field)
    known: list[str] = [f"{key} IS NOT NULL"]
    passes: list[str] = []
    fails: list[str] = []
    pass_args: list[Any] = []
    fail_args: list[Any] = []
    known_args: list[Any] = list(args)
    for need in case.needs:
        value, value_args = _column(need.field)
        test, test_args = _test(need)
        known.append(f"{value} IS NOT NULL")
        known_args += value_args
        passes.append(test)
        pass_args += test_args
        fails.append(f"({value} IS NOT NULL AND NOT ({test}))")
        fail_args += value_args + test_args
    for modality in case.modalities:
        known.append("m.input_modalities IS NOT NULL")
        passes.append(f"{MODALITY} > 0")
        pass_args.append(modality)
        fails.append(f"(m.input_modalities IS NOT NULL AND {MODALITY} = 0)")
        fail_args.append(modality)
    where = " AND ".join([CHAT, *known, *passes])
    direction = "DESC" if descending else "ASC"
    rows = db.execute(
        f"SELECT m.id, {key} AS k FROM slim m WHERE {where} ORDER BY k {direction}, m.id",
        [*args, *known_args, *pass_args],
    ).fetchall()
    failing = " OR ".join(fails) or "0"
    all_known = " AND ".join(known)
    (unknown,) = db.execute(
        f"SELECT COUNT(*) FROM slim m WHERE {CHAT} AND NOT ({failing}) AND NOT ({all_known})",
        [*fail_args, *known_args],
    ).fetchone()
    return Truth(ordered=[(r[0], float(r[1])) for r in rows], unknown=unknown)


# --- values drawn from the catalog -----------------------------------------------------


def _connect() -> sqlite3.Connection:
    """catalog.db, read-only, with the oracle's temp tables."""
    db = sqlite3.connect(f"file:{CATALOG}?mode=ro", uri=True)
    for statement in SETUP:
        db.execute(statement)
    return db


def _sourced(db: sqlite3.Connection, column: str) -> list[float]:
    """The sorted sourced values of a field over chat models."""
    rows = db.execute(
        f"SELECT {column} FROM slim m WHERE {CHAT} AND {column} IS NOT NULL ORDER BY 1"
    ).fetchall()
    return [float(r[0]) for r in rows]


def _quantiles(values: Sequence[float], *shares: float) -> list[float]:
    """The values at the given shares of a sorted list (exact catalog values)."""
    return [values[min(len(values) - 1, int(share * len(values)))] for share in shares]


def _round(values: Sequence[float], unit: float) -> list[float]:
    """Catalog values that are whole multiples of ``unit`` ("128k", "8b" as said)."""
    return sorted({v for v in values if v > 0 and v % unit == 0})


def _said(value: float, unit: str) -> str:
    """A value as a user writes it with a unit suffix: 8e9 -> '8b', 128000 -> '128k'."""
    return f"{value / SCALE[unit]:g}{unit}"


def _heard(said: str) -> float:
    """The value the words say, computed as the reader does (digits times the scale)."""
    digits = said.rstrip("bk")
    return float(digits) * SCALE[said[len(digits) :]]


class Values(NamedTuple):
    """Catalog-drawn values for the grid."""

    params: list[str]  # "8b"-style, exact catalog parameter counts
    active: list[str]
    contexts_k: list[str]  # "128k"-style
    contexts_raw: list[str]  # exact catalog context windows, as digits
    outputs: list[str]
    years: list[int]
    cutoffs: list[int]
    benchmarks: list[tuple[str, float]]  # name, a threshold at the median score


def draw(db: sqlite3.Connection) -> Values:
    """Values from the catalog: quantiles of each field's sourced values."""
    params = _sourced(db, "m.params_total")
    active = _sourced(db, "m.params_active")
    contexts = _sourced(db, "m.context_window")
    outputs = _sourced(db, "m.max_output")
    years = [int(y) for y in _sourced(db, COLUMNS["release_year"])]
    cutoffs = [int(y) for y in _sourced(db, COLUMNS["cutoff_year"])]
    years = sorted({y for y in years if years.count(y) >= 20})  # years with real data
    cutoffs = sorted({y for y in cutoffs if cutoffs.count(y) >= 20})
    benches = db.execute(
        "SELECT name FROM benchmarks GROUP BY name HAVING COUNT(*) >= 10"
        " ORDER BY COUNT(*) DESC, name"
    ).fetchall()
    named: list[tuple[str, float]] = []
    for (name,) in benches:
        query = "SELECT score FROM benchmarks WHERE name = ? ORDER BY 1"
        scores = [r[0] for r in db.execute(query, [name])]
        named.append((name, float(round(scores[len(scores) // 2]))))
    return Values(
        params=[_said(v, "b") for v in _quantiles(params, 0.2, 0.5, 0.8, 0.95)],
        active=[_said(v, "b") for v in _quantiles(active, 0.25, 0.5, 0.75)],
        contexts_k=[_said(v, "k") for v in _quantiles(_round(contexts, 1000), 0.2, 0.5, 0.8)],
        contexts_raw=[f"{v:.0f}" for v in _quantiles(contexts, 0.3, 0.6, 0.9)],
        outputs=[f"{v:.0f}" for v in _quantiles(outputs, 0.25, 0.5, 0.75, 0.9)],
        years=years,
        cutoffs=cutoffs,
        benchmarks=named[:4],
    )


# --- the phrasings ----------------------------------------------------------------------
# Each row: (tag, op, question template). ``{x}`` is a value as said ("8b", "128k",
# "2024"); ``{y}`` the upper value of a "between". Every field has plain English
# phrasings, one with a typo and German, French and Spanish ones.

Row = tuple[str, str, str]

PARAMS: tuple[Row, ...] = (
    ("en-fewer", "<", "models with fewer than {x} parameters"),
    ("en-atmost", "<=", "which models have at most {x} params?"),
    ("en-more", ">", "show me models with more than {x} parameters"),
    ("en-atleast", ">=", "models with at least {x} parameters"),
    ("en-unit", "<=", "which models are under {x}?"),
    ("en-between", "between", "models between {x} and {y} parameters"),
    ("typo", "<", "modles with fewer than {x} paramters"),
    ("de", ">", "Welche Modelle haben mehr als {x} Parameter?"),
    ("fr", "<", "Quels modèles ont moins de {x} paramètres ?"),
    ("es", ">=", "¿Qué modelos tienen al menos {x} parámetros?"),
)
ACTIVE: tuple[Row, ...] = (
    ("en-fewer", "<", "models with fewer than {x} active parameters"),
    ("en-atleast", ">=", "which models have at least {x} active params"),
    ("typo", ">", "models with more than {x} actve parameters"),
    ("de", ">", "Modelle mit mehr als {x} aktiven Parametern"),
    ("fr", ">=", "modèles avec au moins {x} paramètres actifs"),
    ("es", "<", "modelos con menos de {x} parámetros activos"),
)
CONTEXT_K: tuple[Row, ...] = (
    ("en-atleast", ">=", "models with at least {x} context"),
    ("en-under", "<=", "models with a context length under {x}"),
    ("en-between", "between", "models with a context window between {x} and {y}"),
    ("de", ">=", "Modelle mit einem Kontextfenster von mindestens {x}"),
    ("es", "<", "modelos con una ventana de contexto de menos de {x}"),
)
CONTEXT_RAW: tuple[Row, ...] = (
    ("en-over", ">", "which models have a context window over {x} tokens"),
    ("en-atmost", "<=", "models whose context window is at most {x} tokens"),
    ("typo", "<=", "models with a contxt window of at most {x}"),
    ("fr", ">", "quels modèles ont une fenêtre de contexte de plus de {x} tokens"),
)
OUTPUT: tuple[Row, ...] = (
    ("en-above", ">", "models with a max output above {x}"),
    ("en-atmost", "<=", "which models have a maximum output of at most {x} tokens"),
    ("en-tokens", ">=", "models with at least {x} output tokens"),
    ("en-between", "between", "models with max output between {x} and {y}"),
    ("typo", "<=", "models with max outpt under {x}"),
    ("de", ">=", "Modelle mit einer maximalen Ausgabe von mindestens {x} Tokens"),
    ("fr", ">", "modèles avec une sortie maximale de plus de {x} tokens"),
    ("es", "<", "modelos con una salida máxima de menos de {x} tokens"),
)
RELEASE: tuple[Row, ...] = (
    ("en-in", "==", "models released in {x}"),
    ("en-before", "<", "which models came out before {x}?"),
    ("en-since", ">=", "models released since {x}"),
    ("en-after", ">", "models launched after {x}"),
    ("en-between", "between", "models released between {x} and {y}"),
    ("typo", "==", "models relased in {x}"),
    ("de", ">", "Welche Modelle wurden nach {x} veröffentlicht?"),
    ("fr", "==", "quels modèles sont sortis en {x} ?"),
    ("es", ">", "modelos lanzados después de {x}"),
)
CUTOFF: tuple[Row, ...] = (
    ("en-after", ">", "models with a knowledge cutoff after {x}"),
    ("en-in", "==", "models with a training cutoff in {x}"),
    ("en-since", ">=", "which models have a cutoff since {x}"),
    ("typo", "<", "models with a knowlege cutoff before {x}"),
    ("de", ">", "Modelle mit einem Wissensstand nach {x}"),
    ("fr", ">=", "modèles avec une date limite des connaissances depuis {x}"),
    ("es", "==", "modelos con fecha de corte en {x}"),
)
BENCHMARK: tuple[Row, ...] = (
    ("en-more", ">", "models with more than {x} on {b}"),
    ("en-atleast", ">=", "which models score at least {x} on {b}?"),
    ("en-under", "<=", "models scoring under {x} on {b}"),
    ("typo", ">", "modles with a score abve {x} on {b}"),
    ("de", ">", "Welche Modelle haben mehr als {x} bei {b}?"),
    ("fr", ">=", "quels modèles ont au moins {x} sur {b} ?"),
    ("es", "<", "modelos con menos de {x} en {b}"),
)
VIDEO: tuple[tuple[str, str], ...] = (
    ("en-input", "models with video input"),
    ("en-read", "which models can read videos?"),
    ("typo", "modles with vidoe input"),
    ("de", "Welche Modelle verstehen Videos?"),
    ("fr", "quels modèles acceptent la vidéo en entrée ?"),
    ("es", "modelos con entrada de video"),
)
# Orders: (tag, question, field, descending, limit). "{b}" is a benchmark name.
OrderRow = tuple[str, str, str, bool, int]
ORDERS: tuple[OrderRow, ...] = (
    ("params-most", "models with the most parameters", "params_total", True, 5),
    ("params-biggest", "the biggest models by parameter count", "params_total", True, 5),
    ("params-sorted", "models sorted by parameters", "params_total", True, 5),
    ("params-typo", "models with the most paramters", "params_total", True, 5),
    ("params-de", "Modelle mit den meisten Parametern", "params_total", True, 5),
    ("params-fr", "les modèles avec le plus de paramètres", "params_total", True, 5),
    ("params-es", "modelos con más parámetros", "params_total", True, 5),
    ("params-smallest", "the smallest models", "params_total", False, 5),
    ("params-fewest", "models with the fewest parameters", "params_total", False, 5),
    ("params-fewest-typo", "models with the fewest paramaters", "params_total", False, 5),
    ("params-smallest-de", "die kleinsten Modelle", "params_total", False, 5),
    ("params-fewest-fr", "les modèles avec le moins de paramètres", "params_total", False, 5),
    ("active-most", "models with the most active parameters", "params_active", True, 5),
    ("active-sorted", "models sorted by active params", "params_active", True, 5),
    ("active-typo", "models with the most actve parameters", "params_active", True, 5),
    ("active-fr", "les modèles avec le plus de paramètres actifs", "params_active", True, 5),
    ("active-least", "models with the least active parameters", "params_active", False, 5),
    ("active-es", "modelos ordenados por parámetros activos", "params_active", True, 5),
    ("ctx-largest", "models with the largest context window", "context_window", True, 5),
    ("ctx-longest", "which model has the longest context?", "context_window", True, 5),
    ("ctx-sorted", "models sorted by context length", "context_window", True, 5),
    ("ctx-typo", "models with the largest contxt window", "context_window", True, 5),
    ("ctx-de", "Modelle mit dem größten Kontextfenster", "context_window", True, 5),
    ("ctx-fr", "les modèles avec la plus grande fenêtre de contexte", "context_window", True, 5),
    ("ctx-es", "modelos con la mayor ventana de contexto", "context_window", True, 5),
    ("ctx-shortest", "models with the shortest context", "context_window", False, 5),
    ("ctx-top10", "top 10 models by context window", "context_window", True, 10),
    ("ctx-smallest", "the smallest context window", "context_window", False, 5),
    ("out-highest", "models with the highest max output", "max_output", True, 5),
    ("out-sorted", "models sorted by max output", "max_output", True, 5),
    ("out-largest", "the largest output limit", "max_output", True, 5),
    ("out-typo", "models with the highest max outpt", "max_output", True, 5),
    ("out-de", "Modelle sortiert nach maximaler Ausgabe", "max_output", True, 5),
    ("out-lowest", "models with the lowest max output", "max_output", False, 5),
    ("out-es", "modelos con la mayor salida máxima", "max_output", True, 5),
    ("new-newest", "the newest models", "release", True, 5),
    ("new-latest", "what are the latest models?", "release", True, 5),
    ("new-recent", "most recent models", "release", True, 5),
    ("new-top3", "the 3 newest models", "release", True, 3),
    ("new-typo", "the neweset models", "release", True, 5),
    ("new-de", "Welche sind die neuesten Modelle?", "release", True, 5),
    ("new-fr", "quels sont les modèles les plus récents ?", "release", True, 5),
    ("new-es", "¿cuáles son los modelos más recientes?", "release", True, 5),
    ("old-oldest", "the oldest models", "release", False, 5),
    ("old-earliest", "the earliest models", "release", False, 5),
    ("old-de", "Welche sind die ältesten Modelle?", "release", False, 5),
    ("year-sorted", "models sorted by release date", "release_year", True, 5),
    ("year-ranked", "models ranked by release", "release_year", True, 5),
    ("year-typo", "models sorted by relase date", "release_year", True, 5),
    ("year-fr", "modèles triés par date de sortie", "release_year", True, 5),
    ("year-de", "Modelle sortiert nach Veröffentlichung", "release_year", True, 5),
    ("cutoff-sorted", "models sorted by knowledge cutoff", "cutoff_year", True, 5),
    ("cutoff-ranked", "models ranked by training cutoff", "cutoff_year", True, 5),
    ("cutoff-typo", "models sorted by knowlege cutoff", "cutoff_year", True, 5),
    ("cutoff-es", "modelos ordenados por fecha de corte", "cutoff_year", True, 5),
    ("bench-top5", "top 5 by {b}", "benchmark", True, 5),
    ("bench-best", "which models are best on {b}?", "benchmark", True, 5),
    ("bench-ranked", "models ranked by {b}", "benchmark", True, 5),
    ("bench-top3", "top 3 models on {b}", "benchmark", True, 3),
    ("bench-top8", "top 8 by {b}", "benchmark", True, 8),
    ("bench-highest", "highest {b} scores", "benchmark", True, 5),
    ("bench-typo", "wich models are best on {b}", "benchmark", True, 5),
    ("bench-de", "Welche Modelle sind die besten bei {b}?", "benchmark", True, 5),
    ("bench-fr", "quels sont les meilleurs modèles sur {b} ?", "benchmark", True, 5),
    ("bench-es", "¿cuáles son los mejores modelos en {b}?", "benchmark", True, 5),
    ("cheap-en", "the cheapest models", "cheapest", False, 5),
    ("cheap-which", "which models are cheapest?", "cheapest", False, 5),
    ("cheap-top3", "the 3 cheapest models", "cheapest", False, 3),
    ("cheap-typo", "the cheapst models", "cheapest", False, 5),
    ("cheap-de", "Welche sind die günstigsten Modelle?", "cheapest", False, 5),
    ("cheap-fr", "quels sont les modèles les moins chers ?", "cheapest", False, 5),
    ("cheap-es", "¿cuáles son los modelos más baratos?", "cheapest", False, 5),
)


def _heard_any(said: str) -> float:
    """A said value (with or without unit) as a number."""
    return _heard(said) if said[-1] in "bk" else float(said)


def _field_cases(
    field: str, rows: Sequence[Row], values: Sequence[str], rounds: int = 3
) -> Iterator[Case]:
    """Each phrasing of a field with ``rounds`` different catalog values."""
    for i, (tag, op, template) in enumerate(rows):
        pairs = op == "between"
        span = len(values) - 1 if pairs else len(values)
        for j in sorted({(i + r) % span for r in range(min(rounds, span))}):
            low, high = values[j], values[j + 1] if pairs else values[j]
            upper = _heard_any(high) if pairs else None
            text = template.format(x=low, y=high)
            need = Need(field, op, _heard_any(low), upper)
            yield Case(id=f"{field}-{tag}-{low}", text=text, needs=(need,))


def _benchmark_cases(values: Values) -> Iterator[Case]:
    """Each benchmark phrasing over benchmarks drawn from the catalog, at their medians."""
    for i, (tag, op, template) in enumerate(BENCHMARK):
        for r in range(2):
            name, threshold = values.benchmarks[(i + r) % len(values.benchmarks)]
            text = template.format(x=f"{threshold:g}", b=name)
            need = Need("benchmark:" + name, op, threshold)
            yield Case(id=f"bench-{tag}-{name}", text=text, needs=(need,))


def _order_cases(values: Values) -> Iterator[Case]:
    """Each order phrasing; benchmark orders over each drawn benchmark in turn."""
    for i, (tag, template, field, descending, limit) in enumerate(ORDERS):
        name = values.benchmarks[i % len(values.benchmarks)][0]
        if field == "benchmark":
            field = "benchmark:" + name
        order = None if field == "cheapest" else (field, descending)
        text = template.format(b=name)
        suffix = f"-{name}" if "{b}" in template else ""
        yield Case(id=f"order-{tag}{suffix}", text=text, order=order, limit=limit)


def _combined_cases(values: Values) -> Iterator[Case]:
    """Several requirements at once, and requirements with an order."""
    small, large = values.params[0], values.params[1]
    ctx = values.contexts_k[1]
    year = values.years[-2]
    bench, threshold = values.benchmarks[0]
    p = _heard
    rows: list[tuple[str, str, tuple[Need, ...], tuple[str, ...], tuple[str, bool] | None]] = [
        (
            "ctx-and-params",
            f"models with at least {ctx} context and fewer than {large} parameters",
            (Need("context_window", ">=", p(ctx)), Need("params_total", "<", p(large))),
            (),
            None,
        ),
        (
            "newest-params",
            f"the newest models with more than {small} parameters",
            (Need("params_total", ">", p(small)),),
            (),
            ("release", True),
        ),
        (
            "since-by-context",
            f"models released since {year} sorted by context",
            (Need("release_year", ">=", year),),
            (),
            ("context_window", True),
        ),
        (
            "bench-ctx",
            f"top 5 by {bench} with at least {ctx} context",
            (Need("context_window", ">=", p(ctx)),),
            (),
            ("benchmark:" + bench, True),
        ),
        (
            "video-year",
            f"models with video input released in {year}",
            (Need("release_year", "==", year),),
            ("video",),
            None,
        ),
        (
            "video-largest",
            "video input models with the largest context window",
            (),
            ("video",),
            ("context_window", True),
        ),
        (
            "bench-params",
            f"models with more than {threshold:g} on {bench} and under {large} params",
            (Need(f"benchmark:{bench}", ">", threshold), Need("params_total", "<=", p(large))),
            (),
            None,
        ),
        (
            "largest-among-small",
            f"the largest context window among models with at most {large} parameters",
            (Need("params_total", "<=", p(large)),),
            (),
            ("context_window", True),
        ),
        (
            "cheapest-params",
            f"the cheapest models with more than {large} parameters",
            (Need("params_total", ">", p(large)),),
            (),
            None,
        ),
        (
            "de-newest-params",
            f"die neuesten Modelle mit mehr als {small} Parametern",
            (Need("params_total", ">", p(small)),),
            (),
            ("release", True),
        ),
        (
            "fr-ctx-year",
            f"modèles sortis après {year - 1} avec une fenêtre de contexte d'au moins {ctx}",
            (Need("release_year", ">", year - 1), Need("context_window", ">=", p(ctx))),
            (),
            None,
        ),
        (
            "es-most-params-year",
            f"modelos con más parámetros lanzados en {year}",
            (Need("release_year", "==", year),),
            (),
            ("params_total", True),
        ),
        (
            "typo-output-by-bench",
            f"modles with max outpt above {values.outputs[1]} ranked by {bench}",
            (Need("max_output", ">", float(values.outputs[1])),),
            (),
            ("benchmark:" + bench, True),
        ),
    ]
    for tag, text, needs, modalities, order in rows:
        yield Case(id=f"combo-{tag}", text=text, needs=needs, modalities=modalities, order=order)


def cases() -> list[Case]:
    """The whole grid, from the catalog's values."""
    db = _connect()
    try:
        values = draw(db)
    finally:
        db.close()
    out: list[Case] = []
    out += _field_cases("params_total", PARAMS, values.params)
    out += _field_cases("params_active", ACTIVE, values.active)
    out += _field_cases("context_window", CONTEXT_K, values.contexts_k)
    out += _field_cases("context_window", CONTEXT_RAW, values.contexts_raw)
    out += _field_cases("max_output", OUTPUT, values.outputs)
    years = [str(y) for y in values.years]
    out += _field_cases("release_year", RELEASE, years)
    out += _field_cases("cutoff_year", CUTOFF, [str(y) for y in values.cutoffs], rounds=2)
    out += _benchmark_cases(values)
    out += [Case(id=f"video-{tag}", text=t, modalities=("video",)) for tag, t in VIDEO]
    out += _order_cases(values)
    out += _combined_cases(values)
    return out


GRID = cases() if CATALOG.exists() else []


# --- the test --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def engine() -> Engine:
    """The real engine over the shipped catalog, loaded once."""
    return Engine.load(CATALOG, ROOT / "intents")


@pytest.fixture(scope="module")
def db() -> Iterator[sqlite3.Connection]:
    """catalog.db opened read-only for the oracle."""
    conn = _connect()
    yield conn
    conn.close()


def test_grid_covers_every_kind() -> None:
    """Every field and order the reader supports is in the grid, in four phrasings or more."""
    needs = {n.field.split(":")[0] for c in GRID for n in c.needs}
    orders = {(c.order or ("cheapest", False))[0].split(":")[0] for c in GRID if not c.needs}
    fields = set(COLUMNS) - {"release", "knowledge_cutoff"}
    assert needs >= fields | {"benchmark"}
    assert orders >= {"params_total", "params_active", "context_window", "max_output"}
    assert orders >= {"release", "release_year", "cutoff_year", "benchmark", "cheapest"}
    per_kind: dict[str, set[str]] = {}
    for case in GRID:
        first = case.needs[0].field if case.needs else (case.order or ("cheapest", False))[0]
        kind = "video" if case.modalities and not case.needs else first.split(":")[0]
        kind = "combo" if case.id.startswith("combo") else kind
        per_kind.setdefault(kind, set()).add(case.id)
    for kind, ids in per_kind.items():
        tags = {part for i in ids for part in i.split("-")}
        assert len(ids) >= 4, (kind, ids)
        assert "typo" in tags or kind == "combo", (kind, ids)
        assert tags & {"de", "fr", "es"}, (kind, ids)
    assert 150 <= len(GRID) <= 320
    assert len({c.id for c in GRID}) == len(GRID)


def _agrees(
    said: str, case: Case, truth: Truth, ranked: list[str], matches: int, unknown: int
) -> None:
    """The listed models, their order and the counts are the oracle's."""
    keys = truth.keys
    strays = [m for m in ranked if m not in keys]
    assert not strays, f"{said}: listed but not matching: {strays}"
    first = truth.ordered[: case.limit]
    assert [keys[m] for m in ranked] == [k for _, k in first], f"{said}: {ranked} vs {first}"
    assert matches == len(truth.ordered), f"{said}: {matches} matches, SQL {len(truth.ordered)}"
    assert unknown == truth.unknown, f"{said}: {unknown} unknown, SQL {truth.unknown}"


@pytest.mark.parametrize("case", GRID, ids=[c.id for c in GRID])
def test_grid(engine: Engine, db: sqlite3.Connection, case: Case) -> None:
    """The question's ranking honours every requirement: right models, true first, counts."""
    reply, _ = engine.respond(Memory(), case.text)
    data = reply.data or {}
    said = f"{case.text!r} -> {reply.intent}, filters {data.get('filters')}"
    assert reply.intent == "rank", said
    truth = oracle(db, case)
    _agrees(said, case, truth, list(data["ranked"]), data["matches"], data["excluded_unknown"])


@pytest.mark.parametrize("case", GRID, ids=[c.id for c in GRID])
def test_executor(engine: Engine, db: sqlite3.Connection, case: Case) -> None:
    """Given the case's requirements as Filters, the executor alone agrees with the SQL.

    With test_grid this tells a reading fault (this passes, that fails) from an executor one.
    """
    raw: dict[str, Any] = {
        "constraints": [
            {"field": n.field, "op": n.op, "value": n.value, "upper": n.upper} for n in case.needs
        ],
        "input_modalities": list(case.modalities),
        "limit": case.limit,
    }
    if case.order is not None:
        raw["order"] = {"field": case.order[0], "descending": case.order[1]}
    filters = msgspec.convert(raw, Filters)
    result = rank_models(engine.catalog, filters, Traffic(), case.limit)
    ranked = [r.model.id for r in result.top]
    _agrees(case.id, case, oracle(db, case), ranked, result.matches, result.unknown)
