"""The hostile corpus (samples/hostile.py) through the product's doors, with figures: each input
through the command line (`python -m core analyze --json`, the whole corpus in one run, TMPDIR
an empty directory that must stay empty) and through the upload and job path on SQLite
(`tasks.submit_report` + `tasks.run_analysis`, one good report first, which must stay
unchanged), and once more alone in a child process running the engine under the analysis
child's 2 GB ceiling, for its time and peak memory (that child's `ru_maxrss`, from `wait4`).

An input is held when both doors meet its expectation (`samples.hostile.judge`) and its job
ended within 30 s; otherwise lost. `--write-docs` replaces the `## Hostile files` section of
docs/reliability.md and keeps every other section (`## Access` is the access tests').

    python bench/reliability.py [--only NAME …] --write-docs
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import resource
import secrets
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.docs_sections import with_section  # noqa: E402
from core.analysis.isolation import MEMORY_LIMIT_BYTES  # noqa: E402
from core.analysis.limits import DEFAULT_LIMITS  # noqa: E402
from samples.hostile import CASES, DEFAULT_SIZE_LIMIT, Seen, build, judge, names  # noqa: E402

DOCS = ROOT / "docs" / "reliability.md"
SECTION = "## Hostile files"
ACCESS = "## Access"
AS_OF = dt.date(2026, 12, 1)
WITHIN_S = 30.0
GOOD = ROOT / "samples" / "reports" / "ir_ups_480v_csv_comma.csv"


@dataclass
class Result:
    name: str
    size: int
    cli: list[Seen] = field(default_factory=list)
    job: list[Seen] = field(default_factory=list)
    job_s: float = 0.0
    engine_s: float = 0.0
    peak_mb: float | None = None
    problems: list[str] = field(default_factory=list)

    @property
    def held(self) -> bool:
        return not self.problems


def _seen(item: dict[str, object]) -> Seen:
    findings = item.get("findings") or []
    rules = tuple(str(f["rule_id"]) for f in findings)  # type: ignore[index, union-attr]
    return Seen(str(item["status"]), item.get("error"), item.get("verdict"), rules)  # type: ignore[arg-type]


# --- one input alone, in a child, for its time and peak memory ----------------------------


def engine_child(path: Path) -> None:
    """`--engine PATH`: the engine on one file in this process, under the analysis child's
    memory ceiling; prints the seconds it took and this process's peak resident memory."""
    from core.analysis import analyze_parts
    from core.standards import load_profile

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT_BYTES, resource.RLIM_INFINITY))
    profile = load_profile()
    began = time.perf_counter()
    content = path.read_bytes()
    analyze_parts(content, path.name, profile, as_of=AS_OF, max_bytes=DEFAULT_SIZE_LIMIT)
    json.dump({"seconds": time.perf_counter() - began, "peak_kb": _peak_kb()}, sys.stdout)


