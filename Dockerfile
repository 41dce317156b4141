# The assistant's server image: the locked dependencies, the package, catalog.db, intents/ and lexicon/.
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

# Dependencies first, pinned by the lock file: this layer changes only with the lock, so a
# code edit reuses it. Then the package itself, without resolving anything again.
COPY requirements.lock ./
RUN pip install -r requirements.lock
COPY pyproject.toml README.md ./
COPY assistant ./assistant
RUN pip install --no-deps . && pip check

COPY catalog.db ./catalog.db
COPY intents ./intents
COPY lexicon ./lexicon

ENV ASSISTANT_CATALOG=/app/catalog.db \
    ASSISTANT_INTENTS=/app/intents \
    ASSISTANT_LEXICON=/app/lexicon \
    ASSISTANT_PORT=8000 \
    ASSISTANT_DATA_DIR=/data

# The embedded conversation store and log (unless ASSISTANT_STORE=redis://...).
VOLUME /data

USER assistant
EXPOSE 8000

HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:' + os.environ.get('ASSISTANT_PORT', '8000') + '/health', timeout=4)"]

CMD ["assistant", "serve", "--host", "0.0.0.0"]
