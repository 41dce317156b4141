"""The engine's name for the quantities reader (``assistant.engine.quantities``), kept so
callers import ``Quantities``, ``parse_quantities`` and ``apply_traffic`` from one place."""

from assistant.engine.quantities import Quantities, apply_traffic, parse_quantities

__all__ = ["Quantities", "apply_traffic", "parse_quantities"]
