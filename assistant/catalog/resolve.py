"""Find model mentions in free text: ``Resolver.resolve_models(text) -> tuple[Mention, ...]``.

Two passes over the text's atoms (runs of letters and digits):

1. *Exact*: from each atom, join the following atoms into a compact key and walk
   while the key is a known prefix; the longest key that is a catalog name wins,
   provided every place the text splits is a place the name may split ("4 o"
   never reads as "4o"). A glued snapshot date or "-latest"/":free" suffix and
   an "org/" prefix join the span. Weak keys (short ones such as "o3", one-word
   names) count only when they stand alone and have context: a cue word
   ("model", "vs", "price", ...), another mention, or only punctuation after.
2. *Typos* (``resolve_typos``): over atoms the exact pass left, only windows
   that carry a digit and consist of (near-)name words.

Bare family or lab words ("claude", "gemini", "llama") resolve to nothing: they
name many models and picking one would be inventing. A family-level name that
carries more ("claude sonnet", "claude 4", "llama 70b", "qwen 3") is a *family
mention*: score ``FAMILY_SCORE``, the newest canonical member as its model and
the next ones as equal-score candidates, so the caller can ask "did you mean".
A short weak key with a digit ("o3", "r1") also counts in a question ("is o3
good at coding?") unless "of" follows it ("o1 of them").
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Collection, Mapping

import msgspec

from assistant.catalog import names
from assistant.catalog.records import Alias, Model
from assistant.catalog.resolve_index import Entry, Index, build_index, is_build_word
from assistant.catalog.resolve_typos import Hit, typo_hits
from assistant.catalog.resolve_words import FamilyWords, spell_versions
from assistant.catalog.store import Catalog

MAX_CANDIDATES = 3
_REPAIR_CACHE = 50_000
_JOINERS = frozenset({"and", "or"})
FAMILY_SCORE = 60
_SPLIT = re.compile(r"([^\W_]+\+*)")
_SOFT_GAPS = frozenset({"-", "_", ".", "/", ":"})
_GLUE = frozenset({"-", "_", ".", ":"})
_CLAUSE_END = frozenset("?!.,;:)]")
_VERSION_TAG = re.compile(r"v\d+")
_NAME_PART = re.compile(r"[^\W_]+(?:\.[^\W_]+)*")  # "2.5" stays one part: "gemini 2.5 flash"
# Qualifiers that pick a snapshot or an access tier of the same model, not a sibling.
_SNAPSHOT_WORDS = frozenset(["latest", "free", "default", "auto", "online", "beta", "exp"])


class Candidate(msgspec.Struct, frozen=True, kw_only=True):
    """A runner-up model for an ambiguous mention."""

    model_id: str
    name: str
    score: int


class Mention(msgspec.Struct, frozen=True, kw_only=True):
    """One model mention: span in the original text, the model, and how sure we are."""

    text: str
    start: int
    end: int
    model_id: str
    name: str
    score: int
    alias: str
    candidates: tuple[Candidate, ...] = ()
    family: bool = False  # a family-level name: the model is only the newest candidate


class Resolver:
    """Resolves model names in text against one catalog's names and aliases."""

    def __init__(self, index: Index) -> None:
        """Wrap a built index; prefer ``from_catalog`` or ``from_records``."""
        self._ix = index
        self._kinds: dict[str, tuple[bool, bool, bool]] = {}
        firsts = (names.ATOM.findall(name.lower())[:1] for name in index.names.values())
        self._family = FamilyWords(atoms[0] for atoms in firsts if atoms)
        self._repairs: dict[str, str] = {}

    @classmethod
    def from_catalog(cls, catalog: Catalog) -> Resolver:
        """Index every model and alias of the catalog (route counts break ties)."""
        models = catalog.all_models()
        routes = {m.id: len(catalog.routes_for(m.id)) for m in models}
        return cls(build_index(models, catalog.aliases(), routes))

    @classmethod
    def from_records(
        cls,
        models: tuple[Model, ...],
        aliases: tuple[Alias, ...] = (),
        routes: Mapping[str, int] | None = None,
    ) -> Resolver:
        """Index the given records directly (tests, small fixtures); routes: count per model."""
        return cls(build_index(models, aliases, routes))

    def resolve_models(self, text: str) -> tuple[Mention, ...]:
        """Every model mention in ``text``: non-overlapping, in text order, longest first."""
        parts = _SPLIT.split(_lower(text))
        typed, gaps = parts[1::2], parts[0::2]
        atoms = [self._repaired(atom) for atom in typed]
        hits = _with_context(self._exact_hits(atoms, gaps), atoms, gaps)
        if atoms != typed:
            hits = [_typo_scored(hit, atoms, typed) for hit in hits]
        typos = typo_hits(self._ix, self._kinds, atoms, gaps, hits)
        if typos:
            hits = [h for h in hits if not any(t.first <= h.first <= t.last for t in typos)]
            hits += typos
        if not hits:
            return ()
        starts = list(itertools.accumulate(len(p) for p in parts))[0::2]
        ends = [start + len(atom) for start, atom in zip(starts, typed, strict=False)]
        hits.sort(key=lambda h: h.first)
        found = [self._mention(text, atoms, gaps, (starts, ends), hit) for hit in hits]
        return tuple(m for m in found if not self._runs_on(text, m.end))

    def _runs_on(self, text: str, end: int) -> bool:
        """True when a hyphen glues a further name word to the mention ("gpt-4o-ultra-max"):
        the typed id names a variant the catalog does not have, so it is no mention of it."""
        if text[end : end + 1] != "-":
            return False
        glued = _SPLIT.match(_lower(text[end + 1 :]))
        word = glued.group(0) if glued else ""
        return word.isalpha() and word in self._ix.vocab and word not in names.SUFFIX_WORDS

    def spell_versions(self, text: str) -> str:
        """The text with number words after a model-name word as digits ("gpt five")."""
        ix = self._ix

        def is_name_word(word: str) -> bool:
            return word not in names.ENGLISH_WORDS and (word in ix.vocab or word in ix.heads)

        return spell_versions(text, is_name_word)

    def _repaired(self, atom: str) -> str:
        """The atom, or the family word it mistypes ("mistrall" -> "mistral"); cached."""
        if atom in self._ix.heads or atom in self._ix.vocab:
            return atom
        fixed = self._repairs.get(atom)
        if fixed is None:
            if len(self._repairs) > _REPAIR_CACHE:
                self._repairs.clear()
            fixed = self._repairs[atom] = self._family.repair(atom) or atom
        return fixed

    def unresolved_names(self, text: str, known: Collection[str] = ()) -> tuple[str, ...]:
        """Name-like words that are no catalog model ("GPT-9 Ultra", "Claude Mega 7").

        ``known`` holds the caller's ordinary vocabulary (words of its questions), so a
        lowercase word before a number ("zorblax 12") counts only when nobody knows it.
        """
        taken = [(m.start, m.end) for m in self.resolve_models(text)]
        found = []
        for start, end in names.nameish_spans(text, known):
            overlaps = any(s < end and start < e for s, e in taken)
            if not overlaps and names.compact(text[start:end]) not in self._ix.exact:
                found.append(text[start:end])
        return tuple(found)

    def sibling(self, model_id: str, text: str) -> str | None:
        """The model named like ``model_id`` with a variant or size word of ``text`` in place
        of one of its own ("nano" after GPT-5 mini -> GPT-5 nano; "20b" after gpt-oss-120b)."""
        words = [w for w in _NAME_PART.findall(_lower(text)) if self._variant_word(w)]
        if not words or len(words) > 2:
            return None
        own = _NAME_PART.findall(self._ix.names.get(model_id, "").lower())
        tail = _NAME_PART.findall(model_id.partition("/")[2].lower())
        for atoms in dict.fromkeys((tuple(own), tuple(tail))):
            for word in words:
                found = self._swapped(model_id, list(atoms), word)
                if found is not None:
                    return found
        return None

    def _variant_word(self, word: str) -> bool:
        """A word that can tell family members apart: a size/version or a name qualifier."""
        if any(c.isdigit() for c in word):
            return len(word) <= 6
        if word in names.ENGLISH_WORDS or word in _SNAPSHOT_WORDS:
            return False
        return word in names.GENERIC_WORDS or word in self._ix.vocab

    def _swapped(self, model_id: str, atoms: list[str], word: str) -> str | None:
        """The first other model named by ``atoms`` with ``word`` replacing one atom of the
        same kind (digits for digits, letters for letters; never the family word) or added."""
        digit = any(c.isdigit() for c in word)
        tries = [
            [*atoms[:i], word, *atoms[i + 1 :]]
            for i in range(len(atoms) - 1, 0, -1)
            if any(c.isdigit() for c in atoms[i]) == digit and atoms[i] != word
        ]
        if word not in atoms:
            tries.append([*atoms, word])
        for attempt in tries:
            found = self._whole_name(" ".join(attempt))
            if found is not None and found != model_id and not self._same_model(model_id, found):
                return found
        return None

    def _whole_name(self, text: str) -> str | None:
        """The model an exact, non-family mention spanning all of ``text`` names, else None."""
        mentions = self.resolve_models(text)
        if len(mentions) != 1:
            return None
        mention = mentions[0]
        whole = mention.start == 0 and mention.end == len(text)
        return mention.model_id if whole and mention.score >= 100 and not mention.family else None

    def _exact_hits(self, atoms: list[str], gaps: list[str]) -> list[Hit]:
        """Longest exact key from each atom, left to right, skipping covered atoms."""
        heads = self._ix.heads
        hits: list[Hit] = []
        i = 0
        while i < len(atoms):
            hit = self._longest_from(atoms, gaps, i) if atoms[i] in heads else None
            if hit is None:
                i += 1
                continue
            hits.append(hit)
            i = hit.last + 1
        return hits

    def _longest_from(self, atoms: list[str], gaps: list[str], i: int) -> Hit | None:
        """The longest catalog key made of atoms starting at ``i``, or None."""
        ix = self._ix
        acc = atoms[i]
        cuts: list[int] = []
        found = (i, acc) if acc in ix.exact else None
        family = (i, acc) if acc in ix.family else None
        for j in range(i + 1, min(len(atoms), i + ix.max_atoms)):
            if acc not in ix.prefixes or not _soft(gaps[j]):
                break
            cuts.append(len(acc))
            acc += atoms[j]
            if _version_goes_on(atoms, gaps, j):
                continue
            if acc in ix.exact and all(c in ix.splits[acc] for c in cuts):
                found = (j, acc)
            elif acc in ix.family and all(c in ix.splits[acc] for c in cuts):
                family = (j, acc)
        if family is not None and _unknown_version(atoms, gaps, family[0]):
            family = None  # "claude opus 11": a version no catalog model has, not a family
        if family is not None and (found is None or family[0] > found[0]):
            last, key = family
            entries = ix.family[key]
            return Hit(i, last, entries[:1], FAMILY_SCORE, family=True, runners=_equal(entries))
        if found is None:
            return None
        last, key = found
        return Hit(i, last, ix.exact[key], 100, weak=key in ix.weak)

    def _mention(
        self,
        text: str,
        atoms: list[str],
        gaps: list[str],
        spans: tuple[list[int], list[int]],
        hit: Hit,
    ) -> Mention:
        """The finished mention: span widened by glued prefix/suffix, candidates attached."""
        hit = _typed_build(atoms, gaps, hit)
        first = _prefix_start(atoms, gaps, hit.first)
        last = _suffix_end(atoms, gaps, hit.last)
        start, end = spans[0][first], spans[1][last]
        entries = _prefer_typed(hit.entries, text[start:end])
        best = entries[0]
        runners = list(hit.runners)
        ties = [e for e in entries[1:] if e.rank[:4] == best.rank[:4]]
        runners += [(e, hit.score) for e in ties[:MAX_CANDIDATES]]
        runners = [(e, s) for e, s in runners if not self._same_model(best.model_id, e.model_id)]
        return Mention(
            text=text[start:end],
            start=start,
            end=end,
            model_id=best.model_id,
            name=self._ix.names.get(best.model_id, best.model_id),
            score=hit.score,
            alias=best.alias,
            candidates=tuple(self._candidate(e, s) for e, s in runners),
            family=hit.family,
        )

    def _same_model(self, model_id: str, other: str) -> bool:
        """A snapshot of the same lab's model under the same display name: no "did you mean"."""
        shown = self._ix.names.get(model_id)
        lab, _, _ = model_id.partition("/")
        return other.startswith(lab + "/") and self._ix.names.get(other) == shown

    def _candidate(self, entry: Entry, score: int) -> Candidate:
        """A runner-up as a public struct."""
        name = self._ix.names.get(entry.model_id, entry.model_id)
        return Candidate(model_id=entry.model_id, name=name, score=score)


