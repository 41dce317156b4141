"""What kind of model a model is (chat, image, video, speech, transcription), so that
suggestions pair like with like."""

from __future__ import annotations

from assistant.catalog.records import Model

# What a model is, by what it takes in and writes out (when the catalog carries no kind).
KIND_BY_OUTPUT: tuple[tuple[str, str], ...] = (
    ("text", "chat"),
    ("image", "image"),
    ("video", "video"),
    ("audio", "speech"),
)


def model_kind(model: Model) -> str | None:
    """The model's kind: its catalog kind when carried, else from its modalities; None unknown.

    A model writing text is "chat" (or "transcription" when it takes no text in); one writing
    only images, video or audio is "image", "video" or "speech".
    """
    carried = getattr(model, "kind", None)
    if isinstance(carried, str) and carried:
        return carried
    outputs = model.output_modalities
    if not outputs:
        return None
    for modality, kind in KIND_BY_OUTPUT:
        if modality in outputs:
            if kind == "chat" and "text" not in (model.input_modalities or ("text",)):
                return "transcription"
            return kind
    return None
