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
