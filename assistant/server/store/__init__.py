"""Conversation storage: backends (SQLite, Redis, memory), records, the log and metrics."""
