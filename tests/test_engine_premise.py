"""A context size stated about a model is checked against the catalog's window."""

from __future__ import annotations

from assistant.answers.notes.premise import with_size_premise
from assistant.catalog.records import Cite, Model
from assistant.catalog.store import Catalog
from assistant.reply import Reply

_CITE = Cite(source="models.dev", date="2026-07-02", url="https://models.dev")


def _catalog() -> Catalog:
    """One model with a sourced 200K window, one with no window."""
    known = Model(
        id="acme/known", name="Known", context_window=200_000, cites={"context_window": _CITE}
    )
    return Catalog.from_records(models=[known, Model(id="acme/blank", name="Blank")])


def _reply(intent: str = "capability", models: tuple[str, ...] = ("acme/known",)) -> Reply:
    """A plain answer about these models."""
    return Reply(text="Yes.", intent=intent, models=models)


def test_a_needed_size_over_the_window_is_corrected_with_its_source() -> None:
    text = with_size_premise(_reply(), _catalog(), None, 2_000_000).text
    assert "Known's context window is 200K tokens" in text
    assert "models.dev, 2026-07-02" in text
    assert "2M-token input does not fit" in text


def test_a_claimed_window_that_differs_is_corrected() -> None:
    text = with_size_premise(_reply(), _catalog(), 1_000_000, None).text
    assert "context window as 200K tokens" in text and "not 1M" in text


def test_a_true_or_fitting_size_adds_nothing_and_unknown_stays_unknown() -> None:
    catalog = _catalog()
    assert with_size_premise(_reply(), catalog, 200_000, None).text == "Yes."
    assert with_size_premise(_reply(), catalog, None, 100_000).text == "Yes."
    blank = with_size_premise(_reply(models=("acme/blank",)), catalog, None, 9)
    assert "no source lists Blank's context window (unknown)" in blank.text


def test_answers_that_weigh_the_size_themselves_are_left_alone() -> None:
    reply = _reply(intent="context_window")
    assert with_size_premise(reply, _catalog(), None, 2_000_000) is reply


def test_a_size_in_pages_is_never_converted_to_tokens() -> None:
    """'a 300-page PDF' is read as pages; the context answer says pages are not tokens."""
    from assistant.answers.notes.premise import with_pages_note
    from assistant.engine.numbers import parse_quantities

    stated = parse_quantities("would a 300-page pdf fit in <m>?")
    assert (stated.pages, stated.token_count, stated.limit) == (300, None, None)
    text = with_pages_note(_reply(intent="context_window"), stated.pages, stated.token_count).text
    assert "300-page document has no fixed token count" in text
    assert with_pages_note(_reply(), stated.pages, stated.token_count).text == "Yes."


def test_a_claimed_window_is_checked_only_for_a_single_model_answer() -> None:
    """'since A has 1M context, compare it to B': the claim names one model, not both."""
    reply = _reply(intent="compare", models=("acme/known", "acme/blank"))
    text = with_size_premise(reply, _catalog(), 1_000_000, None).text
    assert "not 1M" not in text
