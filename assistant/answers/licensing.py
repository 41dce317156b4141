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
from assistant.i18n import t
from assistant.reply import Reply


def answer_license(catalog: Catalog, query: Query) -> Reply:
    """Each model's license label and open-weights status, with what it means for self-hosting."""
    models = models_of(catalog, query)
    if not models:
        return clarify(catalog, query)
    body = _closed_premise(query, models) + " ".join(_model_sentence(m) for m in models)
    lead = openness_verdict(models) + " " if len(models) > 1 else ""
    if len(models) > 1 and _asks_openness(query):
        lead = _all_or_none(models, _asks_closed(query)) + lead
    if len(models) == 1 and not body.startswith("No:") and _asks_openness(query):
        # the yes/no carries the openness; the license name (when sourced) is the evidence
        lead = _yes_no(models[0], asks_closed=_asks_closed(query))
        body = f" {license_sentence(models[0])}" if models[0].license else ""
    lines = [lead + body]
    lines[0] += " " + t(LICENSE_WHY)
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


def _asks_openness(query: Query) -> bool:
    """A yes/no question about whether the weights are open (or closed)."""
    return query.polar and Qualifier.OPENNESS in query.qualifiers


def _asks_closed(query: Query) -> bool:
    """The question asks whether it is closed ("Is X proprietary?"), not whether it is open."""
    said = query.qualifiers
    return Qualifier.CLOSED in said and Qualifier.OPEN not in said


def _yes_no(model: Model, asks_closed: bool) -> str:
    """ "Yes: X is open-weight." / "No: X is not open-weight." / "Unknown: ...", as asked."""
    value = is_open(model)
    if value is None:
        return t("Unknown: no source says whether {model} has open weights.", model=model.name)
    word = t("Yes") if value is not asks_closed else t("No")
    if value:
        return t(
            "{answer}: {model} is open-weight, so it can be self-hosted.",
            answer=word,
            model=model.name,
        )
    return t(
        "{answer}: {model} is not open-weight, so it is used through hosted APIs.",
        answer=word,
        model=model.name,
    )


def _all_or_none(models: tuple[Model, ...], asks_closed: bool) -> str:
    """ "Yes: " / "No: " before a several-model verdict when all or none are open, else ""."""
    values = {is_open(m) for m in models}
    if values == {True}:
        return t("No: ") if asks_closed else t("Yes: ")
    if values == {False}:
        return t("Yes: ") if asks_closed else t("No: ")
    return ""
