"""Running the app: uvicorn on loopback unless the caller names another host."""
from __future__ import annotations

import ipaddress
import os
import sys

LOOPBACK_NAMES = {"localhost", "127.0.0.1", "::1"}


def is_loopback(host: str) -> bool:
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def allowed_hosts(host: str, extra: list[str] | None = None) -> list[str]:
    """Names the server answers to: loopback names, the address it is bound to (when it
    is one address, not 0.0.0.0 or ::), and the names given with --allow-host."""
    from tidings.api.security import LOOPBACK_HOSTS

    names = list(LOOPBACK_HOSTS)
    if host not in ("0.0.0.0", "::", ""):
        names.append(host)
    return names + list(extra or [])


def serve(db=None, host: str = "127.0.0.1", port: int = 8000,
          allow_hosts: list[str] | None = None, token: str | None = None,
          max_chars: int | None = None, model: str | None = None) -> None:
    """Serve the API and dashboard over the store at ``db`` until interrupted.

    ``token`` (else $TIDINGS_TOKEN): what POST requests must present; without one, a
    server bound beyond loopback takes no POST at all.
    """
    try:
        import uvicorn
    except ModuleNotFoundError:
        from tidings.errors import OptionError

        raise OptionError("serve: the web extra is not installed "
                          "(pip install 'tidings[web]')") from None
    from tidings.api.app import MAX_TEXT_CHARS, create_app
    from tidings.store import Store, parquet
    from tidings.store import db as store_db

    token = token or os.environ.get("TIDINGS_TOKEN") or None
    exposed = not is_loopback(host)
    # A Parquet store is served from its published files, read-only: an ingest into the
    # same folder can run meanwhile (POST /articles answers that the store is read-only).
    read_only = parquet.folder_of(db) is not None
    Store.open(db, read_only=read_only).close()  # a locked, corrupt or newer store fails here
    app = create_app(db, read_only=read_only, model=model,
                     allowed_hosts=allowed_hosts(host, allow_hosts), token=token,
                     require_token=exposed, max_chars=max_chars or MAX_TEXT_CHARS)
    if exposed:
        sys.stderr.write(f"tidings: warning: serving on {host}, reachable from other "
                         "machines: anyone who reaches it can read the store; "
                         + ("POST needs the token\n" if token else
                            "POST is refused (no --token)\n"))
    sys.stderr.write(f"tidings: serving {store_db.default_path(db)} at "
                     f"http://{host if ':' not in host else f'[{host}]'}:{port}/\n")
    uvicorn.run(app, host=host, port=port, log_level="warning")
