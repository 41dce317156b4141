"""A generated table of phrasings: each kind of quantity x several wordings (digits, words,
a typo, German, French, Spanish) x values, each with the fields it must give."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from assistant.engine.normalise import normalise
from assistant.engine.numbers import parse_quantities
from assistant.engine.quantities import YEAR_OPEN_HIGH, load_lexicon
from assistant.errors import LexiconError

Row = tuple[str, dict[str, object]]

# {n} is the number as digits, {w} the same number in the template's language.
_RATES: list[tuple[str, float]] = [
    ("{n} requests a day", 30),
    ("{n} requests per day", 30),
    ("{n} req/day", 30),
    ("{w} requests daily", 30),
    ("{n} reqeusts a day", 30),  # typo
    ("{n} calls per hour", 720),
    ("{n} requests a week", 52 / 12),
    ("{n} requests per month", 1),
    ("{n} requests/mo", 1),
    ("{n} requests a year", 1 / 12),
    ("{w} Anfragen pro Tag", 30),
    ("{n} Anfragen täglich", 30),
    ("{n} Anfragen im Monat", 1),
    ("{w} requêtes par jour", 30),
    ("{n} requetes par mois", 1),
    ("{n} appels par semaine", 52 / 12),
    ("{w} solicitudes al día", 30),
    ("{n} peticiones por día", 30),
    ("{n} consultas al mes", 1),
]
_WORDS = {
    2000: {"en": "two thousand", "de": "zweitausend", "fr": "deux mille", "es": "dos mil"},
    30000: {
        "en": "thirty thousand",
        "de": "dreißigtausend",
        "fr": "trente mille",
        "es": "treinta mil",
    },
    2_000_000: {
        "en": "two million",
        "de": "zwei Millionen",
        "fr": "deux millions",
        "es": "dos millones",
    },
}


def _lang(template: str) -> str:
    """The template's language, from its unit word."""
    for lang, marks in (("de", "Anfragen"), ("fr", "par"), ("es", ("al ", "por ", "consultas"))):
        if any(mark in template for mark in ((marks,) if isinstance(marks, str) else marks)):
            return lang
    return "en"


def _rate_rows() -> list[Row]:
    """Request rates: every wording x every value."""
    rows: list[Row] = []
    for (template, factor), (n, words) in itertools.product(_RATES, _WORDS.items()):
        text = template.format(n=n, w=words[_lang(template)])
        rows.append((text, {"requests_per_month": n * factor}))
    return rows


_SIZED: list[Row] = [
    (
        "200M input and 40M output tokens a month",
        {"monthly_input_tokens": 2e8, "monthly_output_tokens": 4e7},
    ),
    (
        "200 Mio. Eingabe-Token und 40 Mio. Ausgabe-Token pro Monat",
        {"monthly_input_tokens": 2e8, "monthly_output_tokens": 4e7},
    ),
    (
        "2B tokens a month at 4:1 input:output",
        {"monthly_input_tokens": 1.6e9, "monthly_output_tokens": 4e8},
    ),
    (
        "2 billion tokens a month, 80/20 in/out",
        {"monthly_input_tokens": 1.6e9, "monthly_output_tokens": 4e8},
    ),
    (
        "2 Mrd Token im Monat, Verhältnis 4:1",
        {"monthly_input_tokens": 1.6e9, "monthly_output_tokens": 4e8},
    ),
    (
        "2 mil millones de tokens al mes, 80/20",
        {"monthly_input_tokens": 1.6e9, "monthly_output_tokens": 4e8},
    ),
    ("5k users sending 8 messages a day", {"requests_per_month": 5000 * 8 * 30, "users": 5000}),
    ("5k usres sending 8 mesages a day", {"requests_per_month": 5000 * 8 * 30, "users": 5000}),
    ("5000 Nutzer mit je 8 Nachrichten pro Tag", {"requests_per_month": 5000 * 8 * 30}),
    ("5000 utilisateurs qui envoient 8 messages par jour", {"requests_per_month": 5000 * 8 * 30}),
    ("5000 usuarios que envían 8 mensajes al día", {"requests_per_month": 5000 * 8 * 30}),
    ("200 users and 50k requests a month in total", {"requests_per_month": 50_000}),
    (
        "one request with 10k in and 2k out",
        {
            "requests_per_month": 1,
            "single_request": True,
            "input_tokens": 10_000,
            "output_tokens": 2000,
        },
    ),
    (
        "what does a single call with 3k input and 500 output tokens cost",
        {"single_request": True, "input_tokens": 3000},
    ),
    (
        "eine einzelne Anfrage mit 10k Eingabe und 2k Ausgabe",
        {"single_request": True, "output_tokens": 2000},
    ),
    (
        "une requête avec 10k en entrée et 2k en sortie",
        {"single_request": True, "input_tokens": 10_000},
    ),
    (
        "one request per second, 1k in 200 out",
        {"requests_per_month": 2_592_000, "single_request": None},
    ),
    ("will a 200k-token document fit", {"token_count": 200_000}),
    ("a 300-page PDF", {"pages": 300, "token_count": None}),
    ("ein 300-seitiges PDF mit 150k Token", {"token_count": 150_000}),
    ("i have $500 a month", {"budget": 500}),
    ("my budget is 2k dollars", {"budget": 2000}),
    ("a 3-year contract at 1M requests a month", {"months": 36, "requests_per_month": 1e6}),
    ("over 18 months", {"months": 18}),
    ("at least 128k context", {"context_tokens": 128_000}),
    ("under 32k context", {"max_context_tokens": 32_000, "context_tokens": None}),
    ("mindestens 128k Kontext", {"context_tokens": 128_000}),
    ("under $1 per 1M output tokens", {"max_output_price": 1.0}),
    ("top 10 cheapest models", {"limit": 10}),
    ("top ten cheapest models", {"limit": 10}),
    ("die fünf günstigsten Modelle", {"limit": 5}),
    ("los cinco mejores modelos", {"limit": 5}),
    ("half a million requests per day", {"requests_per_month": 15e6}),
    ("1,5 Mio Anfragen im Monat", {"requests_per_month": 1.5e6}),
    ("1.5m requests a month", {"requests_per_month": 1.5e6}),
    ("10 000 requêtes par jour", {"requests_per_month": 300_000}),
    ("30% cached, half batch", {"cached_share": 0.3, "batch_share": 0.5}),
    ("models from 2022 to 2024", {"years": (2022, 2024)}),
    ("between 2022 and 2024", {"years": (2022, 2024)}),
    ("released since 2022", {"years": (2022, YEAR_OPEN_HIGH)}),
    ("after 2023", {"years": (2024, YEAR_OPEN_HIGH)}),
    ("Modelle seit 2023", {"years": (2023, YEAR_OPEN_HIGH)}),
    ("2000 input and 400 output tokens", {"input_tokens": 2000, "years": None}),
    ("1e999 requests a day", {"requests_per_month": None, "absurd": ("1e999",)}),
    ("2000000000000000000 requests a month", {"requests_per_month": None}),
]


