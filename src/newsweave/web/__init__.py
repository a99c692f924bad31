"""The web face of newsweave: a REST API and server-rendered pages over one database."""

from newsweave.web.app import create_app

__all__ = ["create_app"]
