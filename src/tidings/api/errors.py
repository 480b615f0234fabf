"""One error shape for every failure: ``{"error": {"code", "message"}}`` with the right
HTTP status, so clients (and the dashboard) handle errors in one place."""
from __future__ import annotations

import logging
import re

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from tidings.errors import InputError, ModelError, OptionError, StoreError, TidingsError

LOGGER = logging.getLogger(__name__)

# Stable codes for statuses that do not come from a TidingsError.
HTTP_CODES = {400: "bad_request", 404: "not_found", 405: "method_not_allowed",
              413: "too_large", 415: "unsupported_media_type", 422: "invalid_request",
              500: "internal", 503: "unavailable"}


def as_parameters(text: str) -> str:
    """``text`` naming query parameters where it names CLI options: the library's
    messages and the filters' help say --source-actor, the API's client sends source_actor."""
    return re.sub(r"--([a-z]+(?:-[a-z]+)*)", lambda m: m[1].replace("-", "_"), text)


def envelope(status: int, code: str, message: str) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status)


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors():
        where = ".".join(str(p) for p in err.get("loc", ()) if p != "body") or "request"
        parts.append(f"{where}: {err.get('msg', 'invalid')}")
    return "; ".join(parts) or "invalid request"


def install(app: FastAPI) -> None:
    """Register the handlers that turn every error into the envelope."""

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        code = HTTP_CODES.get(exc.status_code, f"http_{exc.status_code}")
        message = exc.detail if isinstance(exc.detail, str) else code
        return envelope(exc.status_code, code, message)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError):
        return envelope(422, "invalid_request", _validation_message(exc))

    @app.exception_handler(TidingsError)
    async def tidings_error(request: Request, exc: TidingsError):
        # A bad filter value or input is the client's (400); a store or model that
        # cannot be used is the server's state (503).
        status = 400 if isinstance(exc, (OptionError, InputError)) else \
            503 if isinstance(exc, (StoreError, ModelError)) else 500
        return envelope(status, exc.code, as_parameters(exc.args[0]))

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception):
        LOGGER.exception("%s %s failed", request.method, request.url.path)
        return envelope(500, "internal", f"internal error ({type(exc).__name__})")


class BodyLimit:
    """ASGI middleware refusing request bodies over ``max_bytes`` with 413, whether the
    client announces the size (Content-Length) or streams it chunked."""

    def __init__(self, app, max_bytes: int):
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            return await self.app(scope, receive, send)
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            return await self._refuse(send)
        chunks, size, more = [], 0, True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_bytes:
                return await self._refuse(send)
            chunks.append(chunk)
            more = message.get("more_body", False)
        body = b"".join(chunks)
        replayed = False

        async def replay():
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        return await self.app(scope, replay, send)

    async def _refuse(self, send) -> None:
        response = envelope(413, "too_large",
                            f"request body over the limit of {self.max_bytes} bytes")
        await send({"type": "http.response.start", "status": 413,
                    "headers": response.raw_headers})
        await send({"type": "http.response.body", "body": response.body})
