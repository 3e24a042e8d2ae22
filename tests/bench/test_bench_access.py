"""bench/access.py: a role check holds only when every database's case of it passed; the
counts follow the role tables."""

from __future__ import annotations

from bench.access import PAGE_TESTS, SERVICE_TESTS, section
from tests.core.services.test_access import ROLE_CHECKS, ROLES
from tests.dashboard.test_page_access import PAGE_CHECKS
from tests.dashboard.test_page_access import ROLES as PAGE_ROLES

SERVICE = SERVICE_TESTS.removesuffix(".py").replace("/", ".")
PAGE = PAGE_TESTS.removesuffix(".py").replace("/", ".")


def _all_passed() -> dict[str, bool]:
    outcome = {}
    for name, _, _ in ROLE_CHECKS:
        for db in ("sqlite", "postgresql"):
            outcome[f"{SERVICE}::test_each_role_may_do_only_what_its_role_allows[{db}-{name}]"] = (
                True
            )
    for role in PAGE_ROLES:
        outcome[f"{PAGE}::test_each_page_shows_each_role_only_what_it_may_see[{role}]"] = True
    return outcome


def test_everything_passed_is_everything_held() -> None:
    text, lost = section(_all_passed())
    tried = len(ROLE_CHECKS) * len(ROLES) + len(PAGE_CHECKS) * len(PAGE_ROLES)
    assert lost == 0 and f"{tried} role checks tried" in text and "not run" not in text


def test_one_database_failing_a_check_loses_its_four_roles() -> None:
    outcome = _all_passed()
    outcome[
        f"{SERVICE}::test_each_role_may_do_only_what_its_role_allows[postgresql-users.list_users]"
    ] = False
    text, lost = section(outcome)
    assert lost == len(ROLES)
    assert "| `users.list_users` | admin | owner, other_engineer, manager | **not held** |" in text


def test_a_page_role_not_run_is_not_held() -> None:
    outcome = _all_passed()
    del outcome[f"{PAGE}::test_each_page_shows_each_role_only_what_it_may_see[manager]"]
    text, lost = section(outcome)
    assert lost == len(PAGE_CHECKS) and "manager not run" in text
