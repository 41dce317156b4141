"""Display names: source decorations stripped, proper names preferred over raw ids."""

from __future__ import annotations

from assistant.catalog.display import clean_display, display_name, is_id_like, lab_spellings
from assistant.catalog.merge import FactBook
from assistant.catalog.observations import RANK_MODELS, RANK_PROVIDER, Observation, RouteObs


def test_lab_prefix_and_marks_are_stripped() -> None:
    anthropic = lab_spellings("anthropic", "Anthropic")
    assert clean_display("Anthropic: Claude Opus 4.5", anthropic) == "Claude Opus 4.5"
    assert clean_display("Claude Opus 4.1 (latest)", anthropic) == "Claude Opus 4.1"
    assert clean_display("Baidu: CoBuddy (free)", lab_spellings("baidu", "Baidu")) == "CoBuddy"
    assert clean_display("AionLabs: Aion-2.5", lab_spellings("aion-labs", None)) == "Aion-2.5"
    assert clean_display("Nous: Hermes 4", lab_spellings("nousresearch", None)) == "Hermes 4"
    qwen = lab_spellings("alibaba", "Alibaba")
    assert clean_display("Qwen/Qwen3-VL-32B-Thinking", qwen) == "Qwen3-VL-32B-Thinking"


def test_other_colons_and_slashes_stay() -> None:
    deepseek = lab_spellings("deepseek", "DeepSeek")
    assert clean_display("DeepSeek V3/Chat Cheaper", deepseek) == "DeepSeek V3/Chat Cheaper"
    assert clean_display("qwen3-next:80b", lab_spellings("alibaba", None)) == "qwen3-next:80b"
    assert clean_display("Venice: Uncensored", deepseek) == "Venice: Uncensored"
    assert clean_display("(free)", deepseek) == "(free)"


def test_id_like_names() -> None:
    assert is_id_like("jamba-1.5-large") and is_id_like("qwen3-vl:235b")
    assert not is_id_like("o3") and not is_id_like("Jamba 1.5 Large")


def _name_obs(name: str, rank: int, provider: str) -> Observation:
    route = RouteObs(provider_id=provider, provider_model_id=name)
    return Observation(source=f"p:{provider}", rank=rank, date="2026-01-01", names=(name,),
                       facts={"name": name}, route=route)  # fmt: skip


def test_proper_name_replaces_a_provider_id_name_of_the_same_model() -> None:
    book = FactBook()
    model = "xai/grok-4-1-fast-reasoning"
    book.add(model, "name", "grok-4-1-fast-reasoning", _name_obs("x", RANK_PROVIDER, "a"))
    book.add(model, "name", "Grok 4.1 Fast Reasoning", _name_obs("y", RANK_PROVIDER + 1, "b"))
    book.add(model, "name", "Grok 3 Mini", _name_obs("z", RANK_PROVIDER + 1, "c"))
    assert display_name(book, model, "xAI") == "Grok 4.1 Fast Reasoning"


def test_a_labs_own_lowercase_name_stays() -> None:
    book = FactBook()
    obs = Observation(source="models.dev", rank=RANK_MODELS, date="2026-01-01",
                      model_id="openai/gpt-oss-20b", facts={"name": "gpt-oss-20b"})  # fmt: skip
    book.add("openai/gpt-oss-20b", "name", "gpt-oss-20b", obs)
    book.add("openai/gpt-oss-20b", "name", "GPT OSS 20B", _name_obs("g", RANK_PROVIDER, "b"))
    assert display_name(book, "openai/gpt-oss-20b", "OpenAI") == "gpt-oss-20b"
