"""Model-name normalisation: compact keys, atom spans, name variants and word lists.

A *compact key* is a name lowercased with every separator removed ("GPT-4o",
"gpt 4o" and "gpt4o" all give ``gpt4o``; "qwen35 4b" and "Qwen3.5-4B" give
``qwen354b``). Text is cut into *atoms* (runs of letters and digits); the
resolver joins consecutive atoms into compact keys and checks that every place
where the text splits is a place where the name may split (see ``split_points``).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Collection, Iterable

ATOM = re.compile(r"[^\W_]+\+*")
_SPACED = re.compile(r"[^\W_]+|[^\w\s]")
_LAB_PREFIX = re.compile(r"^[^:/]{2,40}:\s+")
_PAREN = re.compile(r"\s*\(([^)]*)\)")
_DATE = re.compile(r"^(20\d{6}|\d{4})$")
_DATE_PART = re.compile(r"^(0[1-9]|1[0-2]|[12]\d|3[01])$")
_VERSION_WORD = re.compile(r"\d+(\.\d+)*b?", re.IGNORECASE)
_UNIT = re.compile(r"^\d+(\.\d+)?(k|m|b|t|bn|gb|tb|mb|x|s|ms|h|pm|am|st|nd|rd|th|usd|eur)?$")


def _wordset(text: str) -> frozenset[str]:
    """The whitespace-separated words of a block of text, as a set."""
    return frozenset(text.split())


# Common English and chat words: never part of a typo window, never a model alone.
ENGLISH_WORDS: frozenset[str] = _wordset(
    """
    a about above after again against all also am an and any are as at be because been before
    being below between both but by can cat could did do does doing dog down during each few for
    from further had has have having he her here hers herself him himself his how i if in into is
    it its itself just me more most my myself no nor not now of off on once only or other our ours
    out over own same she should so some such than that the their theirs them then there these
    they this those through to too under until up very was we were what when where which while
    who whom why will with would you your yours yourself apples apple weather today tomorrow
    yesterday please thanks thank hello hi hey ok okay yes yeah sure good better best bad worse
    worst cheap cheaper cheapest faster fastest slow slower new newer newest old older oldest
    big bigger biggest smaller smallest two three four five six seven eight nine ten
    first second third last model models llm llms api apis price prices pricing cost costs
    context window tokens token input output compare comparison versus vs tools
    write writing read reading time day week month year years per million use
    using used need want like know tell show give get make find help work works running
    answer question questions done way thing things many much lot lots number numbers
    supports supported provider providers available source license rather than which
    community team company people person world home house car food water money job family
    friend school city country game book story movie song name place life love world
    """
)

# Qualifiers that appear inside names but never name a model on their own.
GENERIC_WORDS: frozenset[str] = _wordset(
    """
    free pro mini max plus lite large medium small turbo chat base instruct preview latest ultra
    nano micro tiny flash air edge auto default online beta exp experimental embed embedding
    image images audio realtime search deep research standard basic premium fast thinking
    instant codex coder omni text speech voice video music translate transcribe moderation
    safeguard guard nitro extended legacy classic light heavy high low mid core prime spark
    vision reasoning code coding one next open weights support tool run
    """
)

STOPWORDS: frozenset[str] = ENGLISH_WORDS | GENERIC_WORDS

# Words that only name a family or a lab: alone they are ambiguous, never one model.
FAMILY_WORDS: frozenset[str] = _wordset(
    """
    gpt chatgpt claude anthropic openai gemini gemma google llama meta qwen alibaba mistral
    mistralai deepseek grok xai phi microsoft glm zhipu zai kimi moonshot moonshotai minimax
    nova amazon command cohere sonnet opus haiku o nemotron nvidia ernie baidu hunyuan tencent
    yi doubao seed bytedance jamba mimo xiaomi step stepfun olmo granite ibm
    """
)

# Words that make a short or one-word alias believable ("how much is o3?").
CUE_WORDS: frozenset[str] = _wordset(
    """
    model models llm llms api price prices pricing cost costs context window tokens token
    compare comparison versus vs benchmark benchmarks score scores reasoning vision license
    provider providers openai anthropic google meta mistral deepseek alibaba weights released
    release cutoff modalities parameters params latency throughput cheaper cheapest better
    faster smarter capable capabilities support supports multimodal and or
    input output cached cache license licence open weights providers hosting coding
    ctx oss specs spec knowledge cheap expensive
    """
)

# First words of a question or request: a short versioned key ("o3") in one is a model.
QUESTION_WORDS: frozenset[str] = _wordset(
    """
    is are was does do did can could should would will what whats which how who why when
    where tell compare explain describe show give list rate review
    """
)

# More everyday words that sit before a number ("at least 5", "room 101" is no model).
EXTRA_ENGLISH: frozenset[str] = _wordset(
    """
    least under over around about only just top next within page step option chapter level
    tier plan version than up to below above max min maximum minimum limit budget spend
    request requests call calls user users day days hour hours minute minutes second seconds
    """
)

# Suffix atoms glued to a name ("-latest", ":free", "-Instruct") that do not change the model.
SUFFIX_WORDS: frozenset[str] = frozenset({"latest", "free", "instruct", "it", "hf"})


def compact(text: str) -> str:
    """The compact key of a name: lowercase letters and digits only."""
    return "".join(ATOM.findall(text.lower()))


def atom_spans(text: str) -> list[tuple[int, int, str]]:
    """Every atom of ``text`` as (start, end, lowercased atom)."""
    lowered = text.lower()
    return [(m.start(), m.end(), m.group()) for m in ATOM.finditer(lowered)]


def split_points(name: str) -> frozenset[int]:
    """Compact-key offsets where ``name`` has a separator (where text may split it too)."""
    points: set[int] = set()
    length = 0
    for atom in ATOM.findall(name.lower()):
        if length:
            points.add(length)
        length += len(atom)
    return frozenset(points)


def letter_digit_points(key: str) -> frozenset[int]:
    """Offsets where letters (two or more) are followed by a digit: "qwen|3", not "o|1"."""
    points = set()
    run = 0
    for i, char in enumerate(key):
        if char.isdigit():
            if run >= 2:
                points.add(i)
            run = 0
        else:
            run += 1
    return frozenset(points)


def digits_of(key: str) -> str:
    """The digits of a key in order: the version signature a typo may not change."""
    return "".join(c for c in key if c.isdigit())


def is_date_atom(atom: str) -> bool:
    """True for atoms that open a snapshot date (2024, 0613, 2407, 20240806)."""
    return bool(_DATE.match(atom))


def is_date_part(atom: str) -> bool:
    """True for a two-digit month or day that may follow a year atom (08, 06)."""
    return bool(_DATE_PART.match(atom))


def is_quantity(atom: str) -> bool:
    """True for numbers and numbers with a unit (128k, 10b, 2024, 4pm)."""
    return bool(_UNIT.match(atom))


def spaced(name: str) -> str:
    """Lowercase words of a name joined by single spaces ("Claude Sonnet 4.5" -> same, lower)."""
    return " ".join(_SPACED.findall(name.lower()))


def deletes(word: str) -> set[str]:
    """The word with each one character removed (for typo-tolerant vocabulary checks)."""
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def name_variants(name: str) -> set[str]:
    """Other ways people write a display name: no "Lab: " prefix, no "(latest)", reordered."""
    bare = _LAB_PREFIX.sub("", name).strip()
    if "+" in bare:
        bare = bare.replace("+", " Plus")
    forms = {bare, _PAREN.sub(r" \1", bare).strip()}
    if _PAREN.search(bare):
        forms.add(_PAREN.sub("", bare).strip())
    out = set(forms)
    for form in forms:
        out.update(_reordered(form.split()))
    out.discard(name)
    return {v for v in out if v}


_NAME_WORD = re.compile(r"[^\s\-_/]+")
MAX_PARTIAL_WORDS = 6


def bare_name(name: str) -> str:
    """A display name without a "Lab: " prefix or a parenthesised tag ("(latest)")."""
    return _PAREN.sub("", _LAB_PREFIX.sub("", name)).strip()


def partial_names(name: str) -> set[str]:
    """Family-level forms of a name: its first word plus some, not all, later words.

    "Claude Sonnet 4.5" gives "Claude Sonnet" and "Claude 4.5"; "Llama 3.3 70B" gives
    "Llama 70B"; "Qwen3 32B" gives "Qwen3". Only for names that open with a family word;
    a one-word form needs a version digit ("Qwen3", never "Claude").
    """
    words = _NAME_WORD.findall(bare_name(name))
    if len(words) < 2 or len(words) > MAX_PARTIAL_WORDS:
        return set()
    head, rest = words[0], words[1:]
    stem = re.match(r"[a-z]+", head.lower())
    if stem is None or stem.group() not in FAMILY_WORDS:
        return set()
    out: set[str] = set()
    for size in range(len(rest)):
        for kept in itertools.combinations(rest, size):
            if size == 0 and not any(c.isdigit() for c in head):
                continue
            if any(is_date_atom(w) for w in kept):
                continue
            out.add(" ".join((head, *kept)))
    return out


def _reordered(words: list[str]) -> set[str]:
    """Family-word variants: "Claude Sonnet 4.5" <-> "Claude 4.5 Sonnet", "Sonnet 4.5"."""
    out: set[str] = set()
    if len(words) < 2 or words[0].lower() not in FAMILY_WORDS:
        return out
    head, rest = words[0], words[1:]
    has_word = any(_distinct_word(w) for w in rest)
    has_digit = any(any(c.isdigit() for c in w) for w in rest)
    if has_word and has_digit:
        out.add(" ".join(rest))
    if len(rest) == 2 and _distinct_word(rest[0]) and _is_version(rest[1]):
        out.add(f"{head} {rest[1]} {rest[0]}")
    if len(rest) == 2 and _is_version(rest[0]) and _distinct_word(rest[1]):
        out.add(f"{head} {rest[1]} {rest[0]}")
        out.add(f"{rest[1]} {rest[0]}")
    return out


def _distinct_word(word: str) -> bool:
    """An alphabetic word that is neither generic nor a stopword ("sonnet", "haiku")."""
    low = word.lower()
    return low.isalpha() and len(low) >= 3 and low not in STOPWORDS


def _is_version(word: str) -> bool:
    """A bare version number such as 4, 4.5 or 3.7."""
    return bool(re.fullmatch(r"\d+(\.\d+)?", word))


def id_variants(model_id: str) -> set[str]:
    """Forms of a catalog id: the part after the lab ("openai/gpt-4o" -> "gpt-4o")."""
    tail = model_id.split("/", 1)[-1]
    return {tail} if tail != model_id else set()


def vocabulary(names: Iterable[str]) -> frozenset[str]:
    """The alphabetic words (3+ letters, not plain English) used in names, for typo gating."""
    words: set[str] = set()
    for name in names:
        for atom in ATOM.findall(name.lower()):
            for part in re.findall(r"[^\W\d_]{3,}", atom):
                if part not in ENGLISH_WORDS:
                    words.add(part)
    return frozenset(words)


_WORD = re.compile(r"[^\s,;!?()\[\]\"]+")
_WORD_TRIM = ".:'"


def nameish_spans(text: str, known: Collection[str] = ()) -> list[tuple[int, int]]:
    """Spans of name-looking word runs ("GPT-9 Ultra", "Claude Mega 7", "Nimbus-Ultra 4000").

    A run starts at a *core* word (letters and digits, "GPT-9") or a *capital* word (a
    capitalised non-English word, "Nimbus-Ultra"), or at a lowercase word unknown to
    ``known`` and to the English list that a version follows ("zorblax 12"). It extends over
    core, capital and version words (a bare number or a size such as "900B"), and over
    generic qualifiers after a core word ("gpt-9 ultra"). A run needs a core word, or a
    version right after a name word: "Claude Mega" alone is no model name.
    ``known`` words are the caller's ordinary vocabulary.
    """
    words = _words(text)
    runs: list[tuple[int, int]] = []
    i = 0
    while i < len(words):
        if not _opens_run(words, i, known):
            i += 1
            continue
        j = i
        while j + 1 < len(words) and _extends_run(words[j][2], words[j + 1][2]):
            j += 1
        run = [w for _, _, w in words[i : j + 1]]
        if any(_is_core(w) for w in run) or any(_is_release(w) for w in run[1:]):
            runs.append((words[i][0], words[j][1]))
        i = j + 1
    return runs


def _opens_run(words: list[tuple[int, int, str]], i: int, known: Collection[str]) -> bool:
    """May a name-like run start at word ``i``?"""
    word = words[i][2]
    if _is_core(word) or _is_capital(word):
        return True
    for k in range(i, min(i + 3, len(words) - 1)):  # "zorblax 12", "claude opus 11"
        if not _unknown_word(words[k][2].lower(), known):
            return False
        if _is_release(words[k + 1][2]):
            return True
    return False


def _extends_run(prev: str, word: str) -> bool:
    """May ``word`` continue a name-like run that ended with ``prev``?"""
    if _is_core(word) or _is_capital(word) or _is_release(word):
        return True
    if not _is_release(prev) and _unknown_word(word.lower(), ()):
        return True
    return word.lower() in GENERIC_WORDS and _is_core(prev)


def _unknown_word(word: str, known: Collection[str]) -> bool:
    """A lowercase alphabetic word that is no English, question or known vocabulary word."""
    parts = word.split("-")
    if len(word) < 3 or not all(p.isalpha() for p in parts):
        return False
    plain = STOPWORDS | QUESTION_WORDS | EXTRA_ENGLISH
    return not any(p in plain or p in known for p in parts) and word not in known


def _is_release(word: str) -> bool:
    """A version or size after a name: "7", "4000", "3.5", "900B" (never "128K" or "$5")."""
    return bool(_VERSION_WORD.fullmatch(word))


def _words(text: str) -> list[tuple[int, int, str]]:
    """Whitespace words without surrounding punctuation, as (start, end, word)."""
    out = []
    for m in _WORD.finditer(text):
        word = m.group()
        lead = len(word) - len(word.lstrip(_WORD_TRIM))
        core = word.strip(_WORD_TRIM)
        if core:
            out.append((m.start() + lead, m.start() + lead + len(core), core))
    return out


def _is_core(word: str) -> bool:
    """A word with letters and digits that is not a quantity ("GPT-9", not "128k")."""
    has_alpha = any(c.isalpha() for c in word)
    has_digit = any(c.isdigit() for c in word)
    if not (has_alpha and has_digit) or word.startswith("$"):
        return False
    plain = STOPWORDS | EXTRA_ENGLISH
    atoms = ATOM.findall(word.lower())  # "1M+" is a quantity with a plus, not a name
    return not all(is_quantity(a.rstrip("+")) or a in plain for a in atoms)


def _is_capital(word: str) -> bool:
    """A capitalised word that is not plain English ("Ultra", "Nimbus-Ultra", not "The")."""
    parts = word.lower().split("-")
    if not word[:1].isupper() or not all(p.isalpha() for p in parts):
        return False
    plain = ENGLISH_WORDS | QUESTION_WORDS | EXTRA_ENGLISH
    return not any(p in plain for p in parts)
