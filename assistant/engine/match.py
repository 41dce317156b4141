"""Intent matching: cue n-gram lookups first, rapidfuzz over masked examples only when unsure.

Built once from the intents files. Scoring a question is a handful of dictionary lookups
(every 1-4 word n-gram of the masked question); rapidfuzz runs over the examples of the
two or three leading intents only when the cues are weak or tied.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence

import msgspec
from rapidfuzz import fuzz
from rapidfuzz.distance import OSA

from assistant.engine.intents import MODEL_SLOTS, Intent
from assistant.engine.normalise import normalise

MASK = "<m>"
MAX_NGRAM = 4
CONFIDENT = 3.0  # a top score at or above this answers without a second look
MARGIN = 1.0  # ... when the runner-up is at least this far behind
FUZZY_FLOOR = 62.0  # rapidfuzz similarity (0-100) that counts as a paraphrase of an example
LEARNED_MAX = 2.0  # weight of an n-gram learned from the examples alone

_WORD = re.compile(r"<m>|[a-z0-9]+")
# Everyday words that are spelled right even though no example uses them: never "corrected".
_COMMON = frozenset(
    [
        "a",
        "about",
        "after",
        "all",
        "also",
        "am",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "because",
        "been",
        "before",
        "being",
        "best",
        "better",
        "between",
        "both",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "doing",
        "done",
        "for",
        "from",
        "get",
        "give",
        "go",
        "going",
        "good",
        "got",
        "had",
        "has",
        "have",
        "he",
        "her",
        "here",
        "him",
        "his",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "just",
        "know",
        "like",
        "look",
        "lost",
        "make",
        "me",
        "mine",
        "more",
        "most",
        "much",
        "my",
        "need",
        "new",
        "no",
        "not",
        "now",
        "of",
        "off",
        "on",
        "one",
        "only",
        "or",
        "other",
        "our",
        "out",
        "over",
        "please",
        "put",
        "really",
        "right",
        "same",
        "say",
        "see",
        "she",
        "should",
        "show",
        "so",
        "some",
        "still",
        "such",
        "take",
        "tell",
        "than",
        "that",
        "the",
        "their",
        "them",
        "then",
        "there",
        "these",
        "they",
        "thing",
        "think",
        "this",
        "those",
        "through",
        "to",
        "too",
        "try",
        "two",
        "up",
        "us",
        "use",
        "used",
        "very",
        "want",
        "was",
        "way",
        "we",
        "well",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "whether",
        "either",
        "rather",
        "another",
        "team",
        "product",
        "why",
        "will",
        "with",
        "work",
        "would",
        "yes",
        "yet",
        "you",
        "your",
        "fast",
        "faster",
        "slow",
        "latency",
        "speed",
        "quality",
        "cost",
        "model",
        "models",
        "price",
        "best",
        "worst",
        "great",
        "good",
        "nice",
        "cool",
        "okay",
        "ok",
        "hmm",
        "sure",
        "vice",
        "versa",
        "reverse",
        "direction",
        "around",
    ]
)
COMMON_WORDS = _COMMON  # everyday words: never corrected, never a name


class IntentMatch(msgspec.Struct, frozen=True, kw_only=True):
    """The matcher's verdict: best intent and score, the runner-up, and how it decided."""

    intent: str | None
    score: float
    runner_up: str | None = None
    runner_score: float = 0.0
    fuzzy: bool = False  # decided (or confirmed) by rapidfuzz over examples
    tied: bool = False  # two intents stay too close to tell apart


def tokenize(text: str) -> list[str]:
    """Words, numbers and model masks of a normalised, masked text."""
    return _WORD.findall(text)


def mask_example(example: str) -> str:
    """An intents-file example normalised with its model placeholders masked."""
    for slot in MODEL_SLOTS:
        example = example.replace(slot, f" {MASK} ")
    return normalise(example)


def ngrams(tokens: Sequence[str], max_n: int = MAX_NGRAM) -> Iterable[tuple[str, ...]]:
    """Every n-gram of 1..max_n tokens."""
    count = len(tokens)
    for size in range(1, max_n + 1):
        for start in range(count - size + 1):
            yield tuple(tokens[start : start + size])


