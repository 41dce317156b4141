"""Several spec fields in one question, architecture with sizes, and active parameters."""

from __future__ import annotations

from typing import Any

import msgspec

from assistant.answers.params import count_short
from assistant.answers.query import Qualifier, Query
from assistant.answers.registry import ANSWERS
from assistant.answers.specs import asked_fields
from assistant.catalog.records import Cite, Model
from assistant.catalog.store import Catalog

CARD = Cite(source="model card", date="2026-05-19")
MOE = Model(
    id="lab/moe",
    name="Big MoE",
    open_weights=True,
    context_window=131_072,
    parameters="1T total, 32B active",
    params_total=1e12,
    params_active=32e9,
    architecture="mixture of experts",
    cites={"parameters": CARD, "architecture": CARD, "params_active": CARD},
)
SMALL = Model(
    id="lab/small",
    name="Small One",
    open_weights=True,
    context_window=16_384,
    parameters="14B",
    params_total=14e9,
    cites={"parameters": CARD},
)


def catalog() -> Catalog:
    """A mixture-of-experts model and a dense one without a sourced architecture."""
    return Catalog.from_records(models=[MOE, SMALL])


def query(intent: str, *models: str, **slots: Any) -> Query:
    """A query; ``spec_fields`` is set only when the Query struct has that field."""
    fields = slots.pop("spec_fields", ())
    base = Query(intent=intent, text=slots.pop("text", ""), models=models, **slots)
    if fields and "spec_fields" in Query.__struct_fields__:
        return msgspec.structs.replace(base, spec_fields=fields)
    if fields:
        return _WithFields(base, fields)  # type: ignore[return-value]
    return base


class _WithFields:
    """A Query stand-in carrying ``spec_fields`` before the engine adds the field."""

    def __init__(self, base: Query, fields: tuple[str, ...]) -> None:
        self._base = base
        self.spec_fields = fields

    def __getattr__(self, name: str) -> Any:
        return getattr(self._base, name)


def ask(q: Query) -> str:
    """The answer text for a query on the test catalog."""
    return ANSWERS[q.intent](catalog(), q).text


def test_count_short() -> None:
    assert [count_short(v) for v in (1e12, 32e9, 3.8e9, 560e6)] == ["1T", "32B", "3.8B", "560M"]


def test_two_fields_answer_one_sentence_each() -> None:
    text = ask(query("specs", "lab/small", spec_fields=("parameters", "context_window")))
    assert text.startswith(
        "Small One has 14B parameters. Small One has a context window of 16,384 tokens."
    )


def test_spec_field_plus_spec_fields_are_merged_in_order() -> None:
    q = query("specs", "lab/moe", spec_field="architecture", spec_fields=("parameters",))
    assert asked_fields(q) == ("parameters", "architecture")


def test_architecture_states_total_and_active_parameters() -> None:
    text = ask(query("specs", "lab/moe", spec_field="architecture"))
    assert text.startswith(
        "Big MoE uses a mixture of experts architecture, 1T total / 32B active parameters."
    )


def test_architecture_unknown_still_gives_the_known_size() -> None:
    text = ask(query("specs", "lab/small", spec_field="architecture"))
    assert text.startswith(
        "No source lists the architecture of Small One (unknown); it has 14B parameters."
    )


def test_architecture_and_parameters_do_not_repeat_sizes() -> None:
    text = ask(query("specs", "lab/moe", spec_fields=("architecture", "parameters")))
    assert text.startswith(
        "Big MoE uses a mixture of experts architecture. "
        "Big MoE has 1T total, 32B active parameters."
    )


def test_active_parameters_answer_params_active() -> None:
    text = ask(
        query(
            "specs",
            "lab/moe",
            spec_field="parameters",
            text="big moe active params",
            qualifiers=frozenset({Qualifier.ACTIVE}),
        )
    )
    assert text.startswith("Big MoE has 32B active parameters (of 1T total).")
    named = ask(query("specs", "lab/small", spec_field="params_active"))
    assert named.startswith(
        "No source lists an active parameter count for Small One; it has 14B parameters in total."
    )


def test_two_models_two_fields_are_paragraphs_per_field() -> None:
    text = ask(query("specs", "lab/moe", "lab/small", spec_fields=("context_window", "parameters")))
    first, second = text.split("\n\n")[:2]
    assert first.startswith("Big MoE has the larger context window.")
    assert second.startswith("Big MoE is the larger model by parameter count.")


def test_uncarried_field_next_to_a_carried_one_is_named() -> None:
    text = ask(query("specs", "lab/small", spec_fields=("parameters", "layers")))
    assert "Small One has 14B parameters." in text
    assert "The catalog doesn't carry the number of layers." in text


def test_context_window_answer_adds_other_asked_fields() -> None:
    text = ask(query("context_window", "lab/small", spec_fields=("parameters", "context_window")))
    assert "Small One has a context window of 16K tokens" in text
    assert "Small One has 14B parameters." in text
