"""The HTTP/WebSocket server (litestar on uvicorn): a thin channel over the engine."""
