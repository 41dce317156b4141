"""Answer: license, open source / open weights, can I self-host."""

from __future__ import annotations

from assistant.answers.decision import is_open
from assistant.answers.facts import evidence_lines
from assistant.answers.faq import LICENSE_WHY, license_sentence, openness_sentence, openness_verdict
from assistant.answers.query import Qualifier, Query
from assistant.answers.subjects import clarify, models_of
from assistant.answers.suggest import follow_ups
from assistant.catalog.records import Model
from assistant.catalog.store import Catalog
from assistant.reply import Reply


def answer_license(catalog: Catalog, query: Query) -> Reply:
    """Each model's license label and open-weights status, with what it means for self-hosting."""
    models = models_of(catalog, query)
    if not models:
        return clarify(catalog, query)
    body = _closed_premise(query, models) + " ".join(_model_sentence(m) for m in models)
    lead = openness_verdict(models) + " " if len(models) > 1 else ""
    lines = [lead + body]
    lines[0] += " " + LICENSE_WHY
    lines += evidence_lines(catalog, models, ("license", "open_weights"))
    return Reply(
        text="\n\n".join(lines),
        intent=query.intent,
        models=tuple(m.id for m in models),
        suggestions=follow_ups(catalog, models, "license"),
        data={
            "license": {m.id: m.license for m in models},
            "open_weights": {m.id: is_open(m) for m in models},
        },
    )


def _model_sentence(model: Model) -> str:
    """License sentence plus the open-weights sentence when the first did not already say it."""
    if model.license or is_open(model) is None:
        return f"{license_sentence(model)} {openness_sentence(model)}"
    return license_sentence(model)


def _closed_premise(query: Query, models: tuple[Model, ...]) -> str:
    """'Why is <open model> closed source?': say the premise is wrong before the facts."""
    opened = [m.name for m in models if is_open(m) is True]
    said = query.qualifiers
    # "proprietary or open?" names openness itself and asserts nothing
    if Qualifier.CLOSED not in said or Qualifier.OPEN in said or len(opened) != len(models):
        return ""
    subject = opened[0] if len(opened) == 1 else "These models"
    return f"No: the catalog lists {subject} as open-weight, not closed. "
