"""`python -m core analyze` and `rules`: the engine from a shell. `analyze` reads the database
only for each report's asset history (`core.cli_history`), when there is one to read."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from core.analysis import Limits, too_large_sentence
from core.analysis.isolation import analyze_parts_isolated
from core.analysis.trending import History
from core.cli_history import HistoryFileError, HistoryUsed, load_history_file, with_history
from core.config import get_settings
from core.enums import TaskStatus, Verdict
from core.safe_text import printable
from core.schemas import Outcome
from core.standards import DEFAULT_PROFILE_ID, load_profile

if TYPE_CHECKING:
    from core.services.rules import CatalogueRule

log = logging.getLogger("auditeng.analyze")
_VERDICT_RANK = {Verdict.APPROVED: 0, Verdict.REVIEW: 1, Verdict.REJECTED: 2}


def add_commands(commands: Any) -> None:
    analyze = commands.add_parser(
        "analyze",
        help="audit report files and print verdicts (no database needed)",
        description=(
            "Extract, validate and score each FILE; one result per file, in order, or one per "
            "equipment report when a file is a package of several (a workbook with a sheet per "
            "breaker, a PDF of test sheets one after another), each naming its part. Like the "
            "app, each report is judged with its asset's history (the HIST- rules): the earlier "
            "analyses of its tag at its site in the configured database (DATABASE_URL, else "
            "<data dir>/auditeng.db), when that database exists and is migrated; nothing is "
            "created or migrated for it."
        ),
    )
    analyze.add_argument("files", nargs="+", metavar="FILE", type=Path)
    analyze.add_argument(
        "--profile", default=DEFAULT_PROFILE_ID, help="rule profile id (default: %(default)s)"
    )
    analyze.add_argument(
        "--as-of",
        type=_date,
        default=None,
        metavar="DATE",
        help="the upload date that 'after the upload date' checks compare with (default: today)",
    )
    analyze.add_argument("--json", action="store_true", help="print one JSON array on stdout")
    analyze.add_argument(
        "--fail-on",
        choices=["REVIEW", "REJECTED"],
        help="exit 1 when a verdict is this or worse (REVIEW means REVIEW or REJECTED)",
    )
    source = analyze.add_mutually_exclusive_group()
    source.add_argument(
        "--no-history",
        action="store_true",
        help="judge each report alone, without its asset's history (no HIST- checks)",
    )
    source.add_argument(
        "--history",
        type=Path,
        metavar="PATH",
        help="judge with the asset history in this JSON file (an AssetHistory, or an array "
        "of them; docs/assets.md) instead of the database's",
    )
    analyze.add_argument(
        "--site",
        help="the asset's site the database history is chosen by, as entered at upload "
        "(default: the site the report names)",
    )
    analyze.set_defaults(handler=run_analyze)

    rules = commands.add_parser("rules", help="list the rule catalog of a profile")
    rules.add_argument("--profile", default=DEFAULT_PROFILE_ID)
    rules.add_argument("--json", action="store_true")
    rules.set_defaults(handler=run_rules)


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-01-31") from None


def run_analyze(args: argparse.Namespace) -> int:
    profile = load_profile(args.profile)
    as_of = args.as_of or dt.date.today()
    settings = get_settings()
    max_bytes, limits = settings.max_upload_bytes, settings.analysis_limits
    books = None
    if args.history is not None:
        try:
            books = load_history_file(args.history)
        except HistoryFileError as error:
            sys.stderr.write(f"error: {_shown(str(error))}\n")
            return 2
    outcomes = [
        outcome
        for path in args.files
        for outcome in _analyze_path(path, profile, as_of, max_bytes, limits, books)
    ]
    judged = with_history(
        outcomes,
        settings=settings,
        profile=profile,
        as_of=as_of,
        alone=args.no_history,
        books=books,
        books_path=args.history,
        site=args.site,
    )
    if args.json:
        payload = [_json_object(outcome, history) for outcome, history in judged]
        sys.stdout.write(json_text(payload) + "\n")
    else:
        for outcome, history in judged:
            sys.stdout.write(_human(outcome, history) + "\n")
    outcomes = [outcome for outcome, _ in judged]
    failed = any(o.status == TaskStatus.FAILED for o in outcomes)
    return 1 if failed or _fail_on_met(outcomes, args.fail_on) else 0


def _analyze_path(
    path: Path,
    profile: Any,
    as_of: dt.date,
    max_bytes: int,
    limits: Limits,
    history: History = None,
) -> list[Outcome]:
    name = str(path)
    try:
        size = path.stat().st_size
        if not path.is_file():
            return _failed(name, f"{name} is not a file; give the path of a report file.")
        if size > max_bytes:
            return _failed(name, too_large_sentence(size, max_bytes))
        content = path.read_bytes()
    except FileNotFoundError:
        return _failed(name, f"There is no file at {name}; check the path.")
    except PermissionError:
        return _failed(name, f"{name} cannot be read (permission denied); check its permissions.")
    except OSError as error:
        return _failed(name, f"{name} cannot be read ({error.strerror}); check the file.")
    outcomes = analyze_parts_isolated(
        content,
        path.name,
        profile,
        as_of=as_of,
        max_bytes=max_bytes,
        limits=limits,
        history=history,
    )
    for outcome in outcomes:
        if outcome.status == TaskStatus.FAILED:
            log.warning("%s: %s", _shown(name), _shown(outcome.error or ""))
    return [outcome.model_copy(update={"file": name}) for outcome in outcomes]


def _failed(name: str, sentence: str) -> list[Outcome]:
    log.warning("%s: %s", _shown(name), _shown(sentence))
    return [Outcome(file=name, status=TaskStatus.FAILED, error=sentence)]


def _fail_on_met(outcomes: list[Outcome], fail_on: str | None) -> bool:
    if fail_on is None:
        return False
    threshold = _VERDICT_RANK[Verdict(fail_on)]
    return any(o.verdict is not None and _VERDICT_RANK[o.verdict] >= threshold for o in outcomes)


def _json_object(outcome: Outcome, history: HistoryUsed | None = None) -> dict[str, Any]:
    """The machine contract of DESIGN.md §6, key order included; `history` (null for a failed
    file) says what asset history the report was judged with."""
    return {
        "file": outcome.file,
        "part": outcome.part,
        "status": outcome.status.value,
        "error": outcome.error,
        "equipment_type": outcome.equipment_type,
        "test_type": outcome.test_type,
        "test_types": outcome.test_types,
        "equipment_tag": outcome.equipment_tag,
        "verdict": outcome.verdict,
        "compliance_score": outcome.compliance_score,
        "confidence_score": outcome.confidence_score,
        "findings": [
            {
                "rule_id": f.rule_id,
                "severity": f.severity.value,
                "message": f.message,
                "evidence": f.evidence.model_dump(mode="json"),
                "remediation": f.remediation,
            }
            for f in outcome.findings
        ],
        "history": history.as_json() if history is not None else None,
        "extraction": outcome.extraction.model_dump(mode="json") if outcome.extraction else None,
    }


_JSON_UNSAFE = re.compile(r"[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def json_text(payload: Any) -> str:
    """JSON for a terminal or a pipe: `json` escapes C0 controls itself; DEL, C1 controls,
    line separators, bidirectional overrides and lone surrogates are escaped as `\\uXXXX` too
    (each can only sit inside a string, so the document decodes to the same values)."""
    text = json.dumps(payload, ensure_ascii=False, indent=2)
    return _JSON_UNSAFE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def _shown(text: str | None) -> str:
    """Report or file text inside a line of the human output: control characters, escape
    sequences and newlines shown as escapes, never obeyed (`core.safe_text.printable`)."""
    return printable(str(text), single_line=True)


def _human(outcome: Outcome, history: HistoryUsed | None = None) -> str:
    where = _shown(f"{outcome.file} — {outcome.part}" if outcome.part else outcome.file)
    if outcome.status == TaskStatus.FAILED:
        return f"{where}\n  FAILED  {_shown(outcome.error)}\n"
    tests = " + ".join(outcome.test_types) or outcome.test_type
    lines = [
        where,
        f"  {outcome.verdict}  compliance {outcome.compliance_score:.1f} %  "
        f"confidence {outcome.confidence_score:.2f}",
        f"  {_shown(outcome.equipment_tag or '(no tag)')} · "
        f"{_shown(outcome.equipment_type or 'equipment ?')} · {_shown(tests)}",
    ]
    if history is not None:
        lines.append(f"  history: {_shown(history.summary)}")
    if not outcome.findings:
        lines.append("  no findings")
    width = max((len(f.rule_id) for f in outcome.findings), default=0)
    for finding in outcome.findings:
        rule = _shown(finding.rule_id)
        lines.append(f"  {finding.severity.value:<8} {rule:<{width}}  {_shown(finding.message)}")
    return "\n".join(lines) + "\n"


def run_rules(args: argparse.Namespace) -> int:
    from core.services.rules import rule_catalogue

    rules = [rule for rule in rule_catalogue(args.profile) if not rule.retired]
    if args.json:
        entries = [_rule_json(rule) for rule in rules]
        sys.stdout.write(json_text(entries) + "\n")
        return 0
    for rule in rules:
        state = "" if rule.enabled else "  (disabled in this profile)"
        sys.stdout.write(
            f"{rule.id:<9} {_severity(rule):<8} {rule.name}{state}\n          {rule.title}\n"
        )
    return 0


def _rule_json(rule: CatalogueRule) -> dict[str, Any]:
    return {
        "id": rule.id,
        "name": rule.name,
        "family": rule.family,
        "severity": _severity(rule),
        "enabled": rule.enabled,
        "summary": rule.title,
        "doc": rule.doc,
        "thresholds": {t.key: t.entry.model_dump(mode="json") for t in rule.thresholds},
    }


def _severity(rule: CatalogueRule) -> str:
    return str(rule.severity or "INFO")
