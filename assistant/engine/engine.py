"""Engine: loads catalog, resolver and intents once; ``respond`` answers (memory, text)."""

from __future__ import annotations

import gc
import logging
from collections.abc import Collection, Mapping
from pathlib import Path
from typing import Any

from assistant.answers.query import IntentName
from assistant.engine.intents import Intent, load_intents
from assistant.engine.lexicon import Lexicon, load_lexicon
from assistant.engine.match import COMMON_WORDS, Matcher, tokenize
from assistant.engine.memory import Memory
from assistant.engine.normalise import normalise
from assistant.engine.quantities import default_lexicon
from assistant.engine.respond import Answer, respond
from assistant.engine.slots import SLOT_WORDS
from assistant.engine.understand import Parts, Resolving
from assistant.errors import CatalogError
from assistant.paths import default_lexicon_dir
from assistant.reply import Reply

_SAFE_TEXT = "Sorry, something went wrong on my side. Please ask again."
_HUGE_NUMBER_TEXT = (
    "A number in your message is more than I can compute with (over about 10^308). "
    "Did you mean a smaller figure, such as `5M requests a month` or "
    "`a 300k token document`?"
)
# Lab and provider names that are everyday words are not taken as filters.
_COMMON_BENCH_WORDS = frozenset(
    [
        "artificial",
        "analysis",
        "index",
        "hard",
        "last",
        "exam",
        "humanity",
        "long",
        "test",
        "agent",
        "agents",
        "writing",
        "codebase",
        "refactoring",
        "banking",
        "multilingual",
        "verified",
        "terminal",
        "diamond",
        "realm",
        "claw",
        "atlas",
        "reasoning",
        "context",
        "coding",
        "bench",
    ]
)
_COMMON_NAMES = frozenset({"together", "deep", "open", "meta", "mistral ai", "ai", "x"})

_log = logging.getLogger("assistant.engine")


class Engine:
    """The loaded core: catalog, resolver, intents, answers."""

    def __init__(
        self,
        catalog: Any,
        resolver: Resolving,
        intents: tuple[Intent, ...],
        answers: Mapping[str, Answer],
        lexicon: Lexicon | None = None,
    ) -> None:
        self.catalog = catalog
        self.answers = answers
        self.intents = intents
        lexicon = lexicon or load_lexicon(default_lexicon_dir())
        matcher = Matcher(
            intents, {"benchmarks": benchmark_cues(catalog)}, SLOT_WORDS | lexicon.words()
        )
        self.parts = Parts(
            resolver=resolver,
            matcher=matcher,
            intents={intent.name: intent for intent in intents},
            names=lab_and_provider_names(catalog, vocab=COMMON_WORDS | lexicon.words()),
            lexicon=lexicon,
            benchmarks=benchmark_phrases(catalog),
        )
        self.parts.name_words = name_words(catalog, self.parts.known)

    @classmethod
    def load(cls, catalog_path: Path, intents_dir: Path, lexicon_dir: Path | None = None) -> Engine:
        """Open the catalog read-only, load intents and lexicon; raise CatalogError/IntentsError."""
        from assistant.answers.registry import ANSWERS, prepare
        from assistant.catalog.resolve import Resolver
        from assistant.catalog.store import Catalog

        intents = load_intents(Path(intents_dir))
        lexicon = load_lexicon(Path(lexicon_dir) if lexicon_dir else default_lexicon_dir())
        default_lexicon()  # a bad lexicon/quantities.toml stops start-up with LexiconError
        catalog = Catalog.open(Path(catalog_path))
        try:
            resolver = Resolver.from_catalog(catalog)
        except Exception as exc:
            raise CatalogError(f"cannot build the model resolver: {exc}") from exc
        engine = cls(catalog, resolver, intents, ANSWERS, lexicon)
        prepare(catalog)  # per-catalog answer indexes now, not on the first replies
        # The catalog is millions of long-lived objects: move them out of the collector's
        # reach so a full collection does not pause a reply for milliseconds.
        gc.collect()
        gc.freeze()
        return engine

    def respond(self, memory: Memory, text: str) -> tuple[Reply, Memory]:
        """Answer one message of a conversation; never raises for a user's text."""
        try:
            # one read of the attributes: a reload replaces them all at once (server.reload),
            # so a reply never mixes the old catalog with the new parts
            loaded = self.__dict__
            parts, catalog, answers = loaded["parts"], loaded["catalog"], loaded["answers"]
            return respond(parts, catalog, answers, memory, str(text))
        except OverflowError:  # the user's number, not a bug: one line, a clear answer
            _log.info("a number in a %d-character message is too large", len(str(text)))
            return Reply(text=_HUGE_NUMBER_TEXT, intent=IntentName.FALLBACK), memory
        except Exception:  # last line of defence: a reply, never a crash
            _log.exception("respond failed for a %d-character message", len(str(text)))
            return Reply(text=_SAFE_TEXT, intent=IntentName.FALLBACK), memory


