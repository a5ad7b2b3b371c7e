# The tagging service on the shipped default model. (No Docker engine runs on the dev machines:
# this file is kept simple and checked by reading, not by a build in CI.)
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 \
    POLITAG_HOST=0.0.0.0 POLITAG_PORT=8000 POLITAG_WORKERS=2

WORKDIR /app
COPY pyproject.toml README.md ./
COPY tagger ./tagger
COPY training ./training
COPY service ./service
COPY bench ./bench
COPY models ./models
RUN pip install . \
 && useradd --create-home --uid 10001 politag \
 && chown -R politag /app
# the package is installed, but the shipped bundle is read from /app/models
ENV POLITAG_MODEL_PATH=/app/models/default

USER politag
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD python -c "import urllib.request,sys; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8000/readyz', timeout=4).status == 200 else 1)"
CMD ["politag", "serve"]