class Matcher:
    """Scores intents for a question; built once from the intents."""

    def __init__(
        self,
        intents: Sequence[Intent],
        extra: Mapping[str, Mapping[str, float]] | None = None,
        slot_words: Iterable[str] = (),
    ) -> None:
        self.intents = tuple(intents)
        self.extra = extra or {}  # intent -> cue phrase -> weight, from the catalog
        self.slot_words = frozenset(slot_words)  # slot phrases' words: typo targets too
        self.cues: dict[tuple[str, ...], tuple[tuple[str, float], ...]] = {}
        self.examples: dict[str, tuple[str, ...]] = {}
        self.vocab: dict[str, int] = {}
        self.deletes: dict[str, tuple[str, ...]] = {}
        self._build()

    def _build(self) -> None:
        """Cue table (hand cues plus n-grams learned from examples) and the spelling index."""
        table: dict[tuple[str, ...], dict[str, float]] = defaultdict(dict)
        for intent in self.intents:
            for phrase, weight in intent.cues.items():
                key = tuple(tokenize(normalise(phrase)))
                table[key][intent.name] = max(weight, table[key].get(intent.name, 0.0))
        known = {w for i in self.intents for e in i.examples for w in tokenize(normalise(e))}
        for name, cues in self.extra.items():
            for phrase, weight in cues.items():
                key = tuple(tokenize(normalise(phrase)))
                if not key or key in table or (len(key) == 1 and key[0] in known):
                    continue  # the intents files' own cues and words take precedence
                table[key][name] = weight
        self._learn(table)
        self.cues = {key: tuple(sorted(per.items())) for key, per in table.items()}
        self._index_vocab()

    def _learn(self, table: dict[tuple[str, ...], dict[str, float]]) -> None:
        """Add n-grams that mostly occur in one intent's examples, weighted by how much."""
        seen: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
        for intent in self.intents:
            masked = tuple(mask_example(example) for example in intent.examples)
            self.examples[intent.name] = masked
            for text in masked:
                for gram in set(ngrams(tokenize(text), 2)):
                    if gram != (MASK,):
                        seen[gram][intent.name] += 1
        for gram, counts in seen.items():
            total = sum(counts.values())
            name, count = counts.most_common(1)[0]
            share = count / total
            if share >= 0.6 and count >= 2 and name not in table[gram]:
                table[gram][name] = LEARNED_MAX * share * min(1.0, count / 4)

    def _index_vocab(self) -> None:
        """Known words, and single-deletion keys of cue words for typo correction."""
        words: Counter[str] = Counter()
        for texts in self.examples.values():
            for text in texts:
                words.update(tokenize(text))
        cue_words = {word for key in self.cues for word in key}
        # Off-topic cue words are matched exactly only: "whether" must not become "weather".
        on_topic = {
            word
            for key, hits in self.cues.items()
            if any(name != "fallback" for name, _ in hits)
            for word in key
        }
        on_topic |= self.slot_words
        words.update(cue_words | self.slot_words)
        self.vocab = dict(words)
        deletes: dict[str, set[str]] = defaultdict(set)
        for word in on_topic:
            if len(word) >= 4 and word.isalpha():
                for key in _deletions(word) | {word}:
                    deletes[key].add(word)
        self.deletes = {key: tuple(sorted(found)) for key, found in deletes.items()}

    def correct(self, tokens: list[str]) -> list[str]:
        """Replace unknown words with the nearest cue word (one or two edits away)."""
        return [self._correct_word(token) for token in tokens]

    def _correct_word(self, word: str) -> str:
        """One word: itself when known or not correctable, else its closest cue word."""
        if len(word) < 4 or word in self.vocab or word in _COMMON or not word.isalpha():
            return word
        found: set[str] = set()
        for key in _deletions(word) | {word}:
            found.update(self.deletes.get(key, ()))
        limit = 1 if len(word) < 7 else 2
        best = min(
            found,
            key=lambda cand: (OSA.distance(word, cand), -self.vocab.get(cand, 0), cand),
            default=None,
        )
        if best is None or OSA.distance(word, best) > limit:
            return word
        return best

    def score(self, tokens: Sequence[str]) -> dict[str, float]:
        """Sum of cue weights per intent over the question's distinct n-grams (a cue said
        twice, as 'vs' in 'A vs B vs C', is evidence once)."""
        scores: dict[str, float] = {}
        cues = self.cues
        for gram in dict.fromkeys(ngrams(tokens)):
            hits = cues.get(gram)
            if hits:
                for name, weight in hits:
                    scores[name] = scores.get(name, 0.0) + weight
        return scores

    def match(self, tokens: Sequence[str], text: str) -> IntentMatch:
        """Best intent for the question: cues decide; rapidfuzz breaks weak or tied cues."""
        ranked = sorted(self.score(tokens).items(), key=lambda item: -item[1])
        if not ranked:
            return IntentMatch(intent=None, score=0.0)
        best, top = ranked[0]
        runner, second = ranked[1] if len(ranked) > 1 else (None, 0.0)
        if top >= CONFIDENT and top - second >= MARGIN:
            return IntentMatch(intent=best, score=top, runner_up=runner, runner_score=second)
        return self._fuzzy(ranked[:3], text)

    def _fuzzy(self, ranked: list[tuple[str, float]], text: str) -> IntentMatch:
        """Compare the question with the examples of the leading intents only."""
        sims: list[tuple[float, str]] = []
        for name, cue in ranked:
            sim = max(fuzz.token_sort_ratio(text, example) for example in self.examples[name])
            sims.append((sim + 4.0 * cue, name))
        sims.sort(reverse=True)
        (top_sim, best), cue_of = sims[0], dict(ranked)
        runner, second_sim = (sims[1][1], sims[1][0]) if len(sims) > 1 else (None, 0.0)
        tied = runner is not None and top_sim - second_sim < 3.0 and cue_of[best] >= CONFIDENT
        if top_sim - 4.0 * cue_of[best] < FUZZY_FLOOR and cue_of[best] < CONFIDENT / 2:
            return IntentMatch(intent=None, score=cue_of[best], fuzzy=True)
        return IntentMatch(
            intent=best,
            score=cue_of[best],
            runner_up=runner,
            runner_score=cue_of.get(runner, 0.0) if runner else 0.0,
            fuzzy=True,
            tied=tied,
        )


def _deletions(word: str) -> set[str]:
    """Every string one character shorter than the word."""
    return {word[:index] + word[index + 1 :] for index in range(len(word))}
