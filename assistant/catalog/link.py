"""Linking source observations to canonical model ids.

Order: an explicit id (models.dev path, ``base_model``, overlay) wins; otherwise each
raw name is normalised (provider prefixes, Bedrock region/vendor dots, ``:free``-style
suffixes, quantisation tags, case and separators) and looked up among canonical ids,
then retried without a dated-snapshot or ``-latest`` suffix, then by looser keys
(``-instruct``/``-it`` folded, ``-0`` aliases, a canonical snapshot's undated base) when
exactly one canonical id fits. ``-free`` / ``:free`` re-listings link to their base
model as free routes. A dated snapshot stays its own model only where models.dev has
it as its own file. Labs come from the HF org / provider namespace first. Routes no canonical model
explains are clustered by normalised key into provider-only models ``lab/slug``.
"""

from __future__ import annotations

import re
from collections import defaultdict

from assistant.catalog.observations import RANK_MODELS, Observation, Report

ORG_LABS: dict[str, str] = {
    "qwen": "alibaba", "alibaba": "alibaba", "meta-llama": "meta", "meta": "meta",
    "deepseek-ai": "deepseek", "deepseek": "deepseek", "mistralai": "mistral",
    "mistral-ai": "mistral", "mistral": "mistral", "google": "google", "moonshotai": "moonshotai",
    "moonshot": "moonshotai", "zai-org": "zhipuai", "thudm": "zhipuai", "z-ai": "zhipuai",
    "zai": "zhipuai", "zhipuai": "zhipuai", "minimaxai": "minimax", "minimax": "minimax",
    "openai": "openai", "anthropic": "anthropic", "x-ai": "xai", "xai": "xai",
    "microsoft": "microsoft", "nvidia": "nvidia", "cohere": "cohere", "coherelabs": "cohere",
    "amazon": "amazon", "baidu": "baidu", "bytedance": "bytedance", "bytedance-seed": "bytedance",
    "tencent": "tencent", "xiaomimimo": "xiaomi", "xiaomi": "xiaomi", "stepfun-ai": "stepfun",
    "stepfun": "stepfun", "perplexity": "perplexity", "ibm-granite": "ibm", "ibm": "ibm",
    "ai21": "ai21", "ai21labs": "ai21", "nousresearch": "nousresearch", "volcengine": "bytedance",
    "meta-models": "meta",
}  # fmt: skip

# Path segments that are hosting folders, not labs.
_NOT_ORGS = frozenset(
    {"models", "accounts", "@cf", "workers-ai", "route", "tee", "pro", "openrouter", "fireworks",
     "hf", "huggingface", "nanogpt", "novita", "siliconflow", "kilo-auto", "auto", "free",
     "routers", "invoke"}
)  # fmt: skip

_NAME_LABS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p), lab)
    for p, lab in (
        (r"^gpt-oss", "openai"), (r"^(gpt|o\d|chatgpt|dall-e|whisper|codex|davinci)", "openai"),
        (r"^(anthropic-+)?claude", "anthropic"), (r"^(gemini|gemma|learnlm|palm)", "google"),
        (r"^(llama|meta-llama)", "meta"), (r"^(qwen|qwq|qvq)", "alibaba"),
        (r"^deepseek", "deepseek"), (r"^glm|^chatglm", "zhipuai"),
        (r"^(kimi|moonshot)", "moonshotai"),
        (r"^(mistral|mixtral|codestral|magistral|devstral|ministral|pixtral|voxtral)", "mistral"),
        (r"^minimax", "minimax"), (r"^grok", "xai"), (r"^(command|c4ai|aya)", "cohere"),
        (r"^phi-?\d", "microsoft"), (r"^nova-", "amazon"), (r"^ernie", "baidu"),
        (r"^(doubao|seed-)", "bytedance"), (r"^hunyuan", "tencent"), (r"^mimo", "xiaomi"),
        (r"^step-", "stepfun"), (r"^sonar", "perplexity"), (r"nemotron", "nvidia"),
        (r"^jamba", "ai21"), (r"^granite", "ibm"), (r"^titan-", "amazon"),
    )
)  # fmt: skip

