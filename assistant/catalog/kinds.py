"""Model kinds (chat, embedding, image generation, speech-to-text, ...): vocabulary and derivation.

The vocabulary (ids, labels, the words people use, LiteLLM's mode names) lives in
``kinds.toml``. The build gives every model one kind with the source it comes from,
first rule that decides wins:

1. a curated overlay ``[[kinds]]`` rule whose glob matches the model id (corrections
   for what no source field can tell, e.g. an embedding model declared text -> text);
2. LiteLLM's ``mode`` of an entry naming the model, when it is not a chat mode;
3. the model's chosen modalities: no text output means image / video / speech
   generation; audio-only input with text output is speech-to-text; text output is chat;
4. a LiteLLM chat mode;
5. otherwise ``other`` (no source states anything that tells), cited as the build's rule.
"""

from __future__ import annotations

import fnmatch
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import lru_cache
from importlib import resources

import msgspec

from assistant.catalog.link import clean_name
from assistant.catalog.records import Cite, Model
from assistant.errors import CatalogError

CHAT = "chat"
OTHER = "other"
NO_SOURCE = Cite(source="catalog build", date="", url=None)


class Kind(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """One model kind: id, how answers name it (singular and plural), question words."""

    id: str
    label: str
    plural: str
    words: tuple[str, ...] = ()


class Vocabulary(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """The whole kinds.toml file."""

    kinds: tuple[Kind, ...]
    modes: dict[str, str]


class KindRule(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """An overlay correction: model ids matching any glob have this kind."""

    match: list[str]
    kind: str
    note: str = ""


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """The packaged kinds.toml, validated (every mode maps to a known kind)."""
    raw = resources.files("assistant.catalog").joinpath("kinds.toml").read_bytes()
    try:
        vocab = msgspec.toml.decode(raw, type=Vocabulary)
    except (msgspec.ValidationError, msgspec.DecodeError) as exc:
        raise CatalogError(f"kinds.toml is invalid: {exc}") from exc
    ids = {k.id for k in vocab.kinds}
    bad = sorted(v for v in vocab.modes.values() if v not in ids)
    if bad or CHAT not in ids or OTHER not in ids:
        raise CatalogError(f"kinds.toml: unknown kinds {bad} (chat and other are required)")
    return vocab


def kind_ids() -> tuple[str, ...]:
    """Every kind id, in file order."""
    return tuple(k.id for k in vocabulary().kinds)


def kind_label(kind_id: str, plural: bool = False) -> str:
    """How answers name a kind ("text-to-speech", "text-to-speech models")."""
    for kind in vocabulary().kinds:
        if kind.id == kind_id:
            return kind.plural if plural else kind.label
    return kind_id


def kind_words() -> dict[str, str]:
    """Question word or phrase -> kind id, for the understanding layer's lexicon."""
    return {word: k.id for k in vocabulary().kinds for word in k.words}


def mode_kind(mode: str | None) -> str | None:
    """The kind a LiteLLM ``mode`` value means (unlisted modes are ``other``; None unknown)."""
    if not mode:
        return None
    return vocabulary().modes.get(mode, OTHER)


def modality_kind(inputs: Sequence[str] | None, outputs: Sequence[str] | None) -> str | None:
    """The kind declared modalities imply, or None when no output modality is declared."""
    if outputs is None:
        return None
    outs = {o.lower() for o in outputs}
    ins = {i.lower() for i in inputs} if inputs is not None else None
    if "text" in outs:
        return "speech_to_text" if ins == {"audio"} else CHAT
    for medium, kind in (("image", "image_generation"), ("video", "video_generation"),
                         ("audio", "text_to_speech")):  # fmt: skip
        if medium in outs:
            return kind
    return OTHER


def model_kind(model: Model) -> str:
    """A model's kind: as stored, else what its declared modalities imply, else chat.

    (Catalogs built before kinds existed, and test records, store none.)
    """
    return model.kind or modality_kind(model.input_modalities, model.output_modalities) or CHAT


def rule_kind(model_id: str, rules: Iterable[KindRule]) -> str | None:
    """The kind of the first overlay rule matching the id, or None."""
    for rule in rules:
        if any(fnmatch.fnmatchcase(model_id, glob) for glob in rule.match):
            return rule.kind
    return None


def decide_kind(
    model_id: str,
    rules: Sequence[KindRule],
    rule_cite: Cite,
    modes: Sequence[tuple[str, Cite]],
    modalities: tuple[Sequence[str] | None, Sequence[str] | None, Cite] | None,
) -> tuple[str, Cite]:
    """A model's kind and the cite of the evidence that decided it (see the module doc)."""
    ruled = rule_kind(model_id, rules)
    if ruled is not None:
        return ruled, rule_cite
    kinds = [(mode_kind(m), cite) for m, cite in modes]
    special = [(k, c) for k, c in kinds if k is not None and k != CHAT]
    if special:
        top = Counter(k for k, _ in special).most_common(1)[0][0]
        return top, next(c for k, c in special if k == top)
    if modalities is not None:
        found = modality_kind(modalities[0], modalities[1])
        if found is not None:
            return found, modalities[2]
    chat = [c for k, c in kinds if k == CHAT]
    if chat:
        return CHAT, chat[0]
    return OTHER, NO_SOURCE


ModeEntry = tuple[str, str, str]  # (provider id, provider model id, LiteLLM mode)


def modes_by_model(
    entries: Iterable[ModeEntry], routes: Iterable[tuple[str, str, str]], names: dict[str, set[str]]
) -> dict[str, list[str]]:
    """LiteLLM modes per model id: by the exact route an entry is, else a unique clean name.

    ``routes`` are (provider id, provider model id, model id) of the built routes;
    ``names`` maps a clean name (link.clean_name) to the model ids it names.
    """
    exact = {(p, pmid.lower()): m for p, pmid, m in routes}
    out: dict[str, list[str]] = {}
    for provider, pmid, mode in entries:
        model_id = exact.get((provider, pmid.lower()))
        if model_id is None:
            ids = names.get(clean_name(pmid, provider), set())
            model_id = next(iter(ids)) if len(ids) == 1 else None
        if model_id is not None:
            out.setdefault(model_id, []).append(mode)
    return out
