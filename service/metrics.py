"""Prometheus metrics: request counts, latency histogram, articles tagged, the loaded model.

One worker: the metrics of this process. Several workers (``politag serve --workers N`` sets
``PROMETHEUS_MULTIPROC_DIR``): every worker writes its samples to files there and ``/metrics``, whichever
worker answers, adds them up, so a scrape sees the whole service and not one random worker.
"""
from __future__ import annotations

import os

from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Gauge, Histogram, generate_latest

MULTIPROCESS = bool(os.environ.get("PROMETHEUS_MULTIPROC_DIR"))
REGISTRY = CollectorRegistry()
_KNOWN = {"/v1/tag", "/v1/tag/batch", "/v1/model", "/v1/admin/reload", "/healthz", "/readyz", "/metrics"}

REQUESTS = Counter("politag_requests_total", "HTTP requests", ["method", "path", "status"], registry=REGISTRY)
LATENCY = Histogram("politag_request_duration_seconds", "HTTP request latency", ["path"], registry=REGISTRY,
                    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10))
ARTICLES = Counter("politag_articles_tagged_total", "Articles tagged", registry=REGISTRY)
# per worker (a "pid" label) when there are several: workers may briefly serve different models during a reload
MODEL_INFO = Gauge("politag_model_info", "The loaded model bundle", ["name", "version"], registry=REGISTRY,
                   multiprocess_mode="liveall")
MODEL_LOAD_SECONDS = Gauge("politag_model_load_seconds", "Time the last model load took", registry=REGISTRY,
                           multiprocess_mode="liveall")
_current_model: tuple[str, str] | None = None


def observe(method: str, path: str, status: int, seconds: float) -> None:
    path = path if path in _KNOWN else "other"  # bounded label cardinality
    REQUESTS.labels(method, path, str(status)).inc()
    LATENCY.labels(path).observe(seconds)


def model_loaded(name: str, version: str, seconds: float) -> None:
    global _current_model
    if _current_model and _current_model != (name, version):
        MODEL_INFO.labels(*_current_model).set(0)  # files of other workers keep samples until set, not cleared
        MODEL_INFO.remove(*_current_model)
    MODEL_INFO.labels(name, version).set(1)
    MODEL_LOAD_SECONDS.set(seconds)
    _current_model = (name, version)


def worker_exiting() -> None:
    """Drop this worker's live gauges from the shared files."""
    if MULTIPROCESS:
        from prometheus_client import multiprocess
        multiprocess.mark_process_dead(os.getpid())


def render() -> tuple[bytes, str]:
    if MULTIPROCESS:
        from prometheus_client import multiprocess
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        return generate_latest(registry), CONTENT_TYPE_LATEST
    return generate_latest(REGISTRY), CONTENT_TYPE_LATEST