_REGIONS = frozenset({"us", "eu", "apac", "global", "au", "jp", "ca", "us-gov", "ap", "apne1"})
_VENDORS = frozenset(
    {"anthropic", "meta", "amazon", "mistral", "cohere", "ai21", "deepseek", "qwen", "openai",
     "writer", "moonshot", "moonshotai", "minimax", "google", "nvidia", "zai", "twelvelabs", "xai"}
)  # fmt: skip
_QUANT = re.compile(
    r"-(fp8|fp4|fp16|bf16|int4|int8|awq|gguf|mlx|turbo-fp8|maas|hf|tee|tput|cs|free|\(free\))$"
)
_TUNED = re.compile(r"-(instruct|it)$")
_SNAPSHOT = re.compile(r"-(\d{4}-\d{2}-\d{2}|\d{8}|\d{4}|\d{2}-\d{2}|\d{2}-\d{4}|latest)$")


def clean_name(raw: str, provider_id: str | None = None) -> str:
    """The lowercase hyphenated model part of a raw id, without prefixes and route tags."""
    text = raw.strip().lower().split("/")[-1].replace("@", "-")
    text = text.split(":", 1)[0]
    parts = text.split(".")
    bedrock = False
    if len(parts) > 1 and parts[0] in _REGIONS:
        parts = parts[1:]
    if len(parts) > 1 and parts[0] in _VENDORS:
        parts, bedrock = parts[1:], True
    text = ".".join(parts)
    if bedrock:
        text = re.sub(r"-v\d+$", "", text)
    if provider_id == "fireworks-ai":
        text = re.sub(r"(\d)p(\d)", r"\1.\2", text).replace("llama-v", "llama-")
    text = re.sub(r"[\s_]+", "-", text)
    while _QUANT.search(text):
        text = _QUANT.sub("", text)
    text = re.sub(r"-instruct-turbo$", "-instruct", text)
    text = re.sub(r"^meta-llama-", "llama-", text)
    return re.sub(r"-\d+e(?=-)", "", text)


def name_key(clean: str) -> str:
    """The comparison key: letters and digits only."""
    return re.sub(r"[^a-z0-9]", "", clean)


def fold_key(clean: str) -> str:
    """The key without an ``-instruct`` / ``-it`` tag (open-weight re-listings), else name_key.

    API hosts list the chat-tuned open-weight model as ``llama-3.1-70b`` or
    ``Llama-3.1-70B-Instruct`` alike; OpenAI's ``gpt-3.5-turbo-instruct`` is its own model.
    """
    if clean.startswith(("gpt-", "o1", "o3", "o4")):
        return name_key(clean)
    return name_key(_TUNED.sub("", clean))


def alt_keys(clean: str) -> set[str]:
    """Looser keys a canonical id also answers to: tag-folded, ``-0`` alias, undated base."""
    keys = {fold_key(clean)}
    if clean.endswith("-0"):
        keys.add(name_key(clean[:-2]))
    base = snapshot_base(clean)
    if base:
        keys.add(fold_key(base))
    return keys - {name_key(clean)}


_DATE_STAMP = re.compile(r"-(\d{4}-\d{2}-\d{2}|\d{8}|\d{6})$")


def date_stamp(clean: str) -> str | None:
    """A trailing date stamp as 8 digits (``-20240620``, ``-2024-06-20``; ``-240620`` as 20..)."""
    match = _DATE_STAMP.search(clean)
    if not match:
        return None
    digits = match.group(1).replace("-", "")
    return digits if len(digits) == 8 else "20" + digits


def stamps_differ(clean: str, model_id: str) -> bool:
    """True when both names carry a date stamp and the stamps differ."""
    mine, theirs = date_stamp(clean), date_stamp(clean_name(model_id))
    return mine is not None and theirs is not None and mine != theirs


def snapshot_base(clean: str) -> str | None:
    """The name without a dated-snapshot or ``-latest`` suffix, or None if it has none."""
    match = _SNAPSHOT.search(clean)
    return clean[: match.start()] if match and match.start() > 0 else None


_HOSTING = re.compile(
    r"^((us|eu|ap|apac|global|au|jp|ca|sa|me|af|il|mx)(-[a-z]+)*(-\d+)?|\d+-month-commitment)$"
)


def org_of(raw: str, hosts: frozenset[str] = frozenset()) -> tuple[str, bool] | None:
    """The namespace of a raw id and whether it is a well-known lab spelling, or None.

    Hosting folders, regions and provider ids (``hosts``) are not orgs.
    """
    segments = raw.strip().split("/")
    org = segments[-2].lower().lstrip("~") if len(segments) > 1 else ""
    if org in ORG_LABS:
        return ORG_LABS[org], True
    if not org or org in _NOT_ORGS or org in hosts or _HOSTING.match(org):
        return None
    return (org, False) if re.fullmatch(r"[a-z0-9][a-z0-9-]*", org) else None


