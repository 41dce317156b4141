"""The terminal chat client over WebSocket."""
