"""Merging provider-only models that are one model spelled twice (after linking).

Linking (link.py) clusters unexplained routes by a normalised key, which still leaves
one model under several ids: ``claude-4.5-opus`` (OpenRouter) next to the canonical
``claude-opus-4-5``, ``nova-pro-1-0`` next to ``nova-pro-v1``, ``qwen-qwq-32b-preview``
next to ``qwq-32b-preview``. Two ids of one lab are the same model when

- their order-free keys are equal (modelkey.py: lab prefix, ``v``, ``-0`` minor and
  separators normalised; every variant word kept), or one carries a trailing provider
  stamp (6-8 digit date, ``001``) the other lacks and no differently-stamped sibling
  makes the stamp meaningful; and
- their display names agree (equal keys, or one's tokens contain the other's), so a
  wrong source name never merges on its own and a matching id with a clashing name
  does not either.

Two canonical ids (models.dev ``models/`` files, overlay models) are never merged: a
group holds at most one, and it is the target. Otherwise the target is the id with a
clean shape, then the most routes and facts. Merged-away ids stay as ``id`` aliases.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations

import msgspec

from assistant.catalog.dedupe_rules import hf_ids, hf_pairs, latest_pairs, yymm_pairs, yymm_stamp
from assistant.catalog.display import display_name
from assistant.catalog.merge import Linked, collect_facts
from assistant.catalog.modelkey import Key, id_key, lab_words, name_key, names_agree, tokens
from assistant.catalog.observations import RANK_MODELS, Observation, Report
from assistant.catalog.scope import first_party


@dataclass
class Info:
    """What deciding a merge needs to know about one model id."""

    model_id: str
    canonical: bool = False
    routes: int = 0
    facts: int = 0
    key: Key = ()
    stamp: str | None = None
    name: Key = ()
    own: bool = False  # the lab's own API serves the model under exactly this slug
    yymm: str | None = None  # a trailing YYMM code (mistral-style), see dedupe_rules.py


def canonical_ids(linked: Linked) -> set[str]:
    """Ids a models.dev ``models/`` file or an overlay model states facts for."""
    return {m for o, m in linked if o.rank <= RANK_MODELS and o.model_id == m and o.facts}


def model_infos(linked: Linked) -> dict[str, Info]:
    """An Info per model id: canonical flag, counts, id key and display-name key."""
    canonical = canonical_ids(linked)
    book = collect_facts(linked)
    infos: dict[str, Info] = {}
    for obs, model_id in linked:
        info = infos.setdefault(model_id, Info(model_id, canonical=model_id in canonical))
        info.routes += obs.route is not None
        info.facts += len(obs.facts)
        route = obs.route
        if route and first_party(model_id.split("/", 1)[0], route.provider_id):
            info.own = info.own or route.provider_model_id.lower() == model_id.split("/", 1)[1]
    for model_id, info in infos.items():
        lab, slug = model_id.split("/", 1)
        words = lab_words(lab)
        info.key, info.stamp = id_key(slug, words)
        info.yymm = yymm_stamp(model_id, info.key, tokens(slug, words))
        name = display_name(book, model_id, None) or slug
        info.name = name_key(name, words)
    return infos


# ``4-5`` / ``3-1`` versions; not dates (``06-17``), sizes (``3-0.6b``, ``2-8x22b``),
# quantisations (``q8-0``)
HYPHEN_VERSION = re.compile(
    r"(?<![\d.q])(?:[1-9]\d?|0)-(?:[1-9]\d?|0)(?!\d)(?![bmkt](?![a-z]))(?![.x]\d)"
)


@dataclass(frozen=True)
class LabStyle:
    """How a lab's own ids look: family names that repeat the lab, hyphen versions."""

    lab_prefixes: frozenset[str]  # lab spellings that are NOT a family name here
    hyphen_versions: bool  # ``claude-opus-4-5``: the lab writes versions with hyphens


def lab_styles(model_ids: list[str], canonical: set[str]) -> dict[str, LabStyle]:
    """Each lab's style, from its canonical ids (all its ids when it has none)."""
    by_lab: dict[str, list[str]] = defaultdict(list)
    for m in sorted(model_ids):
        by_lab[m.split("/", 1)[0]].append(m)
    styles = {}
    for lab, ids in by_lab.items():
        slugs = [m.split("/", 1)[1] for m in ([i for i in ids if i in canonical] or ids)]
        spellings = {"-".join(w) for w in lab_words(lab)}
        share = {s: sum(x.startswith(f"{s}-") for x in slugs) / len(slugs) for s in spellings}
        hyphens = sum(bool(HYPHEN_VERSION.search(x)) for x in slugs) / len(slugs)
        styles[lab] = LabStyle(
            lab_prefixes=frozenset(s for s, f in share.items() if f < 1 / 3),
            hyphen_versions=hyphens >= 1 / 3,
        )
    return styles


def awkwardness(model_id: str, style: LabStyle) -> int:
    """How many id-shape faults a slug has: the lab repeated in front (``anthropic-claude``),
    ``llama3-1`` / ``1-5`` versions where the lab writes dots, ``--``, capitals."""
    slug = model_id.split("/", 1)[1]
    faults = [
        any(slug.startswith(f"{s}-") for s in style.lab_prefixes),
        bool(re.search(r"[a-z]\d+-\d(?!\d)", slug)),
        not style.hyphen_versions and bool(HYPHEN_VERSION.search(slug)),
        bool(re.search(r"--|[A-Z:_ ]", slug)),
    ]
    return sum(faults)


