"""FastAPI over the engine. The app is ``service.app:app``; ``politag serve`` runs it under uvicorn.

The model loads in a background thread at start-up: /healthz answers at once, /readyz and the tag
endpoints wait for the model (503 until then). A promoted bundle is picked up without a restart by
``POST /v1/admin/reload`` (bearer token) or SIGHUP: the new tagger is built beside the old one and
swapped in one assignment, so requests in flight finish on the model they started with.

With several workers (``politag serve --workers N``) a reload request reaches one worker only. That worker
loads the new bundle first (a broken bundle is refused there, and nothing else changes), then sends SIGHUP
to its sibling workers, which register themselves in ``POLITAG_WORKER_DIR``; each swaps its model in place
the same way. (SIGHUP to uvicorn's supervisor instead restarts the workers one by one, which can reset a
connection that a retiring worker had accepted but not yet read.)
"""
from __future__ import annotations

import hmac
import logging
import os
import signal
import threading
from contextlib import asynccontextmanager
from pathlib import Path
from time import perf_counter
from typing import Any

from fastapi import Depends, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from tagger import Tagger
from tagger.types import ArticleError

from . import metrics
from .schemas import ArticleIn, ErrorOut, TagResultOut
from .settings import Settings

log = logging.getLogger("politag.service")


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str):
        self.status, self.code, self.message = status, code, message


