"""The forkserver the analysis children come from (`core.analysis.isolation`): what it preloads,
and a way to start it before the engine is imported in the parent.

`python -m core analyze` starts it first thing (`start_early`), so the server imports the engine
while the command line imports its own modules: the two imports overlap on two cores instead of
one waiting for the other. This module imports nothing of the engine itself.
"""

from __future__ import annotations

import multiprocessing
from multiprocessing.context import ForkServerContext

PRELOAD = [
    "core.analysis",
    "core.analysis.evaluate",
    "core.analysis.extraction.readers.ocr_clean",
    "core.analysis.warm",
]
"""Imported once by the server, so each child starts with the engine loaded."""


def context() -> ForkServerContext:
    found = multiprocessing.get_context("forkserver")
    assert isinstance(found, ForkServerContext)
    found.set_forkserver_preload(PRELOAD)
    return found


def start_early() -> None:
    """Launch the forkserver now; it preloads the engine in the background."""
    from multiprocessing import forkserver

    context()
    forkserver.ensure_running()
