"""The identity audit: suspected duplicates and conflations among the built catalog's models.

Rules, each with its evidence (names, ids, release dates, routes):

- ``same name`` (high): two models of one lab whose display names have the same words in
  any order ("Claude 3.5 Sonnet v2" / "Claude Sonnet 3.5 v2");
- ``month word`` (high): one name says a month ("Claude Sonnet 3.5 June") where a sibling's
  id carries a date stamp in that month and the other words agree;
- ``two stamps`` (medium): two models of one lab whose ids differ only in their date stamps
  (two snapshots, or a typo in a source);
- ``conflated routes`` (high): a model whose own id is dated serves routes stamped with
  another date (another snapshot's routes linked to it).

A suspicion is resolved by the overlay: ``[[links]]`` (confirmed: the build merges the ids)
or ``[[distinct]]`` (checked: different models). ``assistant catalog audit`` prints the rest.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable

import msgspec

from assistant.catalog.link import clean_name, date_stamp, snapshot_base
from assistant.catalog.overlay import Overlay
from assistant.catalog.records import Model
from assistant.catalog.store import Catalog

MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december")  # fmt: skip


class Suspect(msgspec.Struct, frozen=True, kw_only=True):
    """One suspected duplicate or conflation, with the rule and its evidence."""

    ids: tuple[str, ...]
    lab: str
    rule: str
    confidence: str  # "high" | "medium"
    evidence: str


def _words(text: str) -> tuple[str, ...]:
    """The lowercase words and numbers of a name, sorted ("3.5" and "3-5" are both 3, 5)."""
    return tuple(sorted(re.findall(r"[a-z]+|\d+|\+", text.lower())))


def snapshot_pair(a: str, b: str) -> bool:
    """True when one id is the other plus a date stamp (an alias and its pinned snapshot:
    kept apart by design, the snapshot answer relates them)."""
    ca, cb = (re.sub(r"-0$", "", clean_name(x)) for x in (a, b))  # "claude-opus-4-0" alias
    return snapshot_base(ca) == cb or snapshot_base(cb) == ca


def _describe(catalog: Catalog, model: Model) -> str:
    """ "id ("Name", released D, N routes)"."""
    released = f", released {model.release_date}" if model.release_date else ""
    return f'{model.id} ("{model.name}"{released}, {len(catalog.routes_for(model.id))} routes)'


def _same_name(catalog: Catalog, models: list[Model]) -> list[Suspect]:
    """Models of one lab whose display names have the same words."""
    groups: dict[tuple[str, tuple[str, ...]], list[Model]] = defaultdict(list)
    for m in models:
        groups[(m.lab_id or "", _words(m.name))].append(m)
    out = []
    for (lab, _), group in sorted(groups.items(), key=lambda kv: kv[0][0]):
        pairs = [(a, b) for i, a in enumerate(group) for b in group[i + 1 :]
                 if not snapshot_pair(a.id, b.id)]  # fmt: skip
        for a, b in pairs:
            out.append(
                Suspect(ids=(a.id, b.id), lab=lab, rule="same name", confidence="high",
                        evidence=f"{_describe(catalog, a)}; {_describe(catalog, b)}")
            )  # fmt: skip
    return out


def _month_word(catalog: Catalog, models: list[Model]) -> list[Suspect]:
    """A month in one name matching a sibling's date stamp, the other words agreeing."""
    stamped: dict[tuple[str, tuple[str, ...]], list[tuple[Model, str]]] = defaultdict(list)
    for m in models:
        clean = clean_name(m.id)
        stamp, base = date_stamp(clean), snapshot_base(clean)
        if stamp and base:
            stamped[(m.lab_id or "", _words(base))].append((m, stamp))
    out = []
    for m in models:
        words = set(_words(m.name)) | set(_words(clean_name(m.id)))
        months = [i for i, name in enumerate(MONTHS, 1) if name in words]
        if len(months) != 1:
            continue
        rest = tuple(w for w in _words(clean_name(m.id)) if w not in MONTHS)
        for other, stamp in stamped.get((m.lab_id or "", rest), []):
            if other.id != m.id and int(stamp[4:6]) == months[0]:
                out.append(
                    Suspect(ids=(m.id, other.id), lab=m.lab_id or "", rule="month word",
                            confidence="high",
                            evidence=f"{_describe(catalog, m)} names {MONTHS[months[0] - 1]}; "
                            f"{_describe(catalog, other)} is stamped {stamp}")
                )  # fmt: skip
    return out


def _two_stamps(catalog: Catalog, models: list[Model]) -> list[Suspect]:
    """Ids of one lab that differ only in their date stamps."""
    groups: dict[tuple[str, str], list[tuple[Model, str]]] = defaultdict(list)
    for m in models:
        clean = clean_name(m.id)
        stamp, base = date_stamp(clean), snapshot_base(clean)
        if stamp and base:
            groups[(m.lab_id or "", base)].append((m, stamp))
    return [
        Suspect(ids=tuple(m.id for m, _ in group), lab=lab, rule="two stamps",
                confidence="medium",
                evidence="; ".join(f"{_describe(catalog, m)} stamped {s}" for m, s in group))
        for (lab, _), group in sorted(groups.items())
        if len({s for _, s in group}) > 1
    ]  # fmt: skip


def _conflated(catalog: Catalog, models: list[Model], linked: set[str]) -> list[Suspect]:
    """Dated models serving routes stamped with another date (a confirmed link's aside)."""
    out = []
    for m in models:
        own = date_stamp(clean_name(m.id))
        if own is None:
            continue
        others = sorted(
            {r.provider_model_id for r in catalog.routes_for(m.id)
             if (s := date_stamp(clean_name(r.provider_model_id))) and s != own
             and clean_name(r.provider_model_id) not in linked}
        )  # fmt: skip
        if others:
            out.append(
                Suspect(ids=(m.id,), lab=m.lab_id or "", rule="conflated routes",
                        confidence="high",
                        evidence=f"{_describe(catalog, m)} serves {', '.join(others[:4])}")
            )  # fmt: skip
    return out


def audit(catalog: Catalog, overlay: Overlay) -> list[Suspect]:
    """Every unresolved suspicion (the overlay's [[distinct]] pairs are resolved)."""
    models = [m for m in catalog.all_models() if m.lab_id]
    found = (
        _same_name(catalog, models) + _month_word(catalog, models)
        + _two_stamps(catalog, models)
        + _conflated(catalog, models, {clean_name(k.id) for k in overlay.links})
    )  # fmt: skip
    checked = [frozenset(d.ids) for d in overlay.distinct]
    return [s for s in found if not any(set(s.ids) <= ids for ids in checked)]


def largest_labs(models: Iterable[Model], count: int = 10) -> list[str]:
    """The lab ids with the most models, largest first (ties by id)."""
    sizes = Counter(m.lab_id for m in models if m.lab_id)
    return [lab for lab, _ in sorted(sizes.items(), key=lambda kv: (-kv[1], kv[0]))[:count]]
