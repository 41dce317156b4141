"""Self-host memory estimates: bytes per parameter, overhead, MoE, KV cache, best fit."""

from __future__ import annotations

import pytest

from assistant.catalog.selfhost import best_fit, estimate, estimates, kv_bytes_per_token


def test_weights_are_two_one_and_half_bytes_per_parameter_plus_twenty_percent() -> None:
    rows = estimates(8e9, None)
    assert [r.bits for r in rows] == [16, 8, 4]
    assert [round(r.weights_gb, 3) for r in rows] == [16.0, 8.0, 4.0]
    assert [round(r.total_gb, 3) for r in rows] == [19.2, 9.6, 4.8]
    assert all(r.kv_cache_gb is None for r in rows)


def test_moe_loads_every_expert_but_notes_the_active_count() -> None:
    item = estimate(47e9, 13e9, 4)
    assert round(item.weights_gb, 1) == 23.5  # total parameters, not active
    assert item.params_active == 13e9
    assert estimate(8e9, 8e9, 4).params_active is None  # dense: active == total is no MoE


def test_kv_cache_is_a_separate_line_that_grows_with_context() -> None:
    short, long = estimate(8e9, None, 16, 8_192), estimate(8e9, None, 16, 131_072)
    assert short.total_gb == long.total_gb
    assert short.kv_cache_gb is not None and long.kv_cache_gb is not None
    assert long.kv_cache_gb == pytest.approx(short.kv_cache_gb * 16)
    assert kv_bytes_per_token(8e9) == pytest.approx(131_072)  # the Llama 3 8B reference
    assert kv_bytes_per_token(47e9, 13e9) < kv_bytes_per_token(47e9)


def test_best_fit_is_the_highest_precision_that_fits() -> None:
    fit = best_fit(8e9, None, 24)
    assert fit is not None and fit.bits == 16
    fit = best_fit(70e9, None, 48)
    assert fit is not None and fit.bits == 4  # 42 GB at 4-bit; 84 GB at 8-bit
    assert best_fit(405e9, None, 48) is None
    fit = best_fit(8e9, None, 24, context=131_072)  # + ~17.2 GB of 16-bit KV cache
    assert fit is not None and fit.bits == 4  # 4.8 + 17.2 fits; 9.6 + 17.2 does not


def test_bad_inputs_are_errors() -> None:
    with pytest.raises(ValueError, match="precision"):
        estimate(8e9, None, 3)
    with pytest.raises(ValueError, match="positive"):
        estimate(0, None, 16)
