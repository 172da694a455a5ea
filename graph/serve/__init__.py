"""`pariskg serve`: the build's store as a SPARQL 1.1 endpoint with Linked Data pages.

Modules, one job each: ``options`` (settings), ``protocol`` (reading a request), ``formats``
(media types and negotiation), ``workers`` (query processes that can be killed), ``jobs`` (what
a worker runs: queries, updates), ``description`` (Service Description), ``examples`` (the named
queries for the page), ``entity``/``describe``/``sentences``/``svg`` (Linked Data content),
``linked_data`` and ``app`` (the routes), ``pages`` (HTML templates).
"""

from __future__ import annotations

import copy

from graph.serve.options import ServeOptions

__all__ = ["ServeOptions", "serve"]


def serve(options: ServeOptions, *, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve ``options.out`` on ``host:port`` with uvicorn until interrupted (Ctrl-C)."""
    import uvicorn
    from uvicorn.config import LOGGING_CONFIG

    from graph.serve.app import create_app

    app = create_app(options)
    # our request log (with durations) replaces uvicorn's access log, on the same stderr handler
    log_config = copy.deepcopy(LOGGING_CONFIG)
    log_config["loggers"]["pariskg.serve"] = {"handlers": ["default"], "level": "INFO", "propagate": False}
    config = uvicorn.Config(app, host=host, port=port, access_log=False, lifespan="on", log_config=log_config)
    uvicorn.Server(config).run()
