"""Running the app: uvicorn on loopback unless the caller names another host."""
from __future__ import annotations

import ipaddress
import sys

LOOPBACK_NAMES = {"localhost", "127.0.0.1", "::1"}


def is_loopback(host: str) -> bool:
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def serve(db=None, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve the API and dashboard over the store at ``db`` until interrupted."""
    try:
        import uvicorn
    except ModuleNotFoundError:
        from tidings.errors import OptionError

        raise OptionError("serve: the web extra is not installed "
                          "(pip install 'tidings[web]')") from None
    from tidings.api.app import create_app
    from tidings.store import Store, parquet
    from tidings.store import db as store_db

    # A Parquet store is served from its published files, read-only: an ingest into the
    # same folder can run meanwhile (POST /articles answers that the store is read-only).
    read_only = parquet.folder_of(db) is not None
    Store.open(db, read_only=read_only).close()  # a locked, corrupt or newer store fails here
    app = create_app(db, read_only=read_only)
    if not is_loopback(host):
        sys.stderr.write(f"tidings: warning: serving on {host}, reachable from other "
                         "machines; the API has no authentication\n")
    sys.stderr.write(f"tidings: serving {store_db.default_path(db)} at "
                     f"http://{host if ':' not in host else f'[{host}]'}:{port}/\n")
    uvicorn.run(app, host=host, port=port, log_level="warning")