@pytest.mark.parametrize(("text", "expected"), _rate_rows() + _SIZED, ids=lambda v: str(v)[:60])
def test_phrasing_table(text: str, expected: dict[str, object]) -> None:
    """Each phrasing gives each listed field (None: not set)."""
    found = parse_quantities(normalise(text))
    for field, value in expected.items():
        got = getattr(found, field)
        assert got == (pytest.approx(value) if isinstance(value, (int, float)) else value), field


def _lexicon_file(tmp_path: Path, edit: tuple[str, str]) -> Path:
    """The shipped lexicon with one edit, written to tmp_path."""
    shipped = Path(__file__).resolve().parent.parent / "lexicon" / "quantities.toml"
    text = shipped.read_text(encoding="utf-8")
    assert edit[0] in text
    path = tmp_path / "quantities.toml"
    path.write_text(text.replace(edit[0], edit[1], 1), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (("[periods.day]", "[periods.day]\nper_mnth = 3"), "per_mnth"),
        (("per_month = 30.0", "per_month = -30.0"), "per_month must be > 0"),
        (("request.en = [", "request.xx = ["), "unknown language 'xx'"),
        (("k = 1e3", "k = 0.5"), "must be > 1"),
        (("requests_per_month = 1e15", "requests_per_month = 0"), "bounds.requests_per_month"),
        (("first = 1970", "first = 2200"), "years.first"),
        (("[roles]", "[roles\n"), "quantities.toml"),
        (("request.en = [", "reqest.en = ["), "reqest"),
    ],
)
def test_a_bad_lexicon_fails_with_a_clear_message(
    tmp_path: Path, edit: tuple[str, str], message: str
) -> None:
    """A typo, a bad value or broken TOML names the file and the problem."""
    with pytest.raises(LexiconError, match=r"quantities\.toml") as raised:
        load_lexicon(_lexicon_file(tmp_path, edit))
    assert message in str(raised.value)


def test_a_word_added_to_the_lexicon_is_read(tmp_path: Path) -> None:
    """Adding a unit word is one line of data: 'pings' becomes a request word."""
    path = _lexicon_file(
        tmp_path, ('request.en = ["requests",', 'request.en = ["pings", "requests",')
    )
    found = parse_quantities("20k pings, 1k in 200 out", load_lexicon(path))
    assert (found.requests_per_month, found.input_tokens) == (20_000, 1000)
    assert parse_quantities("20k pings, 1k in 200 out").requests_per_month is None


def test_every_role_of_the_file_has_a_name_in_code() -> None:
    """Each [roles] list of the lexicon is a Role member, and each Role the file lists exists."""
    from assistant.engine.quantities.model import Quantities
    from assistant.engine.quantities.roles import Field, Role, names
    from assistant.engine.quantities.schema import Roles

    derived = {Role.SCALE, Role.PERIOD, Role.RATE}
    assert set(Roles.__struct_fields__) == names(Role) - derived
    assert names(Field) <= set(Quantities.__struct_fields__)
