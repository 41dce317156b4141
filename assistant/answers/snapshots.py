"""Same-name snapshots: catalog models of one lab sharing a display name (e.g. a dated id).

People type the display name; routes a source files under the dated snapshot
("anthropic/claude-sonnet-4-5-20250929") are routes they mean too, so a providers
answer names the snapshot's extra providers.
"""

from __future__ import annotations

from functools import lru_cache

from assistant.answers.facts import join_words
from assistant.answers.firstparty import leading_provider_names
from assistant.catalog.records import Model
from assistant.catalog.store import Catalog


@lru_cache(maxsize=8)
def _by_name(catalog: Catalog) -> dict[tuple[str | None, str], tuple[Model, ...]]:
    """(lab id, lower-case display name) -> the models carrying it, indexed once per catalog."""
    index: dict[tuple[str | None, str], list[Model]] = {}
    for model in catalog.all_models():
        index.setdefault((model.lab_id, model.name.casefold()), []).append(model)
    return {key: tuple(models) for key, models in index.items() if len(models) > 1}


def same_name_snapshots(catalog: Catalog, model: Model) -> tuple[Model, ...]:
    """Other models of the same lab with exactly the same display name."""
    twins = _by_name(catalog).get((model.lab_id, model.name.casefold()), ())
    return tuple(m for m in twins if m.id != model.id)


def snapshot_label(model: Model, twin: Model) -> str:
    """ "the dated snapshot <id>" when the twin's id extends the model's, else "the snapshot"."""
    dated = twin.id.startswith(model.id + "-")
    return f"the {'dated ' if dated else ''}snapshot {twin.id}"


def snapshot_lines(catalog: Catalog, model: Model, shown: set[str]) -> list[str]:
    """ "The dated snapshot X is also served by: A, B." for providers not already named."""
    lines = []
    for twin in same_name_snapshots(catalog, model):
        extra = [n for n in leading_provider_names(catalog, twin) if n not in shown]
        if extra:
            label = snapshot_label(model, twin)
            lines.append(f"{label[0].upper()}{label[1:]} is also served by: {join_words(extra)}.")
            shown.update(extra)
    return lines
