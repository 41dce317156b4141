"""The model-comparison assistant: a catalog of AI models and a chat engine over it."""

__version__ = "0.1.0"
