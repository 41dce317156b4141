"""A stated contract horizon totals the monthly cost on the route the answer leads with."""

from __future__ import annotations

from test_engine_fixture import small_engine

from assistant.answers.notes.horizon import with_horizon
from assistant.engine import Memory
from assistant.reply import Reply


def test_horizon_totals_each_priced_model_and_says_unknown_otherwise() -> None:
    data = {
        "monthly_cost": {
            "a/x": {
                "monthly_usd": 100.0,
                "route": "cheap",
                "first_party": {"monthly_usd": 150.0, "route": "lab"},
            },
            "b/y": {"monthly_usd": None, "route": None},
        }
    }
    reply = Reply(text="Cost.", intent="monthly_cost", models=("a/x", "b/y"), data=data)
    out = with_horizon(reply, 36, {"a/x": "X", "b/y": "Y"}, lambda r: r.upper())
    assert "- **X**: $5,400 on LAB ($150.00/month x 36)" in out.text
    assert "- **Y**: no complete token price is sourced, so no total." in out.text
    assert out.data["horizon"] == {"months": 36, "total_usd": {"a/x": 5400.0}}


def test_a_contract_length_adds_the_total_to_a_cost_answer() -> None:
    reply, _ = small_engine().respond(
        Memory(), "what would gpt-4o cost over a 3-year contract at 2M requests/month?"
    )
    assert reply.intent == "monthly_cost"
    assert "Over 36 months" in reply.text
    assert reply.data["traffic"]["requests_per_month"] == 2_000_000
