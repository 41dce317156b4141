"""Answer: license, open source / open weights, can I self-host."""

from __future__ import annotations

import re

from assistant.answers.decision import is_open
from assistant.answers.facts import evidence_lines
from assistant.answers.faq import LICENSE_WHY, license_sentence, openness_sentence, openness_verdict
from assistant.answers.query import Query
from assistant.answers.subjects import clarify, models_of
from assistant.answers.suggest import follow_ups
from assistant.catalog.licenses import TERM_FIELDS, TERM_LABELS, terms_for
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
    lines += [t for m in models if (t := terms_text(m, query.license_aspects))]
    lines += evidence_lines(catalog, models, ("license", "open_weights"))
    return Reply(
        text="\n\n".join(lines),
        intent=query.intent,
        models=tuple(m.id for m in models),
        suggestions=follow_ups(catalog, models, "license"),
        data={
            "license": {m.id: m.license for m in models},
            "open_weights": {m.id: is_open(m) for m in models},
            "terms": {m.id: _terms_id(m) for m in models},
        },
    )


def _terms_id(model: Model) -> str | None:
    """The id of the license-terms entry the answer quotes, None when not on file."""
    terms = terms_for(model)
    return terms.id if terms else None


def terms_text(model: Model, aspects: tuple[str, ...] = ()) -> str:
    """The license terms quoted from licenses.toml (the asked terms only, when asked), or
    that they are not on file; "" when the model has no license label."""
    terms = terms_for(model)
    if terms is None:
        if not model.license or is_open(model) is not True:
            return ""
        return (
            f"The terms of {model.license} ({model.name}) are not on file: read the license "
            "text itself before relying on it."
        )
    fields = [f for f in aspects if terms.term(f)] or [f for f in TERM_FIELDS if terms.term(f)]
    missing = [TERM_LABELS[f].lower() for f in aspects if not terms.term(f)]
    head = f"{model.name}: terms of the {terms.title} (read {terms.date_read}, {terms.url}):"
    body = [f"- {TERM_LABELS[f]}: {terms.term(f)}" for f in fields]
    if missing:
        body.append(f"- The license text says nothing on {', '.join(missing)}.")
    return "\n".join([head, *body])


def _model_sentence(model: Model) -> str:
    """License sentence plus the open-weights sentence when the first did not already say it."""
    if model.license or is_open(model) is None:
        return f"{license_sentence(model)} {openness_sentence(model)}"
    return license_sentence(model)


_CLOSED = re.compile(r"\b(closed|proprietary)\b", re.IGNORECASE)
_OPEN = re.compile(r"\bopen\b", re.IGNORECASE)  # "proprietary or open?" asserts nothing


def _closed_premise(query: Query, models: tuple[Model, ...]) -> str:
    """'Why is <open model> closed source?': say the premise is wrong before the facts."""
    opened = [m.name for m in models if is_open(m) is True]
    if not _CLOSED.search(query.text) or _OPEN.search(query.text) or len(opened) != len(models):
        return ""
    subject = opened[0] if len(opened) == 1 else "These models"
    return f"No: the catalog lists {subject} as open-weight, not closed. "
