"""The model catalog: building it from sources, reading it, and resolving names."""
