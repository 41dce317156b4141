# The assistant's server image: the package, the shipped catalog.db and intents/.
#   docker build -t assistant .
#   docker run --rm -p 8000:8000 assistant
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

RUN useradd --create-home --uid 10001 --shell /usr/sbin/nologin assistant \
    && mkdir /data && chown assistant /data
WORKDIR /app

# The README's install step (`pip install .`), from the same files a clone has.
COPY pyproject.toml README.md ./
COPY assistant ./assistant
RUN pip install .

COPY catalog.db ./catalog.db
COPY intents ./intents

ENV ASSISTANT_CATALOG=/app/catalog.db \
    ASSISTANT_INTENTS=/app/intents \
    ASSISTANT_PORT=8000 \
    ASSISTANT_DATA_DIR=/data

# The embedded conversation store and log (unless ASSISTANT_STORE=redis://...).
VOLUME /data

USER assistant
EXPOSE 8000

HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:' + os.environ.get('ASSISTANT_PORT', '8000') + '/health', timeout=4)"]

CMD ["assistant", "serve", "--host", "0.0.0.0"]