def _prefer_typed(entries: tuple[Entry, ...], typed: str) -> tuple[Entry, ...]:
    """For an 'org/model' id ("google/gemma-3-27b-it"): the model whose id or Hugging Face
    id is exactly what was typed, else one from that lab, ahead of a reseller's copy."""
    if "/" not in typed or len(entries) < 2:
        return entries
    typed = typed.lower()
    org = typed.partition("/")[0]

    def fit(entry: Entry) -> int:
        if entry.alias.lower() == typed:
            return 0
        return 1 if entry.model_id.partition("/")[0] == org else 2

    return tuple(sorted(entries, key=fit))  # stable: the index order breaks ties


def _typo_scored(hit: Hit, atoms: list[str], typed: list[str]) -> Hit:
    """An exact hit over a repaired family word scores as a one-edit typo ("gemni 2.5 pro")."""
    span = range(hit.first, hit.last + 1)
    edits = sum(atoms[k] != typed[k] for k in span)
    if not edits:
        return hit
    length = sum(len(atoms[k]) for k in span)
    score = round(hit.score * (1 - edits / max(length, 1)))
    # The repaired key is exact: its equally ranked entries are no typo ambiguity.
    return msgspec.structs.replace(hit, score=score, entries=hit.entries[:1])


def _typed_build(atoms: list[str], gaps: list[str], hit: Hit) -> Hit:
    """A name followed by a build word ("qwen3 coder 480b int4"): that build of it, if any."""
    nxt = hit.last + 1
    if hit.family or nxt >= len(atoms) or not _soft(gaps[nxt]) or not is_build_word(atoms[nxt]):
        return hit
    for entry in hit.entries:
        if atoms[nxt] in names.ATOM.findall(entry.model_id.lower()):
            rest = tuple(e for e in hit.entries if e is not entry)
            return msgspec.structs.replace(hit, last=nxt, entries=(entry, *rest))
    return hit