def lab_of(
    names: tuple[str, ...], lab_hint: str | None = None, hosts: frozenset[str] = frozenset()
) -> str | None:
    """The lab id a set of raw names points to: hint, known org, other org, then name rules.

    The namespace wins over the name, so a fine-tune (``abacusai/Dracarys-72B-Instruct``,
    named "Llama 3.1 70B Dracarys 2") belongs to its publisher, not to the base's lab.
    """
    if lab_hint:
        return lab_hint
    orgs = [o for o in (org_of(raw, hosts) for raw in names) if o]
    known = [org for org, well_known in orgs if well_known]
    if known or orgs:
        return (known or [orgs[0][0]])[0]
    return name_lab(names)


def name_lab(names: tuple[str, ...]) -> str | None:
    """The lab a model's name points to by the name rules (``claude`` -> anthropic), or None."""
    for raw in names:
        clean = clean_name(raw)
        for pattern, lab in _NAME_LABS:
            if pattern.search(clean):
                return lab
    return None


class Linker:
    """Links observations to model ids; builds provider-only ids for the rest."""

    def __init__(self, canonical: set[str], report: Report) -> None:
        """Index canonical ids by normalised key."""
        self.canonical = canonical
        self.report = report
        self.index: dict[str, set[str]] = defaultdict(set)
        self.loose: dict[str, set[str]] = defaultdict(set)
        for model_id in canonical:
            clean = clean_name(model_id)
            self.index[name_key(clean)].add(model_id)
            for key in alt_keys(clean):
                self.loose[key].add(model_id)

    def lookup(self, obs: Observation) -> str | None:
        """A canonical id for an observation, None when none fits (ambiguity is reported)."""
        provider = obs.route.provider_id if obs.route else None
        for raw in obs.names:
            clean = clean_name(raw, provider)
            for candidate in (clean, snapshot_base(clean)):
                if not candidate:
                    continue
                ids = self.index.get(name_key(candidate), set())
                if len(ids) == 1:
                    return next(iter(ids))
                if len(ids) > 1:
                    return self._disambiguate(obs, ids)
        return self._loose_lookup(obs, provider)

    def _loose_lookup(self, obs: Observation, provider: str | None) -> str | None:
        """A canonical id by folded keys (``-instruct``, ``-0``, undated base), when unique.

        A dated name never links to a canonical id dated differently: the June snapshot
        ``claude-3-5-sonnet-20240620`` is not the October ``claude-3-5-sonnet-20241022``.
        """
        for raw in obs.names:
            clean = clean_name(raw, provider)
            base = snapshot_base(clean)
            for key in (fold_key(clean), name_key(clean), *([fold_key(base)] if base else [])):
                ids = self.index.get(key, set()) | self.loose.get(key, set())
                if len(ids) == 1 and not stamps_differ(clean, next(iter(ids))):
                    return next(iter(ids))
        return None

    def _disambiguate(self, obs: Observation, ids: set[str]) -> str | None:
        """Pick the candidate of the observation's lab; report when still ambiguous."""
        lab = lab_of(obs.names, obs.lab_hint)
        same_lab = sorted(i for i in ids if i.split("/", 1)[0] == lab)
        if len(same_lab) == 1:
            return same_lab[0]
        self.report.note("ambiguous", f"{obs.source}:{obs.names[0]}", ", ".join(sorted(ids)))
        return None


def link(observations: list[Observation], report: Report) -> list[tuple[Observation, str]]:
    """Every observation paired with its model id (provider-only ids created as needed)."""
    canonical = {o.model_id for o in observations if o.model_id and o.rank <= RANK_MODELS}
    linker = Linker(canonical, report)
    groups = _route_groups(observations)
    resolved: dict[int, str] = {}
    pending: list[list[Observation]] = []
    for group in groups:
        target = _group_target(group, linker)
        if target is None:
            pending.append(group)
        else:
            resolved.update({id(o): target for o in group})
    providers = frozenset(o.route.provider_id for o in observations if o.route)
    resolved.update(_cluster(pending, canonical, providers))
    linked = [(o, resolved[id(o)]) for o in observations if id(o) in resolved]
    report.count("linking", "observations linked", len(linked))
    report.count("linking", "provider-only models", len(set(_new_ids(linked, canonical))))
    return linked