def _peak_kb() -> int:
    """VmHWM, this process's own peak: `ru_maxrss` would also count the parent's memory the
    child was forked with, before it ran Python afresh."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def measure_engine(path: Path, result: Result) -> None:
    done = subprocess.run(
        [sys.executable, __file__, "--engine", str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        result.problems.append(f"engine child exit status {done.returncode}")
        return
    figures = json.loads(done.stdout)
    result.engine_s, result.peak_mb = figures["seconds"], figures["peak_kb"] / 1024


# --- the command line ---------------------------------------------------------------------


def run_cli(paths: list[Path], work: Path, results: dict[str, Result]) -> float:
    temp = work / "tmpdir"
    temp.mkdir()
    env = {**os.environ, "TMPDIR": str(temp), "AUDITENG_DATA_DIR": str(work / "cli-data")}
    command = [sys.executable, "-m", "core", "analyze", "--json", "--as-of", AS_OF.isoformat()]
    began = time.perf_counter()
    done = subprocess.run(
        [*command, *map(str, paths)], cwd=ROOT, env=env, capture_output=True, text=True
    )
    seconds = time.perf_counter() - began
    if "Traceback" in done.stderr:
        for result in results.values():
            result.problems.append("the CLI printed a traceback")
    for item in json.loads(done.stdout):
        results[Path(str(item["file"])).name].cli.append(_seen(item))
    if any(temp.iterdir()):
        for result in results.values():
            result.problems.append("the CLI left files in TMPDIR")
    return seconds


# --- the upload and job path --------------------------------------------------------------


def run_jobs(paths: list[Path], work: Path, results: dict[str, Result]) -> list[str]:
    """Every input as an upload on SQLite after one good report; what went wrong overall."""
    from sqlalchemy import func, select

    from core import repositories as repo
    from core.config import Settings
    from core.db import make_engine
    from core.db.migrate import upgrade
    from core.models import Analysis
    from core.services import tasks, users
    from core.services.context import build_context

    settings = Settings(data_dir=work / "svc", database_url_raw=None, _env_file=None)  # type: ignore[call-arg]
    settings.ensure_directories()
    engine = make_engine(settings, url=f"sqlite:///{work / 'svc' / 'reliability.db'}")
    upgrade(engine)
    ctx = build_context(settings, engine)
    actor = users.create_first_admin(
        ctx, email="reliability@example.com", password=secrets.token_urlsafe(18)
    )
    good = tasks.submit_report(ctx, actor, filename=GOOD.name, content=GOOD.read_bytes()).task_id
    tasks.run_analysis(ctx, good, as_of=AS_OF)
    before = _task_state(ctx, good)
    for path in paths:
        result = results[path.name]
        began = time.perf_counter()
        task_id = tasks.submit_report(
            ctx, actor, filename=path.name, content=path.read_bytes(), allow_duplicate=True
        ).task_id
        tasks.run_analysis(ctx, task_id, as_of=AS_OF)
        result.job_s = time.perf_counter() - began
        with ctx.session() as session:
            task = repo.tasks.get_or_raise(session=session, id=task_id)
            for report in sorted(task.parts, key=lambda t: t.part_number or 0) or [task]:
                analysis = report.analysis
                rules = tuple(f.rule_id for f in analysis.findings) if analysis else ()
                verdict = analysis.verdict if analysis else None
                result.job.append(Seen(report.status, report.error_message, verdict, rules))
    wrong = []
    if _task_state(ctx, good) != before:
        wrong.append("the good report's task, analysis or stored file changed")
    with ctx.session() as session:
        counts = session.execute(
            select(func.count(Analysis.id)).group_by(Analysis.task_id)
        ).scalars()
        if any(count > 1 for count in counts):
            wrong.append("a task holds more than one analysis")
    if list(settings.file_storage_dir.rglob(".upload-*")):
        wrong.append("temporary upload files were left in the storage directory")
    engine.dispose()
    return wrong


def _task_state(ctx: object, task_id: object) -> tuple[object, ...]:
    from core import repositories as repo

    with ctx.session() as session:  # type: ignore[attr-defined]
        task = repo.tasks.get_or_raise(session=session, id=task_id)
        analysis = task.analysis
        stored = ctx.settings.file_storage_dir / task.file_path  # type: ignore[attr-defined]
        findings = sorted((f.rule_id, f.message) for f in analysis.findings) if analysis else []
        digest = hashlib.sha256(stored.read_bytes()).hexdigest()
        verdict = analysis.verdict if analysis else None
        return task.status, analysis and analysis.id, verdict, tuple(findings), digest


# --- the report ---------------------------------------------------------------------------


def _outcome(seen: list[Seen]) -> str:
    if not seen:
        return "—"
    if len(seen) > 1:
        statuses = {item.status for item in seen}
        return f"{len(seen)} reports, {'/'.join(sorted(statuses))}"
    item = seen[0]
    return item.status if item.status == "FAILED" else f"{item.status} {item.verdict}"


def _sentence(result: Result) -> str:
    failed = next((s.error for s in result.job + result.cli if s.error), None)
    if failed:
        return failed.replace("|", "\\|")
    data = sorted({r for s in result.job for r in s.rules if r.startswith("DATA-")})
    return f"findings {', '.join(data)}" if data else ""


def section(results: list[Result], cli_s: float, wrong: list[str]) -> str:
    held = sum(r.held for r in results)
    lines = [
        SECTION,
        "",
        f"`python bench/reliability.py --write-docs` ({dt.date.today().isoformat()}, "
        f"{os.cpu_count()} cores): {len(results)} inputs tried, **{held} held, "
        f"{len(results) - held} lost**. An input holds when the command line and the upload/job "
        "path both meet its expectation (`samples/hostile.py`: FAILED with one plain sentence; "
        "COMPLETED, not APPROVED, with a DATA- finding for impossible values; COMPLETED for an "
        f"odd but harmless report) and its job ended within {WITHIN_S:.0f} s.",
        "",
        f"The whole corpus through `python -m core analyze --json` took {cli_s:.1f} s in one run "
        "(one warm isolated child); seconds below are the upload's job (store, isolated "
        "analysis, database) and the engine alone in a fresh child (file read, extraction, "
        "rules; start-up excluded), whose peak resident memory (VmHWM; Python and the "
        "engine's imports are about 60 MB of it) is the last column (ceiling "
        f"{MEMORY_LIMIT_BYTES / 1024**3:g} GB).",
        "",
        "| input | size | expected | CLI | job | sentence or findings | job s | engine s "
        "| peak MB | |",
        "|---|--:|---|---|---|---|--:|--:|--:|---|",
    ]
    for r in results:
        peak = f"{r.peak_mb:.0f}" if r.peak_mb is not None else "—"
        mark = "held" if r.held else "LOST: " + "; ".join(r.problems).replace("|", "\\|")
        lines.append(
            f"| `{r.name}` | {_size(r.size)} | {CASES[r.name].expect.value} | {_outcome(r.cli)} "
            f"| {_outcome(r.job)} | {_sentence(r)} | {r.job_s:.2f} | {r.engine_s:.2f} "
            f"| {peak} | {mark} |"
        )
    lines += ["", "Overall: " + ("; ".join(wrong) if wrong else _overall_ok()), ""]
    lines += ["The limits in force (defaults, `core/analysis/limits.py`; README, *Settings*):", ""]
    lines += [f"- `{key}` = {value:,}" for key, value in vars(DEFAULT_LIMITS).items()]
    return "\n".join(lines)


def _overall_ok() -> str:
    return (
        "the good report, its analysis and its stored file were unchanged; no task holds more "
        "than one analysis; no temporary file was left in TMPDIR or the storage directory; no "
        "traceback on the command line's stderr."
    )


def _size(size: int) -> str:
    for unit, scale in (("MB", 1_048_576), ("KB", 1024)):
        if size >= scale:
            return f"{size / scale:.1f} {unit}"
    return f"{size} B"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", nargs="*", help="these inputs only")
    parser.add_argument("--engine", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--write-docs", action="store_true", help=f"write {DOCS.name}")
    args = parser.parse_args()
    if args.engine:
        engine_child(args.engine)
        return 0
    chosen = args.only or names()
    with tempfile.TemporaryDirectory(prefix="auditeng-reliability-") as folder:
        work = Path(folder)
        (work / "in").mkdir()
        results: dict[str, Result] = {}
        paths = []
        for name in chosen:
            path = work / "in" / name
            path.write_bytes(build(name))
            paths.append(path)
            results[name] = Result(name, path.stat().st_size)
        cli_s = run_cli(paths, work, results)
        wrong = run_jobs(paths, work, results)
        for path in paths:
            measure_engine(path, results[path.name])
            print(f"{path.name}: engine {results[path.name].engine_s:.1f} s", flush=True)
    for result in results.values():
        case = CASES[result.name]
        for door, seen in (("CLI", result.cli), ("job", result.job)):
            if why := judge(case.expect, seen, parts=case.parts):
                result.problems.append(f"{door}: {why}")
        if result.job_s > WITHIN_S:
            result.problems.append(f"the job took {result.job_s:.0f} s")
    text = section(list(results.values()), cli_s, wrong)
    print(text)
    if args.write_docs:
        old = DOCS.read_text("utf-8") if DOCS.exists() else "# Reliability\n"
        document = with_section(old, SECTION, text)
        if ACCESS not in document.splitlines():
            document = with_section(
                document, ACCESS, f"{ACCESS}\n\n_(Written by the access tests.)_"
            )
        DOCS.write_text(document, "utf-8")
    return 0 if all(r.held for r in results.values()) and not wrong else 1


if __name__ == "__main__":
    sys.exit(main())
