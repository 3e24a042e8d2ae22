"""`python -m core analyze` and `rules`: the pure pipeline from a shell, no database."""

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
            "breaker, a PDF of test sheets one after another), each naming its part."
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
    outcomes = [
        outcome
        for path in args.files
        for outcome in _analyze_path(path, profile, as_of, max_bytes, limits)
    ]
    if args.json:
        payload = [_json_object(outcome) for outcome in outcomes]
        sys.stdout.write(json_text(payload) + "\n")
    else:
        for outcome in outcomes:
            sys.stdout.write(_human(outcome) + "\n")
    failed = any(o.status == TaskStatus.FAILED for o in outcomes)
    return 1 if failed or _fail_on_met(outcomes, args.fail_on) else 0


def _analyze_path(
    path: Path, profile: Any, as_of: dt.date, max_bytes: int, limits: Limits
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
        content, path.name, profile, as_of=as_of, max_bytes=max_bytes, limits=limits
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


def _json_object(outcome: Outcome) -> dict[str, Any]:
    """The machine contract of DESIGN.md §6, key order included."""
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


def _human(outcome: Outcome) -> str:
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
