"""The HTTP API and local dashboard (``tidings serve``); needs the ``web`` extra."""
from __future__ import annotations

__all__ = ["create_app", "serve"]


def create_app(*args, **kwargs):
    from tidings.api.app import create_app as build

    return build(*args, **kwargs)


def serve(db=None, host: str = "127.0.0.1", port: int = 8000, **options) -> None:
    from tidings.api.server import serve as run

    run(db, host, port, **options)
