"""The asset history `python -m core analyze` judges a report with, as the app and the worker
do: the configured database's (gathered and judged by the worker's own service function), a
JSON file's (`--history`), or none (`--no-history`, or no database to read it from)."""

from __future__ import annotations

import datetime as dt
import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from core.analysis.trending import prior_analyses
from core.config import Settings
from core.enums import TaskStatus
from core.safe_text import printable
from core.schemas import AssetHistory, ExtractionResult, Outcome
from core.standards import Profile

if TYPE_CHECKING:  # SQLAlchemy and the services load only when there is a database to read
    from core.services.context import ServiceContext

log = logging.getLogger("auditeng.analyze")
DATABASE = "the database"
ERRORS_SHOWN = 3


class HistoryFileError(Exception):
    """A `--history` file that cannot be read as asset histories; the message says why."""


@dataclass(frozen=True)
class HistoryUsed:
    """What a report was judged with, for the text line and the `history` JSON object."""

    summary: str
    """The line after `history: ` — what was used, or why none was."""
    source: str | None = None
    """`database` or the `--history` file's path; None when the report was judged alone."""
    tag: str | None = None
    site: str | None = None
    analyses: int = 0
    """Earlier analyses of the asset the HIST- rules read (tested before the report)."""
    baseline: dt.date | None = None
    """The test date of the first accepted (APPROVED) one of them."""

    def as_json(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "tag": self.tag,
            "site": self.site,
            "analyses": self.analyses,
            "baseline": self.baseline.isoformat() if self.baseline else None,
            "summary": self.summary,
        }


def none(reason: str) -> HistoryUsed:
    return HistoryUsed(summary=f"none ({reason})")


def asset_name(tag: str | None, site: str | None) -> str:
    return f"{tag} at {site}" if site else f"{tag} (no site)"


def _missing(extraction: ExtractionResult) -> str | None:
    """Why a report can have no history: the asset and the day are what choose it."""
    if not (extraction.equipment.tag or "").strip():
        return "the report names no equipment tag"
    if extraction.test.date is None:
        return "the report has no test date"
    return None


def used(history: AssetHistory, extraction: ExtractionResult, where: str) -> HistoryUsed:
    """The history as the engine read it for this report: its analyses tested before it."""
    priors = prior_analyses(history, extraction)
    accepted = [prior for prior in priors if prior.accepted]
    baseline = accepted[0].test_date if accepted else None
    count = f"{len(priors)} earlier analys{'is' if len(priors) == 1 else 'es'}"
    base = f"baseline {baseline.isoformat()}" if baseline else "no accepted baseline"
    return HistoryUsed(
        summary=f"{count} of {asset_name(history.tag, history.site)} in {where}, {base}",
        source="database" if where == DATABASE else where,
        tag=history.tag,
        site=history.site,
        analyses=len(priors),
        baseline=baseline,
    )


def with_history(
    outcomes: list[Outcome],
    *,
    settings: Settings,
    profile: Profile,
    as_of: dt.date,
    alone: bool = False,
    books: tuple[AssetHistory, ...] | None = None,
    books_path: Path | None = None,
    site: str | None = None,
) -> list[tuple[Outcome, HistoryUsed | None]]:
    """Each outcome with the history it was judged with: none when `alone` (`--no-history`),
    the `books` of a `--history` file (which the engine read already), else the database's,
    judged again as the worker judges a report once its tag is known. A failed file has none."""
    database = DatabaseHistory(settings, site=site)
    judged: list[tuple[Outcome, HistoryUsed | None]] = []
    try:
        for outcome in outcomes:
            if outcome.status != TaskStatus.COMPLETED or outcome.extraction is None:
                judged.append((outcome, None))
            elif alone:
                judged.append((outcome, none("--no-history")))
            elif books is not None:
                judged.append((outcome, from_file(books, outcome, str(books_path))))
            else:
                judged.append(database.judge(outcome, profile, as_of))
    finally:
        database.close()
    return judged


# --- a --history file ------------------------------------------------------------------------


