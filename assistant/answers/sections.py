"""Composing a reply from sections: the asked answer, one section per further fact asked,
and the honesty sentence naming the parts of the question nothing could apply.

The Query says it all (``also``, ``capabilities``, ``unapplied``); nothing here reads the
question's text.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import msgspec

from assistant.answers.query import Query
from assistant.catalog.store import Catalog
from assistant.reply import Reply

Answer = Callable[[Catalog, Query], Reply]


def sub_queries(query: Query) -> list[Query]:
    """The Query of each further section: one per further fact kind and capability."""
    subs = [msgspec.structs.replace(query, intent=name, also=()) for name in query.also]
    subs += [
        msgspec.structs.replace(query, intent="capability", capability=name, also=())
        for name in query.capabilities[1:]
        if name != query.capability
    ]
    return subs


def compose(answers: Mapping[str, Answer], catalog: Catalog, query: Query, first: Reply) -> Reply:
    """The first answer with its further sections and the honesty sentence added."""
    texts = [first.text]
    data = dict(first.data)
    for sub in sub_queries(query):
        answer = answers.get(sub.intent)
        if answer is None:
            continue
        section = answer(catalog, sub)
        if section.intent != "fallback" and section.text not in texts:
            texts.append(section.text)
            data.setdefault("sections", []).append(sub.intent)
    if query.unapplied:  # right after the answer's first line: said, never buried
        head, newline, rest = texts[0].partition("\n")
        texts[0] = head + "\n" + unapplied_sentence(query.unapplied) + newline + rest
        data["unapplied"] = list(query.unapplied)
        texts = [texts[0].rstrip("\n"), *texts[1:]]
    if len(texts) == 1 and not query.unapplied:
        return first
    return msgspec.structs.replace(first, text="\n\n".join(texts), data=data)


def unapplied_sentence(words: Sequence[str]) -> str:
    """One sentence naming the requirement words the answer could not apply."""
    quoted = [f"“{w}”" for w in words]
    said = quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]
    them = "it" if len(words) == 1 else "them"
    return (
        f"I could not apply {said}: the catalog has no data for {them}, "
        f"so this answer does not take {them} into account."
    )
