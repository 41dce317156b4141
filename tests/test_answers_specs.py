"""Spec and overview wording for closed models: proprietary label, undisclosed specs."""

from __future__ import annotations

from test_answers_fixtures import full_catalog

from assistant.answers.query import Query
from assistant.answers.registry import ANSWERS
from assistant.catalog.records import Model
from assistant.catalog.store import Catalog

CLOSED = Model(id="lab/closed", name="Closed One", open_weights=False, cites={})
OPEN = Model(id="lab/open", name="Open One", open_weights=True, cites={})
MYSTERY = Model(id="lab/mystery", name="Mystery One", cites={})


def catalog() -> Catalog:
    """Three models without license, parameters or architecture: closed, open, unknown."""
    return Catalog.from_records(models=[CLOSED, OPEN, MYSTERY])


def ask(intent: str, *models: str, **slots: object) -> str:
    """An answer's text on the three-model catalog."""
    query = Query(intent=intent, text="", models=models, **slots)  # type: ignore[arg-type]
    return ANSWERS[intent](catalog(), query).text


def test_overview_of_closed_model_says_proprietary_and_not_disclosed() -> None:
    text = ask("overview", "lab/closed")
    assert "- License: Proprietary (closed weights; no license name sourced)" in text
    assert "- Parameters: not disclosed in the sources" in text
    assert "- Architecture: not disclosed in the sources" in text
    assert "unknown (not open-weight)" not in text


def test_overview_of_open_and_unknown_models_says_unknown() -> None:
    opened = ask("overview", "lab/open")
    assert "- License: open weights (no license name sourced)" in opened
    assert "- Parameters: unknown" in opened
    mystery = ask("overview", "lab/mystery")
    assert "- License: unknown (no license sourced)" in mystery
    assert "- Architecture: unknown" in mystery
    assert "not disclosed" not in mystery


def test_overview_with_a_license_name_keeps_it() -> None:
    query = Query(intent="overview", text="", models=("acme/vision-xl",))
    text = ANSWERS["overview"](full_catalog(), query).text
    assert "- License: MIT (open weights)" in text


def test_spec_table_cells_for_closed_and_unknown() -> None:
    text = ask("specs", "lab/closed", "lab/mystery")
    assert "| Parameters | not disclosed in the sources | - |" in text
    assert "| License | Proprietary (closed weights; no license name sourced) | - |" in text


def test_spec_sentences_for_closed_models() -> None:
    params = ask("specs", "lab/closed", spec_field="parameters")
    assert (
        params
        == "The parameter count of Closed One is not disclosed in the sources (closed weights)."
    )
    arch = ask("specs", "lab/mystery", spec_field="architecture")
    assert arch.startswith("No source lists the architecture of Mystery One (unknown).")
    lic = ask("specs", "lab/closed", spec_field="license")
    assert lic.startswith("Closed One is proprietary (closed weights; no license name sourced)")


def test_license_answer_uses_the_same_label() -> None:
    assert "proprietary (closed weights; no license name sourced)" in ask("license", "lab/closed")


def test_a_field_the_catalog_never_carries_is_said_honestly() -> None:
    text = ask("specs", "lab/closed", spec_field="layers")
    assert text == (
        "The catalog doesn't carry the number of layers for Closed One; it has: context window, "
        "max output, release date, knowledge cutoff, license, parameters, architecture, prices, "
        "capabilities, providers."
    )
    assert not any(ch.isdigit() for ch in text)  # never a figure


def test_uncarried_field_names_and_no_model() -> None:
    assert "carry throughput (tokens per second) for" in ask(
        "specs", "lab/open", spec_field="tokens_per_second"
    )
    assert "carry model vibes for" in ask("specs", "lab/open", spec_field="model_vibes")
    founders = Query(intent="specs", text="", spec_field="founders")
    reply = ANSWERS["specs"](catalog(), founders)
    assert reply.text.startswith("The catalog doesn't carry who founded the lab; it has:")
    assert reply.data["not_carried"] == "founders"


def test_uncarried_field_with_an_unknown_model_still_says_not_found() -> None:
    query = Query(intent="specs", text="", spec_field="layers", unresolved=("Zorblax-9",))
    assert 'couldn\'t find a model called "Zorblax-9"' in ANSWERS["specs"](catalog(), query).text


def test_overview_with_an_uncarried_field_is_not_a_summary() -> None:
    text = ask("overview", "lab/closed", spec_field="latency")
    assert text.startswith("The catalog doesn't carry latency for Closed One")
