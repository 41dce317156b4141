"""Order-free keys that say when two model ids (or names) spell the same model.

A key is the sorted multiset of an id's tokens, after:

- splitting letters from digits and separators (``llama3-1-70b`` -> llama 3.1 70b);
- reading a run of short numbers as one dotted version (``4-5`` == ``4.5``), with a
  trailing ``.0`` minor dropped (``opus-4-0`` == ``opus-4``, ``nova-pro-1-0`` == ``v1``);
- keeping sizes whole (``70b``, ``1.5b``, ``8x7b``, ``a22b``);
- dropping a ``v`` before a version (``v3.2`` == ``3.2``) and the lab's own name in
  front (``anthropic-claude-opus-4`` == ``claude-opus-4``, ``qwen-qwq`` == ``qwq``).

A trailing provider stamp (a 6-8 digit date, or ``001``-style) is split off as the
key's stamp: ``claude-3-5-haiku-20241022`` has the key of ``claude-haiku-3.5`` plus a
stamp; whether the stamp may be ignored is the caller's decision (dedupe.py).
Variant words (mini, pro, flash, thinking, instruct, ...) stay in the key, so two
sizes or variants never share one.
"""

from __future__ import annotations

import re

from assistant.catalog.link import ORG_LABS

Key = tuple[str, ...]

_TOKEN = re.compile(
    r"(?<!\d)(?:19|20)\d\d-[01]\d-[0-3]\d(?!\d)"  # dashed dates: 2024-08-06
    r"|[ae]\d+b(?![a-z])"  # active / effective params: a22b, e4b
    r"|\d+x\d+[bmk]?(?![a-z])"  # mixtures: 8x7b
    r"|\d+(?:\.\d+)?[bmkt](?![a-z])"  # sizes: 70b, 1.5b, 128k
    r"|\d+(?:[.\-]\d{1,2}(?!\d)(?![bmkt](?![a-z]))(?![.x]\d))*"  # versions: 3.1, 4-5
    r"|[a-z]+"
)
_STAMP = re.compile(
    r"^((?:19|20)?\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])|00\d)$"
)  # YYMMDD / YYYYMMDD dates, 001-style version tags (not 131072, a context size)
_SYNONYMS = {"think": "thinking"}


def lab_words(lab_id: str) -> tuple[Key, ...]:
    """The token spellings of a lab's name that may lead an id (longest first)."""
    spellings = {lab_id} | {org for org, lab in ORG_LABS.items() if lab == lab_id}
    keys = {tuple(_raw_tokens(s)) for s in spellings} - {()}
    # ``meta-llama`` is ``meta`` followed by the family name: strip the org part only
    keys = {k for k in keys if not any(k[: len(o)] == o for o in keys if len(o) < len(k))}
    return tuple(sorted(keys, key=lambda k: (-len(k), k)))


def _raw_tokens(text: str) -> list[str]:
    """Lowercase tokens of an id or name, versions dotted, before any dropping."""
    out = []
    for token in _TOKEN.findall(text.lower()):
        if re.fullmatch(r"\d{4}-\d\d-\d\d", token):
            token = token.replace("-", "")
        elif token[0].isdigit():
            token = token.replace("-", ".")
        out.append(_SYNONYMS.get(token, token))
    return out


def _version(token: str) -> str:
    """A dotted version without trailing ``.0`` minors (``4.0`` -> ``4``)."""
    while token.endswith(".0") and len(token) > 2:
        token = token[:-2]
    return token


def _is_number(token: str) -> bool:
    """True for a bare version number token (``3``, ``3.1``)."""
    return bool(re.fullmatch(r"\d+(\.\d+)*", token))


def tokens(text: str, words: tuple[Key, ...] = ()) -> list[str]:
    """The normalised tokens of an id slug or a name (see the module docstring)."""
    raw = [_version(t) if _is_number(t) else t for t in _raw_tokens(text)]
    raw = [t for i, t in enumerate(raw) if not (t == "v" and _next_is_number(raw, i))]
    stripped = True
    while stripped:
        stripped = False
        for word in words:
            if len(raw) > len(word) and tuple(raw[: len(word)]) == word:
                raw, stripped = raw[len(word) :], True
                break
    return raw


def _next_is_number(raw: list[str], i: int) -> bool:
    """True when the token after position ``i`` is a version number."""
    return i + 1 < len(raw) and _is_number(raw[i + 1])


def id_key(slug: str, words: tuple[Key, ...] = ()) -> tuple[Key, str | None]:
    """An id slug's key and its trailing stamp (None when it has none)."""
    parts = tokens(slug, words)
    stamp = None
    if len(parts) > 1 and _STAMP.match(parts[-1]):
        stamp, parts = parts[-1], parts[:-1]
    return tuple(sorted(parts)), stamp


def name_key(name: str, words: tuple[Key, ...] = ()) -> Key:
    """A display name's key (same normalisation as ids)."""
    return tuple(sorted(tokens(name, words)))


def names_agree(a: Key, b: Key) -> bool:
    """True when two name keys are equal or one's tokens contain the other's."""
    sa, sb = set(a), set(b)
    return bool(sa and sb) and (sa <= sb or sb <= sa)
