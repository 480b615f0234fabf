"""What guards the API: the Host header, credentials for POST, and the headers every
response carries (see the README's "The API's security model").

- Host allowlist: a page on another site can make a browser resolve its own name to
  127.0.0.1 (DNS rebinding) and then read and write this server as if it were that site;
  its requests still carry that name in ``Host``, so only the names this server is known by
  are served (loopback names by default, more with ``--allow-host``).
- POST (extraction and writes) needs ``Authorization: Bearer TOKEN`` when a token is set;
  bound beyond loopback, a server without a token refuses every POST. A POST must be JSON
  (a form posted by another site is refused before it is read), and one sent by a browser
  from another origin is refused.
- Every response says: do not guess content types, never frame me, send no referrer; a
  content security policy on every response (HTML pages may load only this server's files).
"""
from __future__ import annotations

import hmac
from typing import Iterable

from tidings.api.errors import envelope

LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "::1")

# The dashboard may load only its own files: no inline script, nothing from elsewhere,
# so a story's text can never become script even if a rendering bug let markup through.
HTML_CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            "img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; "
            "base-uri 'none'; frame-ancestors 'none'; form-action 'none'")
# Anything else (JSON, CSV, scripts) is data: it may load nothing, whatever opens it.
DATA_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'"
HEADERS = [(b"x-content-type-options", b"nosniff"), (b"x-frame-options", b"DENY"),
           (b"referrer-policy", b"no-referrer"),
           (b"cross-origin-resource-policy", b"same-origin")]
WRITE_METHODS = ("POST", "PUT", "PATCH", "DELETE")


def host_name(value: str) -> str:
    """The name in a Host header or an Origin, without port or IPv6 brackets, lower case."""
    value = value.strip().lower()
    if "://" in value:
        value = value.split("://", 1)[1].split("/", 1)[0]
    if value.startswith("["):
        return value[1:value.find("]")] if "]" in value else value[1:]
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


class Guard:
    """ASGI middleware: Host allowlist, POST credentials and origin, response headers."""

    def __init__(self, app, allowed_hosts: Iterable[str] | None = None,
                 token: str | None = None, require_token: bool = False):
        self.app = app
        self.allowed = {host_name(h) for h in (allowed_hosts or LOOPBACK_HOSTS)}
        self.any_host = "*" in self.allowed
        self.token = token.encode() if token else None
        self.require_token = require_token

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = {k.decode("latin-1").lower(): v.decode("latin-1")
                   for k, v in scope.get("headers") or []}
        refusal = self._refusal(scope["method"], headers)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                message = dict(message)
                given = list(message.get("headers") or [])
                names = {k.lower() for k, _ in given}
                html = any(k.lower() == b"content-type" and v.startswith(b"text/html")
                           for k, v in given)
                given += [(k, v) for k, v in HEADERS if k not in names]
                if b"content-security-policy" not in names:
                    given.append((b"content-security-policy",
                                  (HTML_CSP if html else DATA_CSP).encode()))
                message["headers"] = given
            await send(message)

        if refusal is not None:
            return await refusal(scope, receive, send_with_headers)
        return await self.app(scope, receive, send_with_headers)

    def _refusal(self, method: str, headers: dict[str, str]):
        host = host_name(headers.get("host", ""))
        if not self.any_host and host not in self.allowed:
            return envelope(400, "bad_host", f"this server does not answer to the host name "
                            f"{host or '(none)'!r} (serve --allow-host NAME adds one)")
        if method not in WRITE_METHODS:
            return None
        origin = headers.get("origin")
        if origin and origin != "null" and not self.any_host \
                and host_name(origin) not in self.allowed:
            return envelope(403, "forbidden", "a request from a page of another site")
        if origin == "null":
            return envelope(403, "forbidden", "a request from a page with no origin")
        if self.token is None:
            if self.require_token:
                return envelope(403, "forbidden", "this server takes no POST requests: it "
                                "is reachable beyond this machine and was started without "
                                "a token (serve --token or $TIDINGS_TOKEN)")
        else:
            given = headers.get("authorization", "")
            scheme, _, credential = given.partition(" ")
            if scheme.lower() != "bearer" or not hmac.compare_digest(
                    credential.strip().encode(), self.token):
                response = envelope(401, "unauthorized", "POST needs the server's token: "
                                    "Authorization: Bearer TOKEN")
                response.headers["WWW-Authenticate"] = "Bearer"
                return response
        kind = headers.get("content-type", "").split(";")[0].strip().lower()
        if method != "DELETE" and kind != "application/json":
            return envelope(415, "unsupported_media_type",
                            "POST bodies are JSON (Content-Type: application/json)")
        return None
