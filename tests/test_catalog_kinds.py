"""Model kinds: vocabulary, derivation order (overlay rule > mode > modalities), the build."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.catalog.build import build_catalog
from assistant.catalog.kinds import (
    CHAT,
    NO_SOURCE,
    KindRule,
    decide_kind,
    kind_ids,
    kind_label,
    kind_words,
    modality_kind,
    mode_kind,
    modes_by_model,
)
from assistant.catalog.records import Cite, Model
from assistant.catalog.store import Catalog

MD = Cite(source="models.dev", date="2026-07-02")
LL = Cite(source="litellm", date="2026-07-02")
OV = Cite(source="curated overlay", date="2026-11-25")


def test_every_kind_the_issue_names_is_in_the_vocabulary() -> None:
    assert set(kind_ids()) == {
        "chat", "embedding", "image_generation", "speech_to_text", "text_to_speech", "rerank",
        "moderation", "video_generation", "other",
    }  # fmt: skip
    assert kind_label("text_to_speech") == "text-to-speech"
    assert kind_label("embedding", plural=True) == "embedding models"
    assert kind_words()["text to speech"] == "text_to_speech"


@pytest.mark.parametrize(
    ("inputs", "outputs", "kind"),
    [
        (["text"], ["text"], "chat"),
        (["text", "image"], ["text"], "chat"),
        (["audio"], ["text"], "speech_to_text"),
        (["text"], ["image"], "image_generation"),
        (["text", "image"], ["video"], "video_generation"),
        (["text"], ["audio"], "text_to_speech"),
        (None, ["text"], "chat"),
        (["text"], None, None),
        (["text"], ["embedding-vector"], "other"),
    ],
)
def test_modalities_imply_a_kind(
    inputs: list[str] | None, outputs: list[str] | None, kind: str | None
) -> None:
    assert modality_kind(inputs, outputs) == kind


def test_litellm_modes_map_to_kinds() -> None:
    assert mode_kind("embedding") == "embedding"
    assert mode_kind("audio_transcription") == "speech_to_text"
    assert mode_kind("responses") == CHAT
    assert mode_kind("ocr") == "other"  # a mode the vocabulary does not list
    assert mode_kind(None) is None


def test_an_overlay_rule_beats_a_mode_and_a_mode_beats_modalities() -> None:
    rules = [KindRule(match=["*rerank*"], kind="rerank")]
    text = (["text"], ["text"], MD)
    assert decide_kind("acme/rerank-1", rules, OV, [("chat", LL)], text) == ("rerank", OV)
    assert decide_kind("acme/e-1", rules, OV, [("embedding", LL)], text) == ("embedding", LL)
    assert decide_kind("acme/chat-1", rules, OV, [("chat", LL)], text) == ("chat", MD)


def test_no_evidence_is_other_without_a_source() -> None:
    assert decide_kind("acme/x", [], OV, [], None) == ("other", NO_SOURCE)
    assert decide_kind("acme/x", [], OV, [("completion", LL)], None) == ("chat", LL)


def test_modes_link_by_route_then_by_a_unique_clean_name() -> None:
    routes = [("openai", "gpt-x", "openai/gpt-x")]
    names = {"text-embedding-9": {"openai/text-embedding-9"}, "dup": {"a/dup", "b/dup"}}
    entries = [
        ("openai", "GPT-X", "chat"),
        ("azure", "text-embedding-9", "embedding"),
        ("azure", "dup", "embedding"),  # ambiguous: no kind evidence
    ]
    assert modes_by_model(entries, routes, names) == {
        "openai/gpt-x": ["chat"],
        "openai/text-embedding-9": ["embedding"],
    }


def test_the_store_falls_back_to_modalities_for_records_without_a_kind() -> None:
    painter = Model(id="a/p", name="P", output_modalities=("image",))
    plain = Model(id="a/c", name="C")
    stored = Model(id="a/e", name="E", kind="embedding", output_modalities=("text",))
    catalog = Catalog.from_records(models=[painter, plain, stored])
    assert [catalog.kind(m) for m in ("a/p", "a/c", "a/e", "a/none")] == [
        "image_generation", "chat", "embedding", None,
    ]  # fmt: skip


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_the_build_stores_a_cited_kind_per_model(tmp_path: Path) -> None:
    md = tmp_path / "models-dev"
    _write(md / "models" / "acme" / "chatty.toml",
           'name = "Chatty"\n[modalities]\ninput = ["text"]\noutput = ["text"]\n')  # fmt: skip
    _write(md / "models" / "acme" / "painter.toml",
           'name = "Painter"\n[modalities]\ninput = ["text"]\noutput = ["image"]\n')  # fmt: skip
    _write(md / "models" / "acme" / "vectors-embed.toml",
           'name = "Vectors"\n[modalities]\ninput = ["text"]\noutput = ["text"]\n')  # fmt: skip
    _write(md / "models" / "acme" / "scribe.toml", 'name = "Scribe"\n')
    _write(md / "models.json", json.dumps({"data": []}))
    litellm = {"acme/scribe": {"litellm_provider": "acme", "mode": "audio_transcription"}}
    _write(tmp_path / "litellm" / "model_prices_and_context_window.json", json.dumps(litellm))
    build_catalog(tmp_path / "c.db", tmp_path)
    catalog = Catalog.open(tmp_path / "c.db")
    kinds = {m.id: (m.kind, m.cites["kind"].source) for m in catalog.all_models() if m.kind}
    assert kinds == {
        "acme/chatty": ("chat", "models.dev"),
        "acme/painter": ("image_generation", "models.dev"),
        "acme/vectors-embed": ("embedding", "curated overlay"),  # the overlay's *embed* rule
        "acme/scribe": ("speech_to_text", "litellm"),
    }


def test_the_shipped_catalog_gives_every_model_a_cited_kind() -> None:
    from assistant import paths

    shipped = Catalog.open(paths.default_catalog_path())
    assert all(m.kind and "kind" in m.cites for m in shipped.all_models())
    expected = {
        "openai/gpt-4o": "chat",
        "openai/text-embedding-3-small": "embedding",
        "openai/dall-e-3": "image_generation",
        "meta/llama-prompt-guard-2-86m": "moderation",
        "cohere/rerank-v3.5": "rerank",
        "google/veo-3": "video_generation",
        "google/gemini-2.5-flash-tts": "text_to_speech",
        "kblab/kb-whisper-large": "speech_to_text",
    }
    assert {m: shipped.kind(m) for m in expected} == expected