class _Groups:
    """Union-find over model ids that never joins two canonical ids."""

    def __init__(self, infos: dict[str, Info]) -> None:
        self.infos = infos
        self.parent = {m: m for m in infos}
        self.canon = {m: info.canonical for m, info in infos.items()}

    def find(self, m: str) -> str:
        """The group root of an id."""
        while self.parent[m] != m:
            self.parent[m] = self.parent[self.parent[m]]
            m = self.parent[m]
        return m

    def join(self, a: str, b: str) -> bool:
        """Join two ids' groups unless that would hold two canonical ids or names clash;
        True when two groups became one."""
        if not names_agree(self.infos[a].name, self.infos[b].name):
            return False
        ra, rb = self.find(a), self.find(b)
        if ra == rb or (self.canon[ra] and self.canon[rb]):
            return False
        self.parent[rb] = ra
        self.canon[ra] = self.canon[ra] or self.canon[rb]
        return True

    def groups(self) -> list[list[str]]:
        """Groups of two or more ids, sorted."""
        out: dict[str, list[str]] = defaultdict(list)
        for m in sorted(self.parent):
            out[self.find(m)].append(m)
        return [g for _, g in sorted(out.items()) if len(g) > 1]


def _exact_pairs(infos: dict[str, Info]) -> list[tuple[str, str]]:
    """Pairs of one lab with equal keys and equal stamps."""
    by_key: dict[tuple[str, Key, str | None], list[str]] = defaultdict(list)
    for m, info in sorted(infos.items()):
        by_key[(m.split("/", 1)[0], info.key, info.stamp)].append(m)
    return [pair for ids in by_key.values() for pair in combinations(ids, 2)]


def _stamp_pairs(infos: dict[str, Info]) -> list[tuple[str, str]]:
    """Pairs (stamped id, unstamped id) of one lab whose keys match without the stamp,
    when no sibling with another stamp shares the key."""
    stamps: dict[tuple[str, Key], set[str]] = defaultdict(set)
    plain: dict[tuple[str, Key], list[str]] = defaultdict(list)
    for m, info in sorted(infos.items()):
        lab_key = (m.split("/", 1)[0], info.key)
        if info.stamp is None:
            plain[lab_key].append(m)
        else:
            stamps[lab_key].add(info.stamp)
    pairs = []
    for m, info in sorted(infos.items()):
        lab_key = (m.split("/", 1)[0], info.key)
        if info.stamp is not None and len(stamps[lab_key]) == 1:
            pairs += [(m, other) for other in plain.get(lab_key, [])]
    return pairs


def _target(group: list[str], infos: dict[str, Info], styles: dict[str, LabStyle]) -> str:
    """The id a group merges into: the canonical one, else the lab's own API id, else
    clean shape, no stamp, most routes and facts."""
    return min(
        group,
        key=lambda m: (
            not infos[m].canonical, not infos[m].own,
            awkwardness(m, styles[m.split("/", 1)[0]]), infos[m].stamp is not None,
            -infos[m].routes, -infos[m].facts, len(m), m,
        ),
    )  # fmt: skip


Evidence = list[tuple[str, str, str]]  # (id, id, rule) for every join that happened


def merge_plan(linked: Linked) -> tuple[dict[str, str], Evidence]:
    """Merged-away id -> the id it is now part of, and the joins (with their rule) behind it."""
    infos = model_infos(linked)
    styles = lab_styles(list(infos), {m for m, i in infos.items() if i.canonical})
    groups = _Groups(infos)
    rules = (
        ("same key", _exact_pairs(infos)),
        ("dated stamp", _stamp_pairs(infos)),
        ("hugging face id", hf_pairs(infos, hf_ids(linked))),
        ("yymm stamp", yymm_pairs(infos)),
        ("latest alias", latest_pairs(infos)),
    )
    evidence = [(a, b, rule) for rule, pairs in rules for a, b in pairs if groups.join(a, b)]
    renames = {
        m: t for g in groups.groups() for t in [_target(g, infos, styles)] for m in g if m != t
    }
    return renames, evidence


def merge_map(linked: Linked) -> dict[str, str]:
    """Merged-away id -> the id it is now part of."""
    return merge_plan(linked)[0]


def apply_renames(linked: Linked, renames: dict[str, str]) -> Linked:
    """Linked observations under their new ids; an old id stays an ``id`` alias."""
    out: Linked = []
    seen: set[str] = set()
    for obs, model_id in linked:
        new = renames.get(model_id)
        if new is None:
            out.append((obs, model_id))
            continue
        if model_id not in seen:
            seen.add(model_id)
            extra = ((model_id, "id"), (model_id.split("/", 1)[1], "id"))
            obs = msgspec.structs.replace(obs, aliases=obs.aliases + extra)
        out.append((_retarget(obs, model_id, new), new))
    return out


def _retarget(obs: Observation, old: str, new: str) -> Observation:
    """The observation with an explicit old model id pointing at the new one."""
    return msgspec.structs.replace(obs, model_id=new) if obs.model_id == old else obs


def dedupe(linked: Linked, report: Report) -> tuple[Linked, dict[str, str]]:
    """Merge same-model ids; returns the relinked observations and the old -> new map."""
    renames, evidence = merge_plan(linked)
    before = len({m for _, m in linked})
    linked = apply_renames(linked, renames)
    report.count("dedupe", "models before", before)
    report.count("dedupe", "ids merged away", len(renames))
    report.count("dedupe", "models after", before - len(renames))
    for old, new in sorted(renames.items()):
        report.note("merged", old, new)
    for a, b, rule in evidence:
        report.count("dedupe rule", rule)
        report.note("merge evidence", f"{a} + {b}", rule)
    return linked, renames