def _new_ids(linked: list[tuple[Observation, str]], canonical: set[str]) -> list[str]:
    """Model ids created for provider-only models."""
    return [m for _, m in linked if m not in canonical]


def _route_groups(observations: list[Observation]) -> list[list[Observation]]:
    """Observations grouped by (provider, provider model id); canonical ones alone."""
    groups: dict[tuple[str, str], list[Observation]] = defaultdict(list)
    for obs in observations:
        if obs.route is None:
            key = ("", obs.model_id or obs.names[0] if obs.names else obs.source)
        else:
            key = (obs.route.provider_id, obs.route.provider_model_id.lower())
        groups[key].append(obs)
    return [sorted(g, key=lambda o: o.rank) for _, g in sorted(groups.items())]


def _group_target(group: list[Observation], linker: Linker) -> str | None:
    """The group's model: best-ranked explicit canonical id, else best-ranked lookup."""
    for obs in group:
        if obs.model_id and obs.model_id in linker.canonical:
            return obs.model_id
    for obs in group:
        if obs.model_id:
            linker.report.note("unknown base_model", f"{obs.source}:{obs.names[0]}", obs.model_id)
        found = linker.lookup(obs)
        if found:
            return found
    return None


class _Cluster:
    """Route groups sharing a normalised key: one provider-only model."""

    def __init__(self) -> None:
        self.groups: list[list[Observation]] = []
        self.cleans: set[str] = set()


def _cluster(
    pending: list[list[Observation]], canonical: set[str], providers: frozenset[str]
) -> dict[int, str]:
    """Provider-only model ids for unlinked route groups: id(observation) -> model id."""
    clusters: dict[str, _Cluster] = defaultdict(_Cluster)
    for group in pending:
        best = group[0]
        provider = best.route.provider_id if best.route else None
        clean = clean_name(best.names[0], provider) if best.names else best.source
        cluster = clusters[fold_key(clean)]
        cluster.groups.append(group)
        cluster.cleans.add(clean)
    _merge_snapshots(clusters)
    return _assign_ids(clusters, canonical, providers)


def _merge_snapshots(clusters: dict[str, _Cluster]) -> None:
    """Fold a dated-snapshot cluster into its base cluster when the base exists."""
    for key in sorted(clusters):
        cluster = clusters.get(key)
        if cluster is None:
            continue
        for clean in sorted(cluster.cleans):
            base = snapshot_base(clean)
            base_key = fold_key(base) if base else None
            if base_key and base_key != key and base_key in clusters:
                target = clusters[base_key]
                target.groups.extend(cluster.groups)
                target.cleans.update(cluster.cleans)
                del clusters[key]
                break


def _cluster_lab(
    members: list[Observation], names: tuple[str, ...], providers: frozenset[str]
) -> str | None:
    """A cluster's lab: a well-known org, another publisher's org, the name rules, and last
    an org that is itself a serving provider (``cerebras/...`` on a router)."""
    orgs = [
        org
        for obs in members
        for raw in obs.names
        if (org := org_of(raw, frozenset({obs.route.provider_id} if obs.route else ())))
    ]
    known = [org for org, well_known in orgs if well_known]
    publishers = [org for org, _ in orgs if org not in providers]
    if known or publishers:
        return (known or publishers)[0]
    return name_lab(names) or (orgs[0][0] if orgs else None)


def _assign_ids(
    clusters: dict[str, _Cluster], canonical: set[str], providers: frozenset[str]
) -> dict[int, str]:
    """A stable ``lab/slug`` per cluster; returns id(observation) -> model id."""
    used = set(canonical)
    out: dict[int, str] = {}
    for key in sorted(clusters):
        cluster = clusters[key]
        members = sorted(
            (o for g in cluster.groups for o in g), key=lambda o: (o.rank, o.source, o.names)
        )
        names = tuple(n for o in members for n in o.names)
        provider = members[0].route.provider_id if members[0].route else "unknown"
        lab = _cluster_lab(members, names, providers) or provider
        slug = min(cluster.cleans, key=lambda c: (c != clean_name(members[0].names[0]), c))
        model_id = f"{lab}/{slug}"
        while model_id in used:
            model_id += "-x"
        used.add(model_id)
        out.update({id(o): model_id for o in members})
    return out