def load_history_file(path: Path) -> tuple[AssetHistory, ...]:
    """An `AssetHistory` JSON object, or an array of them (a package's assets), validated."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise HistoryFileError(f"there is no history file at {path}; check the path") from None
    except UnicodeDecodeError:
        raise HistoryFileError(f"{path} is not UTF-8 text; give an asset history JSON") from None
    except OSError as error:
        raise HistoryFileError(f"{path} cannot be read ({error.strerror})") from None
    except json.JSONDecodeError as error:
        raise HistoryFileError(
            f"{path} is not JSON ({error.msg} at line {error.lineno}, column {error.colno})"
        ) from None
    items = data if isinstance(data, list) else [data]
    if not items:
        raise HistoryFileError(f"{path} holds an empty array; give at least one asset history")
    books = []
    for number, item in enumerate(items):
        try:
            books.append(AssetHistory.model_validate(item))
        except ValidationError as error:
            where = f" (item {number})" if isinstance(data, list) else ""
            raise HistoryFileError(
                f"{path}{where} is not an asset history: {_problems(error)} "
                "(docs/assets.md shows the format)"
            ) from None
    return tuple(books)


def _problems(error: ValidationError) -> str:
    found = error.errors(include_url=False)
    shown = [
        f"{'.'.join(str(part) for part in e['loc']) or 'the document'}: {e['msg']}"
        for e in found[:ERRORS_SHOWN]
    ]
    more = len(found) - ERRORS_SHOWN
    return "; ".join(shown) + (f"; and {more} more" if more > 0 else "")


def from_file(books: tuple[AssetHistory, ...], outcome: Outcome, path: str) -> HistoryUsed:
    """What a `--history` file gave this report (the engine chose the asset's book itself)."""
    extraction = outcome.extraction
    assert extraction is not None  # a completed outcome
    missing = _missing(extraction)
    if missing:
        return none(missing)
    tag, site = extraction.equipment.tag, extraction.equipment.site
    book = next((b for b in books if b.matches(tag, site)), None)
    if book is None:
        held = ", ".join(asset_name(b.tag, b.site) for b in books)
        return none(f"{path} holds the history of {held}, not of {asset_name(tag, site)}")
    if not prior_analyses(book, extraction):
        assert extraction.test.date is not None
        return none(
            f"{path} holds no analysis of {asset_name(book.tag, book.site)} tested before "
            f"{extraction.test.date.isoformat()}"
        )
    return used(book, extraction, path)


# --- the configured database ---------------------------------------------------------------


class DatabaseHistory:
    """The configured database as the source of each report's history, opened at the first
    report that can have one, and only when it exists and is migrated: a missing SQLite file
    is not created, an unmigrated database is not migrated (the report is judged alone)."""

    def __init__(self, settings: Settings, site: str | None = None) -> None:
        self.settings = settings
        self.site = (site or "").strip() or None
        self._opened = False
        self._ctx: ServiceContext | None = None
        self._reason = ""

    def judge(
        self, outcome: Outcome, profile: Profile, as_of: dt.date
    ) -> tuple[Outcome, HistoryUsed]:
        """The outcome judged again with its asset's history from the database, as the worker
        judges it (`core.services.tasks.judge_with_history`), and what that history was."""
        extraction = outcome.extraction
        assert extraction is not None  # a completed outcome
        missing = _missing(extraction)
        if missing:
            return outcome, none(missing)
        ctx = self._context()
        if ctx is None:
            return outcome, none(self._reason)
        from sqlalchemy.exc import SQLAlchemyError

        from core.services.tasks import judge_with_history

        try:
            judged, history = judge_with_history(ctx, outcome, profile, as_of, site=self.site)
        except SQLAlchemyError as error:  # locked, read-only, the server gone: judged alone
            reason = f"the database could not be read: {str(error).splitlines()[0]}"
            shown = printable(outcome.file, single_line=True)
            log.warning("%s is judged without its asset's history: %s", shown, reason)
            return outcome, none(reason)
        if history is None:
            site = self.site or extraction.equipment.site
            hint = "" if site else "; --site names the asset's site"
            name = asset_name(extraction.equipment.tag, site)
            return outcome, none(f"no earlier analysis of {name} in {DATABASE}{hint}")
        # The file's name as given, not as the child read it back from the extraction.
        return judged.model_copy(update={"file": outcome.file}), used(history, extraction, DATABASE)

    def close(self) -> None:
        if self._ctx is not None:
            self._ctx.engine.dispose()
            self._ctx = None

    def _context(self) -> ServiceContext | None:
        if not self._opened:
            self._opened = True
            self._ctx, self._reason = _open_database(self.settings)
        return self._ctx


def _open_database(settings: Settings) -> tuple[ServiceContext | None, str]:
    """The services on the configured database when it holds the current schema; else None
    and why. Nothing is created: SQLite would make a missing file on the first connection."""
    url = settings.database_url
    if not settings.database_url_raw:  # the embedded default: a path, no URL to parse
        if not settings.embedded_database.is_file():
            return None, f"no database at {settings.embedded_database}"
    elif url.startswith("sqlite"):
        from sqlalchemy.engine import make_url  # imported only for a URL someone configured

        name = make_url(url).database
        if not name or name == ":memory:":
            return None, "the configured SQLite database is in memory"
        if not Path(name).is_file():
            return None, f"no database at {name}"
    from core.services.context import build_context
    from core.services.system import database_status

    ctx = build_context(settings)
    status = database_status(ctx.engine)
    if status.ok:
        return ctx, ""
    ctx.engine.dispose()
    if status.error:
        reason = f"the database is unreachable: {status.error}"
    elif status.revision is None:
        return None, f"the database at {status.location} has no schema"
    else:
        reason = f"the database is not up to date: {status.summary}"
    # The app would judge these reports with their history: say that this run could not.
    log.warning("reports are judged without their assets' history: %s", reason)
    return None, reason
