"""Replies in the user's language: German, French and Spanish queries, and the catalogs' health."""

from __future__ import annotations

import gettext
import string
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from test_answers_fixtures import GPT4V, QWEN, seed_catalog

from assistant import i18n
from assistant.answers.query import Qualifier, Query
from assistant.answers.registry import ANSWERS
from assistant.reply import Reply

LOCALES = Path(i18n.__file__).parent / "locale"
PACKAGE = Path(i18n.__file__).parent.parent
TRANSLATED = ("de", "fr", "es")


def ask(intent: str, language: str, *models: str, **slots: object) -> Reply:
    """One answer about seed models in a language."""
    query = Query(intent=intent, text="", models=models, language=language, **slots)  # type: ignore[arg-type]
    return ANSWERS[intent](seed_catalog(), query)


@pytest.mark.parametrize(
    ("language", "start"),
    [
        ("de", "Ja: Qwen3.5-4B hat offene Gewichte und lässt sich selbst hosten."),
        ("fr", "Oui : Qwen3.5-4B a des poids ouverts, il peut donc être auto-hébergé."),
        ("es", "Sí: Qwen3.5-4B tiene pesos abiertos, así que se puede alojar por cuenta propia."),
        ("en", "Yes: Qwen3.5-4B is open-weight, so it can be self-hosted."),
    ],
)
def test_a_yes_no_license_question_is_answered_in_its_language(language: str, start: str) -> None:
    query = Query(
        intent="license",
        text="is it open source?",
        models=(QWEN,),
        polar=True,
        language=language,
        qualifiers=frozenset({Qualifier.OPENNESS, Qualifier.OPEN}),
    )
    assert ANSWERS["license"](seed_catalog(), query).text.startswith(start)


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("de", ("Unterschied", "Kontextfenster", "Vollständiger Vergleich von")),
        ("fr", ("Différence", "Fenêtre de contexte", "Comparaison complète de")),
        ("es", ("Diferencia", "Ventana de contexto", "Comparación completa de")),
    ],
)
def test_a_comparison_is_in_its_language_with_figures_and_names_unchanged(
    language: str, words: tuple[str, ...]
) -> None:
    reply = ask("compare", language, GPT4V, QWEN)
    for word in words:
        assert word in reply.text
    for figure in ("GPT-4 Vision Preview", "Qwen3.5-4B", "128K", "262K", "$18,000"):
        assert figure in reply.text
    assert "Compare" not in " ".join(reply.suggestions)
    assert "Differs" not in reply.text and "Scored on" not in reply.text


@pytest.mark.parametrize(
    ("language", "start"),
    [
        ("de", "GPT-4 Vision Preview hat 1 erfasste Route; am günstigsten Azure OpenAI mit"),
        ("fr", "GPT-4 Vision Preview a 1 route suivie; la moins chère chez Azure OpenAI à"),
        ("es", "GPT-4 Vision Preview tiene 1 ruta registrada; la más barata Azure OpenAI a"),
    ],
)
def test_a_provider_answer_is_in_its_language(language: str, start: str) -> None:
    assert ask("providers", language, GPT4V).text.startswith(start)


def test_every_answer_type_leads_in_german() -> None:
    leads = {
        "context_window": ("GPT-4 Vision Preview hat ein Kontextfenster von 128K Tokens",),
        "capability": ("Ja, GPT-4 Vision Preview unterstützt",),
        "monthly_cost": ("GPT-4 Vision Preview würde $18,000/Monat bei Azure OpenAI kosten",),
        "pricing": ("GPT-4 Vision Preview kostet $10/1 Mio. Eingabe-Tokens",),
        "specs": ("GPT-4 Vision Preview wurde am 2023-11-06 veröffentlicht.",),
        "greeting": ("Hallo!",),
    }
    slots = {"capability": {"capability": "vision"}, "specs": {"spec_field": "release_date"}}
    for intent, starts in leads.items():
        text = ask(intent, "de", GPT4V, **slots.get(intent, {})).text
        assert text.startswith(starts), (intent, text[:120])


def test_english_stays_the_default_and_an_unknown_language_falls_back_to_it() -> None:
    english = ask("providers", "en", GPT4V).text
    assert ask("providers", "xx", GPT4V).text == english
    assert english.startswith("GPT-4 Vision Preview has 1 tracked route;")


def test_the_language_is_set_only_for_the_answer() -> None:
    ask("compare", "de", GPT4V, QWEN)
    assert i18n.current() == "en"
    assert i18n.t("Yes") == "Yes"


def _fields(text: str) -> set[str]:
    """The {named} fields of a message."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_translation_keeps_its_fields_and_the_compiled_catalog_is_current(
    language: str,
) -> None:
    folder = LOCALES / language / "LC_MESSAGES"
    with (folder / "assistant.po").open("rb") as handle:
        catalog = read_po(handle, locale=language)
    with (folder / "assistant.mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(strings), f"{language}: untranslated {ids[0]!r}"
        for text in strings:
            assert _fields(text) == _fields(ids[-1]), (language, ids[0])
        if len(ids) == 1:
            assert compiled.gettext(ids[0]) == strings[0], f"{language}: run pybabel compile"


def test_the_template_holds_every_message_the_code_marks() -> None:
    keywords = {"t": None, "tn": (1, 2), "N_": None}
    found = {
        msg if isinstance(msg, str) else msg[0]
        for _, _, msg, _, _ in extract_from_dir(
            str(PACKAGE), method_map=[("**.py", "python")], keywords=keywords
        )
    }
    with (Path(i18n.__file__).parent / "assistant.pot").open("rb") as handle:
        template = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(handle) if m.id}
    assert found - template == set(), "run pybabel extract (see README, Translations)"
    assert len(found) > 100  # the extraction saw the answers' messages