def _version_goes_on(atoms: list[str], gaps: list[str], j: int) -> bool:
    """True when atom ``j`` is a number the text continues with ".digits" ("4" of "4.7")."""
    if j + 1 >= len(atoms) or gaps[j + 1] != "." or not atoms[j].isdigit():
        return False
    return atoms[j + 1][:1].isdigit()


def _unknown_version(atoms: list[str], gaps: list[str], last: int) -> bool:
    """True when a bare number follows atom ``last`` ("claude opus 11", "claude sonnet 4.7")."""
    nxt = last + 1
    return nxt < len(atoms) and atoms[nxt].isdigit() and _soft(gaps[nxt])


def _equal(entries: tuple[Entry, ...]) -> tuple[tuple[Entry, int], ...]:
    """The runners-up of a family mention: its next members, all at the family score."""
    return tuple((e, FAMILY_SCORE) for e in entries[1 : 1 + MAX_CANDIDATES])


def _lower(text: str) -> str:
    """Lowercase without changing any offset (a few characters grow when lowercased)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def _soft(gap: str) -> bool:
    """May a name run across this gap (spaces, or one glue character such as "-" or "/")?"""
    if gap in _SOFT_GAPS or gap.isspace():
        return True
    bare = gap.strip("[]() ")  # "FLUX.2 [klein] 9B": brackets inside a name
    return len(bare) < len(gap) and (not bare or bare in _SOFT_GAPS) and len(gap) <= 3


def _with_context(hits: list[Hit], atoms: list[str], gaps: list[str]) -> list[Hit]:
    """Drop weak hits that are glued to other text or have no supporting context."""
    if not any(h.weak for h in hits):
        return hits
    cue = any(not h.weak for h in hits) or len(hits) > 1
    strict = cue or any(a in names.CUE_WORDS and a not in _JOINERS for a in atoms)
    cue = strict or any(a in _JOINERS for a in atoms)
    question = _is_question(atoms, gaps)

    def supported(hit: Hit) -> bool:
        """A word-only name ("query") needs more than "and"/"or" ("orders and customers")."""
        plain = "".join(atoms[hit.first : hit.last + 1]).isalpha()
        if strict or (cue and not plain) or _ends_clause(atoms, gaps, hit.last):
            return True
        return question and _versioned(atoms, hit)

    return [h for h in hits if not h.weak or (_stands_alone(atoms, gaps, h) and supported(h))]


def _is_question(atoms: list[str], gaps: list[str]) -> bool:
    """True for a question: a question mark, or a question or request word first."""
    return bool(atoms) and ("?" in "".join(gaps) or atoms[0] in names.QUESTION_WORDS)


def _versioned(atoms: list[str], hit: Hit) -> bool:
    """A short key with a digit ("o3", "r1") not followed by "of" ("o1 of them")."""
    key = "".join(atoms[hit.first : hit.last + 1])
    follow = atoms[hit.last + 1] if hit.last + 1 < len(atoms) else ""
    return any(c.isdigit() for c in key) and follow != "of"


def _stands_alone(atoms: list[str], gaps: list[str], hit: Hit) -> bool:
    """True when no other atom is glued to the hit ("gtp-4o" is not a mention of "4o")."""
    before = hit.first == 0 or gaps[hit.first] not in _SOFT_GAPS
    after = hit.last + 1 == len(atoms) or gaps[hit.last + 1] not in _SOFT_GAPS
    return before and after


def _ends_clause(atoms: list[str], gaps: list[str], last: int) -> bool:
    """True when only punctuation or the end of the text follows atom ``last``."""
    follow = gaps[last + 1].strip()
    return last + 1 == len(atoms) or follow[:1] in _CLAUSE_END


def _prefix_start(atoms: list[str], gaps: list[str], first: int) -> int:
    """Widen a match left over an ``org/`` prefix glued to it ("Qwen/Qwen3.5-4B")."""
    if first == 0 or gaps[first] != "/":
        return first
    k = first - 1
    while k > 0 and gaps[k] in _GLUE:
        k -= 1
    return k


def _suffix_end(atoms: list[str], gaps: list[str], last: int) -> int:
    """Widen a match right over a glued snapshot date or "-latest"/":free"-style suffix."""
    k = last
    after_year = False
    while k + 1 < len(atoms) and gaps[k + 1] in _GLUE:
        atom = atoms[k + 1]
        if names.is_date_atom(atom) or (after_year and names.is_date_part(atom)):
            after_year = len(atom) == 4
        elif atom in names.SUFFIX_WORDS or _VERSION_TAG.fullmatch(atom):
            after_year = False
        else:
            break
        k += 1
    return k


def mask_mentions(text: str, mentions: tuple[Mention, ...], placeholder: str = "MODEL") -> str:
    """``text`` with every mention's span replaced by ``placeholder`` (for intent matching)."""
    out = []
    pos = 0
    for mention in mentions:
        out.append(text[pos : mention.start])
        out.append(placeholder)
        pos = mention.end
    out.append(text[pos:])
    return "".join(out)
