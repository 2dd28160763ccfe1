"""``kg serve``: the service's command of the ``kg`` command line.

kg does not import service (service is built on kg): pyproject.toml registers :func:`add_command` in
the entry-point group ``kg.commands``, and kg/cli.py adds every command of that group to its parser.
"""

from __future__ import annotations

import argparse

from kg.stores import STORE_FORMS


def add_command(sub: argparse._SubParsersAction) -> None:
    """Add ``serve`` to the subcommands of the ``kg`` parser."""
    p = sub.add_parser("serve", help="Serve the SPARQL endpoint and web UI over a built store")
    # no defaults here: run_serve falls back to VNGE_STORE / VNGE_HOST / VNGE_PORT, then the built-in ones
    p.add_argument("--store", default=None,
                   help=f"Store made by `kg build` (default: $VNGE_STORE or var/store): {STORE_FORMS}")
    p.add_argument("--host", help="Interface to listen on (default: $VNGE_HOST or 127.0.0.1)")
    p.add_argument("--port", type=int, help="TCP port to listen on (default: $VNGE_PORT or 8000)")
    p.set_defaults(func=serve)


def serve(args: argparse.Namespace) -> int:
    # only when serving: Flask, gunicorn and the query pool would add about a second to every kg command
    from service.app import run_serve

    run_serve(store=args.store, host=args.host, port=args.port)
    return 0
