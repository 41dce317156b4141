"""License terms: the curated, cited ``licenses.toml`` (next to the overlay) and its lookup.

``terms_for(model)`` gives the entry for the model's license label (and id, where one label
names several texts), or None: "terms not on file", never a guess.
"""

from __future__ import annotations

import fnmatch
import re
from functools import lru_cache
from importlib import resources

import msgspec

from assistant.catalog.records import Model
from assistant.errors import CatalogError

TERM_FIELDS: tuple[str, ...] = (
    "commercial", "user_limit", "attribution", "naming", "acceptable_use", "fine_tuning",
    "weights_redistribution", "derivatives_redistribution", "other",
)  # fmt: skip
TERM_LABELS: dict[str, str] = {
    "commercial": "Commercial use",
    "user_limit": "User limits",
    "attribution": "Attribution",
    "naming": "Naming",
    "acceptable_use": "Acceptable-use policy",
    "fine_tuning": "Fine-tuning",
    "weights_redistribution": "Redistributing the weights",
    "derivatives_redistribution": "Redistributing derivatives",
    "other": "Other terms",
}


class LicenseTerms(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """One license text's terms, as that text states them, with its URL and read date."""

    id: str
    title: str
    names: tuple[str, ...]
    url: str
    date_read: str
    commercial: str  # "yes" | "no" | "conditional"
    commercial_condition: str | None = None
    models: tuple[str, ...] = ()  # id globs, when one label names several texts
    user_limit: str | None = None
    attribution: str | None = None
    naming: str | None = None
    acceptable_use: str | None = None
    fine_tuning: str | None = None
    weights_redistribution: str | None = None
    derivatives_redistribution: str | None = None
    other: str | None = None

    def term(self, field: str) -> str | None:
        """One term in words ("conditional: ..." for commercial use), None when not stated."""
        if field == "commercial":
            return self.commercial + (
                f": {self.commercial_condition}" if self.commercial_condition else ""
            )
        value = getattr(self, field, None)
        return value if isinstance(value, str) else None


class LicenseBook(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """The whole licenses.toml."""

    licenses: tuple[LicenseTerms, ...]
    aspects: dict[str, str] = {}


def _fold(label: str) -> str:
    """A license label folded for matching ("Apache-2.0" == "apache 2.0")."""
    return re.sub(r"[^a-z0-9.]", "", label.lower())


@lru_cache(maxsize=1)
def license_book() -> LicenseBook:
    """The packaged licenses.toml, validated (commercial values and aspect fields)."""
    raw = resources.files("assistant.catalog").joinpath("licenses.toml").read_bytes()
    try:
        book = msgspec.toml.decode(raw, type=LicenseBook)
    except (msgspec.ValidationError, msgspec.DecodeError) as exc:
        raise CatalogError(f"licenses.toml is invalid: {exc}") from exc
    for entry in book.licenses:
        if entry.commercial not in ("yes", "no", "conditional"):
            raise CatalogError(f"licenses.toml {entry.id}: commercial must be yes/no/conditional")
    bad = sorted(set(book.aspects.values()) - set(TERM_FIELDS))
    if bad:
        raise CatalogError(f"licenses.toml aspects name unknown terms {bad}")
    return book


def terms_for(model: Model) -> LicenseTerms | None:
    """The terms of the model's license text, or None when they are not on file."""
    if not model.license:
        return None
    label = _fold(model.license)
    for entry in license_book().licenses:
        if label not in {_fold(n) for n in entry.names}:
            continue
        if entry.models and not any(fnmatch.fnmatchcase(model.id, g) for g in entry.models):
            continue
        return entry
    return None


def aspect_words() -> dict[str, str]:
    """Question word or phrase -> the term it asks about, for the understanding layer."""
    return dict(license_book().aspects)
