"""Tesseract as a subprocess held to a budget of CPU seconds: images in, TSV words out.

A page's OCR is limited in CPU time, not wall-clock time, so a loaded machine reads the same
pages as an idle one: the kernel stops a Tesseract that overspends (RLIMIT_CPU, set on the
child with prlimit), and the seconds each run used are taken from its rusage and charged to
the page. A wall-clock backstop many times the budget only catches a process that hangs.
Each Tesseract is held to one thread (OMP_THREAD_LIMIT=1): on 2 cores that made a page 4x
faster than OpenMP's default, and it keeps the CPU time of a page independent of the core count.
"""

from __future__ import annotations

import contextlib
import math
import os
import resource
import signal
import tempfile
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from core.analysis.errors import ReportError

TESSERACT_CMD = "tesseract"
WALL_BACKSTOP_FACTOR = 10.0
"""A run may take this many times its CPU allowance in wall-clock time before it is killed."""
NOT_INSTALLED_SENTENCE = (
    "Scanned reports cannot be read on this server because OCR (Tesseract) is not "
    "installed; upload a text PDF, XLSX or CSV, or ask the administrator to install it."
)


class BudgetExceeded(Exception):
    """The page's OCR used up its CPU seconds (or a run hung past the wall-clock backstop)."""


@dataclass(slots=True)
class CpuBudget:
    """CPU seconds one page's OCR may still spend, in Tesseract and in this thread."""

    seconds: float
    used: float = 0.0

    def remaining(self) -> float:
        return self.seconds - self.used

    def charge(self, seconds: float) -> None:
        self.used += max(0.0, seconds)
        if self.remaining() <= 0:
            raise BudgetExceeded


@dataclass(frozen=True, slots=True)
class TsvWord:
    """One word of Tesseract's TSV: which image (`page`, from 1), where, how sure, what text."""

    page: int
    block: int
    par: int
    line: int
    left: int
    top: int
    width: int
    height: int
    conf: float
    text: str


def run_tsv(images: Sequence[Image.Image], args: Sequence[str], budget: CpuBudget) -> list[TsvWord]:
    """Tesseract's words on `images` (one PNG, or a multi-page TIFF read in one run).

    `args` are Tesseract's options (`-l eng --psm 6` …). Raises BudgetExceeded when the page's
    CPU seconds run out and ReportError when Tesseract is missing or fails.
    """
    if not images:
        return []
    allowance = budget.remaining()
    if allowance <= 0:
        raise BudgetExceeded
    with tempfile.TemporaryDirectory(prefix="auditeng-ocr-") as folder:
        work = Path(folder)
        source = _save(images, work)
        argv = [TESSERACT_CMD, str(source), str(work / "out"), *args, "-c", "tessedit_create_tsv=1"]
        status, cpu_seconds, killed = _run(argv, work / "stderr.txt", allowance)
        budget.charge(cpu_seconds)
        if killed or status in (-signal.SIGXCPU, -signal.SIGKILL):
            raise BudgetExceeded
        if status != 0:
            raise ReportError(
                f"OCR (Tesseract) failed on this scan (exit status {status}); upload the "
                "original PDF or scan the page again."
            )
        return parse_tsv((work / "out.tsv").read_text("utf-8", errors="replace"))


def _save(images: Sequence[Image.Image], folder: Path) -> Path:
    if len(images) == 1:
        path = folder / "page.png"
        images[0].save(path, "PNG")
        return path
    path = folder / "batch.tif"
    first, *rest = images
    first.save(path, "TIFF", save_all=True, append_images=rest, compression="tiff_deflate")
    return path


def _run(argv: list[str], stderr: Path, cpu_seconds: float) -> tuple[int, float, bool]:
    """Exit status, CPU seconds used and whether the wall-clock backstop killed the run."""
    env = {**os.environ, "OMP_THREAD_LIMIT": os.environ.get("OMP_THREAD_LIMIT", "1")}
    actions = [
        (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
        (os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0),
        (os.POSIX_SPAWN_OPEN, 2, str(stderr), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600),
    ]
    try:
        pid = os.posix_spawnp(argv[0], argv, env, file_actions=actions)
    except FileNotFoundError as error:
        raise ReportError(NOT_INSTALLED_SENTENCE) from error
    _limit_cpu(pid, cpu_seconds)
    killed = threading.Event()

    def kill() -> None:
        killed.set()
        os.kill(pid, signal.SIGKILL)

    timer = threading.Timer(max(30.0, cpu_seconds * WALL_BACKSTOP_FACTOR), kill)
    timer.daemon = True
    timer.start()
    try:
        # Wait without reaping, so the timer can never signal a recycled process id.
        os.waitid(os.P_PID, pid, os.WEXITED | os.WNOWAIT)
    finally:
        timer.cancel()
    _, status, usage = os.wait4(pid, 0)
    return os.waitstatus_to_exitcode(status), usage.ru_utime + usage.ru_stime, killed.is_set()


def _limit_cpu(pid: int, seconds: float) -> None:
    """RLIMIT_CPU on the child: SIGXCPU at the allowance (whole seconds), SIGKILL a second on."""
    prlimit = getattr(resource, "prlimit", None)
    if prlimit is None:  # not Linux: the wall-clock backstop alone bounds the run
        return
    soft = max(1, math.ceil(seconds))
    with contextlib.suppress(ProcessLookupError, PermissionError):  # it has already exited
        prlimit(pid, resource.RLIMIT_CPU, (soft, soft + 1))


def parse_tsv(tsv: str) -> list[TsvWord]:
    """The word rows (level 5) of Tesseract's TSV output."""
    words: list[TsvWord] = []
    for row in tsv.splitlines()[1:]:
        fields = row.split("\t")
        if len(fields) < 12 or fields[0] != "5":
            continue
        try:
            numbers = [int(field) for field in fields[1:10]]
            conf = float(fields[10])
        except ValueError:
            continue
        page, block, par, line, _word, left, top, width, height = numbers
        text = "\t".join(fields[11:])
        words.append(TsvWord(page, block, par, line, left, top, width, height, conf, text))
    return words
