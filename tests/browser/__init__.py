"""Browser tests of the embeddable widget.

A package, so that its conftest does not shadow tests/conftest.py as module ``conftest``.
"""