class ModelHolder:
    """The current tagger and its lock; swapped whole on reload."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.tagger: Tagger | None = None
        self.error: str | None = None
        self._reload_lock = threading.Lock()

    def load(self) -> None:
        with self._reload_lock:
            t0 = perf_counter()
            try:
                tagger = Tagger.load(self.settings.model_path, kb_path=self.settings.kb_path)
            except Exception as e:  # keep serving the old model; report why the new one was refused
                self.error = f"{type(e).__name__}: {e}"
                log.error("model load failed: %s", self.error)
                raise
            tagger.lock = threading.Lock()  # components built on native code are not assumed thread-safe
            self.tagger, self.error = tagger, None  # one assignment: in-flight requests keep their reference
            metrics.model_loaded(tagger.model_info["name"], tagger.model_info["version"], perf_counter() - t0)
            log.info("model %s %s loaded in %.2fs", *tagger.model_info.values(), perf_counter() - t0)

    def load_in_background(self) -> threading.Thread:
        def run():
            try:
                self.load()
            except Exception:
                pass
        th = threading.Thread(target=run, name="model-loader", daemon=True)
        th.start()
        return th


class WorkerRegistry:
    """The sibling workers of one ``politag serve --workers N``: one file per worker pid in a directory."""

    def __init__(self, directory: str | None):
        self.dir = Path(directory) if directory else None
        self.me = self.dir / str(os.getpid()) if self.dir else None

    def register(self) -> None:
        if self.me and self.dir.is_dir():
            self.me.write_text(str(os.getppid()))

    def unregister(self) -> None:
        if self.me:
            self.me.unlink(missing_ok=True)

    def signal_siblings(self) -> int:
        """SIGHUP every other live worker of the same supervisor; returns how many were signalled."""
        if not self.dir or not self.dir.is_dir():
            return 0
        sent = 0
        for f in self.dir.iterdir():
            if not f.name.isdigit() or int(f.name) == os.getpid():
                continue
            try:
                if f.read_text().strip() != str(os.getppid()):  # a stale file of an earlier supervisor
                    continue
                os.kill(int(f.name), signal.SIGHUP)
                sent += 1
            except (OSError, ValueError):  # the worker is gone
                f.unlink(missing_ok=True)
        return sent


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings.from_env()
    holder = ModelHolder(settings)
    workers = WorkerRegistry(os.environ.get("POLITAG_WORKER_DIR"))

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        # load before accepting connections: a worker replaced on SIGHUP must not answer 503s
        import anyio
        try:
            await anyio.to_thread.run_sync(holder.load)
        except Exception:
            pass  # holder.error is set; /readyz reports it and tag endpoints answer 503
        if threading.current_thread() is threading.main_thread():
            try:
                signal.signal(signal.SIGHUP, lambda *_: holder.load_in_background())
            except (ValueError, OSError):  # not available on this platform / not the main thread
                pass
        workers.register()
        try:
            yield
        finally:
            workers.unregister()
            metrics.worker_exiting()

    app = FastAPI(
        title="politag — Vietnamese political-news tagger",
        version="0.1.0",
        description="Topics, officials with their positions, organizations, places and Party/State document "
                    "references for Vietnamese news articles. Offsets point into the returned `text` "
                    "(`?include_text=true`).",
        lifespan=lifespan,
        responses={422: {"model": ErrorOut, "description": "Invalid input: the message says which field and why"},
                   413: {"model": ErrorOut, "description": "Article or batch over the configured maximum"}},
    )
    app.state.holder = holder
    app.state.settings = settings

    # ------------------------------------------------------------------ errors as {"error": {code, message}}
    def error(status: int, code: str, message: str) -> JSONResponse:
        return JSONResponse({"error": {"code": code, "message": message}}, status_code=status)

    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError):
        return error(exc.status, exc.code, exc.message)

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request: Request, exc: RequestValidationError):
        parts = []
        for e in exc.errors():
            loc = [str(x) for x in e.get("loc", ())]
            loc = loc[1:] if loc and loc[0] == "body" else loc  # FastAPI's prefix, not the article's field
            if loc and loc[0].isdigit():  # an article of a batch
                loc = [f"articles[{loc[0]}]"] + loc[1:]
            where = ".".join(loc) or "request body"
            msg = e.get("msg", "invalid").removeprefix("Value error, ")
            if e.get("type") == "json_invalid":
                where, msg = "request body", f"not valid JSON ({e.get('ctx', {}).get('error', 'parse error')})"
            parts.append(f"{where}: {msg}")
        return error(422, "invalid_request", "; ".join(parts[:10]) + (f" (+{len(parts) - 10} more)" if len(parts) > 10 else ""))

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException):
        return error(exc.status_code, f"http_{exc.status_code}", str(exc.detail))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception):  # a bug, never the caller's fault
        log.exception("unhandled error on %s", request.url.path)
        return error(500, "internal_error", "the tagger failed on this input; it has been logged")

    # ------------------------------------------------------------------ request guards
    @app.middleware("http")
    async def guard_and_measure(request: Request, call_next):
        t0 = perf_counter()
        route = request.url.path
        if request.method == "POST" and route.startswith("/v1/tag"):
            ctype = request.headers.get("content-type", "")
            if ctype and "json" not in ctype.split(";")[0].lower():
                resp = error(415, "unsupported_media_type", f"send JSON (Content-Type: application/json), not {ctype!r}")
                metrics.observe(request.method, route, 415, perf_counter() - t0)
                return resp
            length = request.headers.get("content-length")
            if length and length.isdigit() and int(length) > settings.max_body_bytes:
                resp = error(413, "payload_too_large",
                             f"request body is {int(length)} bytes; the maximum is {settings.max_body_bytes}")
                metrics.observe(request.method, route, 413, perf_counter() - t0)
                return resp
        response = await call_next(request)
        metrics.observe(request.method, route, response.status_code, perf_counter() - t0)
        return response

    # One article at a time per worker, in arrival order. The engine is CPU-bound Python (it holds the GIL),
    # so a second thread inside it only adds switching and memory; requests that wait, wait here in the
    # event loop (FIFO, no thread, no parsed result held) instead of in threads racing for a lock, whose
    # order is arbitrary and whose tail latency grows with the number of waiters.
    engine_slots = None   # made on first use: an anyio limiter belongs to the running event loop

    async def in_engine(fn, *args):
        import anyio
        nonlocal engine_slots
        if engine_slots is None:
            engine_slots = anyio.CapacityLimiter(settings.engine_threads)
        return await anyio.to_thread.run_sync(fn, *args, limiter=engine_slots)

    def ready_tagger() -> Tagger:
        tagger = holder.tagger
        if tagger is None:
            detail = f"model failed to load: {holder.error}" if holder.error else "model is loading, retry shortly"
            raise ApiError(503, "not_ready", detail)
        return tagger

    def check_size(article: dict, where: str) -> None:
        n = sum(len(article.get(k) or "") for k in ("title", "sapo", "body"))
        if n > settings.max_chars:
            raise ApiError(413, "payload_too_large",
                           f"{where}: {n} characters; the maximum per article is {settings.max_chars}")

    def run(tagger: Tagger, article: dict, include_text: bool, top_k: int | None) -> dict[str, Any]:
        try:
            with tagger.lock:
                result = tagger.tag(article, include_text=include_text, top_k=top_k)
        except ArticleError as e:
            raise ApiError(422, "invalid_request", str(e)) from e
        metrics.ARTICLES.inc()
        return result.to_dict(include_text=include_text)

    # ------------------------------------------------------------------ routes
    @app.post("/v1/tag", response_model=TagResultOut, tags=["tagging"], summary="Tag one article")
    async def tag(article: ArticleIn,
                  include_text: bool = Query(False, description="Return the plain text all offsets point into."),
                  top_k: int | None = Query(None, ge=1, le=50, description="Return at most k topics."),
                  tagger: Tagger = Depends(ready_tagger)):
        a = article.to_article()
        check_size(a, "article")
        return JSONResponse(await in_engine(run, tagger, a, include_text, top_k))

    @app.post("/v1/tag/batch", response_model=list[TagResultOut], tags=["tagging"],
              summary="Tag a list of articles; one result per article, in order")
    async def tag_batch(articles: list[ArticleIn],
                        include_text: bool = Query(False, description="Return the plain text of each article."),
                        top_k: int | None = Query(None, ge=1, le=50),
                        tagger: Tagger = Depends(ready_tagger)):
        if len(articles) > settings.max_batch:
            raise ApiError(413, "payload_too_large",
                           f"{len(articles)} articles in the batch; the maximum is {settings.max_batch}")
        if not articles:
            raise ApiError(422, "invalid_request", "request body: the batch is empty; send at least one article")
        items = [a.to_article() for a in articles]
        for i, a in enumerate(items):
            check_size(a, f"articles[{i}]")
        return JSONResponse(await in_engine(lambda: [run(tagger, a, include_text, top_k) for a in items]))

    @app.get("/v1/model", tags=["model"], summary="The loaded bundle's manifest: version, labels, metrics, training data")
    def model(tagger: Tagger = Depends(ready_tagger)):
        return tagger.bundle.manifest

    @app.post("/v1/admin/reload", tags=["model"], summary="Load the current bundle again (after `politag promote`)")
    def reload(request: Request):
        token = settings.admin_token
        if not token:
            raise ApiError(404, "not_enabled", "set POLITAG_ADMIN_TOKEN to enable the reload endpoint")
        given = request.headers.get("authorization", "").removeprefix("Bearer ").strip()
        if not hmac.compare_digest(given.encode(), token.encode()):
            raise ApiError(401, "unauthorized", "send Authorization: Bearer <POLITAG_ADMIN_TOKEN>")
        try:
            holder.load()
        except Exception as e:
            raise ApiError(409, "reload_refused", f"kept the old model: {type(e).__name__}: {e}") from e
        return {**holder.tagger.model_info, "other_workers_reloading": workers.signal_siblings()}

    @app.get("/healthz", tags=["ops"], summary="The process is up")
    def healthz():
        return {"status": "ok"}

    @app.get("/readyz", tags=["ops"], summary="Ready only once the model is loaded")
    def readyz():
        if holder.tagger is None:
            return JSONResponse({"status": "loading" if not holder.error else "failed", "error": holder.error},
                                status_code=503)
        return {"status": "ready", "model": holder.tagger.model_info, "worker_pid": os.getpid()}

    @app.get("/metrics", tags=["ops"], summary="Prometheus metrics")
    def prometheus():
        body, ctype = metrics.render()
        return Response(body, media_type=ctype)

    return app


app = create_app()
