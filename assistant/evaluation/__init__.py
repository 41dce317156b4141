"""Offline evaluation of the engine on labelled conversations: cases, judging, running, reports."""
