"""Prometheus metrics (per worker process): request counts, latency histogram, articles tagged."""
from __future__ import annotations

from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Gauge, Histogram, generate_latest

REGISTRY = CollectorRegistry()
_KNOWN = {"/v1/tag", "/v1/tag/batch", "/v1/model", "/v1/admin/reload", "/healthz", "/readyz", "/metrics"}

REQUESTS = Counter("politag_requests_total", "HTTP requests", ["method", "path", "status"], registry=REGISTRY)
LATENCY = Histogram("politag_request_duration_seconds", "HTTP request latency", ["path"], registry=REGISTRY,
                    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10))
ARTICLES = Counter("politag_articles_tagged_total", "Articles tagged", registry=REGISTRY)
MODEL_INFO = Gauge("politag_model_info", "The loaded model bundle", ["name", "version"], registry=REGISTRY)
MODEL_LOAD_SECONDS = Gauge("politag_model_load_seconds", "Time the last model load took", registry=REGISTRY)


def observe(method: str, path: str, status: int, seconds: float) -> None:
    path = path if path in _KNOWN else "other"  # bounded label cardinality
    REQUESTS.labels(method, path, str(status)).inc()
    LATENCY.labels(path).observe(seconds)


def render() -> tuple[bytes, str]:
    return generate_latest(REGISTRY), CONTENT_TYPE_LATEST
