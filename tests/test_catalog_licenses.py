"""License terms: curated and cited, one entry per open-weight license label in the catalog,
looked up by label (and id where one label names several texts), quoted by the answer."""

from __future__ import annotations

import re

import pytest

from assistant import paths
from assistant.answers.licensing import terms_text
from assistant.catalog.licenses import TERM_FIELDS, license_book, terms_for
from assistant.catalog.records import Model
from assistant.catalog.store import Catalog


@pytest.fixture(scope="module")
def shipped() -> Catalog:
    return Catalog.open(paths.default_catalog_path())


def test_every_open_weight_license_label_has_terms_on_file(shipped: Catalog) -> None:
    labels = {m.license for m in shipped.all_models() if m.open_weights and m.license}
    uncovered = sorted(
        label for label in labels
        if not any(terms_for(m) for m in shipped.all_models() if m.license == label)
    )  # fmt: skip
    assert labels and uncovered == []


@pytest.mark.parametrize("entry", license_book().licenses, ids=lambda e: e.id)
def test_every_entry_cites_its_text(entry: object) -> None:
    from assistant.catalog.licenses import LicenseTerms

    assert isinstance(entry, LicenseTerms)
    assert entry.url.startswith("https://")
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", entry.date_read)
    assert entry.commercial in ("yes", "no", "conditional")
    assert (entry.commercial == "conditional") == (entry.commercial_condition is not None)
    assert any(entry.term(f) for f in TERM_FIELDS if f != "commercial")


def test_labels_match_case_and_punctuation_folded() -> None:
    terms = terms_for(Model(id="x/y", name="Y", license="apache-2.0"))
    assert terms is not None and terms.id == "apache-2.0"
    assert terms_for(Model(id="x/y", name="Y", license="Some Custom License")) is None
    assert terms_for(Model(id="x/y", name="Y")) is None


def test_one_label_for_several_texts_matches_by_model_id() -> None:
    kimi = terms_for(Model(id="moonshotai/kimi-k2", name="K2", license="Modified MIT License"))
    assert kimi is not None and "100 million monthly active users" in (kimi.user_limit or "")
    other = Model(id="mistral/devstral-2512", name="Devstral 2", license="Modified MIT License")
    assert terms_for(other) is None


def test_the_answer_quotes_the_asked_terms_or_says_not_on_file() -> None:
    llama = Model(id="meta/llama-3.1-8b", name="Llama 3.1 8B",
                  license="Llama 3.1 Community License", open_weights=True)  # fmt: skip
    text = terms_text(llama, ("user_limit",))
    assert "700 million monthly active users" in text
    assert "https://www.llama.com/llama3_1/license/" in text and "read 2026-12-02" in text
    assert "Naming" not in text  # only the asked term
    assert "- Naming: " in terms_text(llama)  # every term when none is asked
    devstral = Model(id="mistral/devstral-2512", name="Devstral 2",
                     license="Modified MIT License", open_weights=True)  # fmt: skip
    assert "are not on file" in terms_text(devstral)
    assert "says nothing on naming" in terms_text(
        Model(id="q/q", name="Q", license="Qwen License", open_weights=True), ("naming",)
    )