def lab_and_provider_names(
    catalog: Any, vocab: Collection[str] = ()
) -> dict[tuple[str, ...], tuple[str | None, str | None]]:
    """Token tuples of lab and provider names -> (lab id, provider id), for ranking filters;
    a word only one provider's name has stands for it unless ``vocab`` knows the word."""
    labs: dict[tuple[str, ...], str] = {}
    providers: dict[tuple[str, ...], str] = {}
    for model in catalog.all_models() if catalog is not None else ():
        if model.lab_id:
            for name in (model.lab, model.lab_id):
                _add(labs, name, model.lab_id)
    owners: dict[str, set[str]] = {}
    for provider in catalog.all_providers() if catalog is not None else ():
        for name in (provider.name, provider.id):
            _add(providers, name, provider.id)
        for word in tokenize(normalise(provider.name or "")):
            owners.setdefault(word, set()).add(provider.id)
    lab_words = {word: lab for key, lab in labs.items() for word in key}
    for word, ids in owners.items():  # "bedrock": the one provider whose name says it
        (only,) = ids if len(ids) == 1 else ("",)
        if not only or len(word) < 5 or not word.isalpha() or word in vocab:
            continue  # shared, short, or an everyday question word ("models", "engine")
        if lab_words.get(word, only) == only:
            _add(providers, word, only)
    keys = set(labs) | set(providers)
    return {key: (labs.get(key), providers.get(key)) for key in keys}


def benchmark_cues(catalog: Any) -> dict[str, float]:
    """Benchmark names in the catalog ("Terminal-Bench", "Aider Polyglot") as cue phrases."""
    found: set[str] = set()
    for model in catalog.all_models() if catalog is not None else ():
        found.update(b.name for b in catalog.benchmarks_for(model.id))
    cues = {}
    for name in found:
        words = tokenize(normalise(name))
        if 0 < len(words) <= 4:
            cues[" ".join(words)] = 5.0
        for word in words:  # "aider", "scicode": distinctive single words, weaker
            if len(word) >= 4 and word.isalpha() and word not in _COMMON_BENCH_WORDS:
                cues.setdefault(word, 3.0)
    return cues


MAX_CANDIDATES = 4


def name_words(catalog: Any, known: frozenset[str]) -> dict[str, tuple[str, ...]]:
    """Words of model names that name several models ("opus", "sonnet", "haiku") -> up to
    four chat models carrying it, newest first: a mention of the word alone is ambiguous."""
    found: dict[str, list[Any]] = {}
    for model in catalog.all_models() if catalog is not None else ():
        takes, gives = model.input_modalities, model.output_modalities
        if (takes is not None and "text" not in takes) or (
            gives is not None and "text" not in gives
        ):
            continue  # a chat model's word: never offer an image or speech model instead
        for word in set(tokenize(normalise(model.name))):
            if len(word) >= 4 and word.isalpha() and word not in known:
                found.setdefault(word, []).append(model)
    table: dict[str, tuple[str, ...]] = {}
    for word, models in found.items():
        # the models people mean: most routes first (resellers' variants have one), newest next
        models.sort(key=lambda m: (len(catalog.routes_for(m.id)), m.release_date or "", m.id))
        models.reverse()
        names = dict.fromkeys(m.name for m in models if "(" not in m.name)
        if len(names) < 2:
            continue
        picked = {m.name: m.id for m in reversed(models)}  # the newest id of each name
        table[word] = tuple(picked[name] for name in list(names)[:MAX_CANDIDATES])
    return table


def benchmark_phrases(catalog: Any) -> dict[tuple[str, ...], str]:
    """Token tuples of benchmark names ("terminal bench") and distinctive single words of
    them ("scicode") -> the catalog's benchmark name, for constraints and orders."""
    rows: dict[str, int] = {}
    for model in catalog.all_models() if catalog is not None else ():
        for row in catalog.benchmarks_for(model.id):
            rows[row.name] = rows.get(row.name, 0) + 1
    phrases: dict[tuple[str, ...], str] = {}
    # the most-scored spelling first: "SWE Bench Pro" (27 rows) over "SWE-Bench Pro" (2)
    for name in sorted(rows, key=lambda n: (-rows[n], n)):
        words = tuple(tokenize(normalise(name)))
        if 0 < len(words) <= 4:
            phrases.setdefault(words, name)
        joined = ("".join(words),)
        if len(words) > 1 and len(joined[0]) >= 5:
            phrases.setdefault(joined, name)  # "terminalbench", "swebench"
        for word in words:
            if len(word) >= 4 and word.isalpha() and word not in _COMMON_BENCH_WORDS:
                phrases.setdefault((word,), name)
    return phrases


def _add(table: dict[tuple[str, ...], str], name: str | None, ident: str) -> None:
    """Add one name's tokens unless it is too short or an everyday word."""
    if not name:
        return
    folded = normalise(name)
    key = tuple(tokenize(folded))
    if key and len(folded) >= 3 and folded not in _COMMON_NAMES and len(key) <= 3:
        table.setdefault(key, ident)
