"""Service settings, read once from environment variables (documented in the README)."""
from __future__ import annotations

import os
from dataclasses import dataclass


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError as e:
        raise SystemExit(f"{name} must be an integer, got {raw!r}") from e


def _positive(name: str, default: int) -> int:
    value = _int(name, default)
    if value < 1:
        raise SystemExit(f"{name} must be at least 1, got {value}")
    return value


@dataclass(frozen=True)
class Settings:
    model_path: str | None          # POLITAG_MODEL_PATH: a bundle dir; default: promoted or shipped bundle
    kb_path: str | None             # POLITAG_KB_PATH: optional knowledge base file
    max_chars: int                  # POLITAG_MAX_CHARS: per article (title + sapo + body)
    max_batch: int                  # POLITAG_MAX_BATCH: articles per batch request
    max_body_bytes: int             # POLITAG_MAX_BODY_BYTES: raw request body
    workers: int                    # POLITAG_WORKERS: uvicorn worker processes for `politag serve`
    host: str                       # POLITAG_HOST
    port: int                       # POLITAG_PORT
    log_level: str                  # POLITAG_LOG_LEVEL
    admin_token: str | None         # POLITAG_ADMIN_TOKEN: enables POST /v1/admin/reload
    engine_threads: int = 1         # POLITAG_ENGINE_THREADS: articles tagged at once per worker (the rest queue)
    keep_alive_seconds: int = 75    # POLITAG_KEEP_ALIVE_SECONDS: idle keep-alive connections are closed after this

    @classmethod
    def from_env(cls) -> "Settings":
        max_chars = _int("POLITAG_MAX_CHARS", 200_000)
        max_batch = _int("POLITAG_MAX_BATCH", 100)
        return cls(
            model_path=os.environ.get("POLITAG_MODEL_PATH") or None,
            kb_path=os.environ.get("POLITAG_KB_PATH") or None,
            max_chars=max_chars,
            max_batch=max_batch,
            # UTF-8 Vietnamese is up to 3 bytes a character, plus JSON overhead
            max_body_bytes=_int("POLITAG_MAX_BODY_BYTES", max(4 * max_chars * max_batch, 1 << 20)),
            workers=_int("POLITAG_WORKERS", 1),
            host=os.environ.get("POLITAG_HOST", "127.0.0.1"),
            port=_int("POLITAG_PORT", 8000),
            log_level=os.environ.get("POLITAG_LOG_LEVEL", "info").lower(),
            admin_token=os.environ.get("POLITAG_ADMIN_TOKEN") or None,
            engine_threads=_positive("POLITAG_ENGINE_THREADS", 1),
            # longer than a load balancer's idle timeout (60 s is usual): else the server closes a pooled
            # connection the balancer is about to reuse, and that request fails
            keep_alive_seconds=_positive("POLITAG_KEEP_ALIVE_SECONDS", 75),
        )
