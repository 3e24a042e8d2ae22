"""Read threshold sets and profiles from the TOML files under `core/standards/data/`, cached.

A profile file names its threshold set, the rules it enables or disables, the verdict numbers
and `[overrides]`: dotted keys into the threshold set (`"gnd.system_max.value" = 1.0`, or a
table merged into an entry). Overrides are applied to the raw data before validation, so an
override that names a key the set does not have, or gives a value of the wrong type, fails
loudly with the key in the message.
"""

from __future__ import annotations

import copy
import tomllib
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from core.standards.models import Profile, ThresholdSet, VerdictPolicy

DATA_DIR = Path(__file__).resolve().parent / "data"
PROFILES_DIR = DATA_DIR / "profiles"
DEFAULT_PROFILE_ID = "neta-ats-2025"


class UnknownStandardError(LookupError):
    """An unknown threshold-set or profile id; the message lists the known ids."""


class ProfileError(ValueError):
    """A profile file that cannot be applied (unknown override key, bad value)."""


def _read_toml(path: Path) -> dict[str, Any]:
    with path.open("rb") as handle:
        return tomllib.load(handle)


@cache
def _threshold_files() -> dict[str, Path]:
    return {_read_toml(path)["id"]: path for path in sorted(DATA_DIR.glob("*.toml"))}


@cache
def _profile_files() -> dict[str, Path]:
    return {_read_toml(path)["id"]: path for path in sorted(PROFILES_DIR.glob("*.toml"))}


def _unknown(kind: str, wanted: str, known: dict[str, Path]) -> UnknownStandardError:
    listing = ", ".join(sorted(known)) or "none"
    return UnknownStandardError(f"Unknown {kind} {wanted!r}; known {kind}s: {listing}.")


@cache
def _raw_threshold_set(set_id: str) -> dict[str, Any]:
    files = _threshold_files()
    if set_id not in files:
        raise _unknown("threshold set", set_id, files)
    return _read_toml(files[set_id])


def list_threshold_sets() -> list[str]:
    return sorted(_threshold_files())


def list_profiles() -> list[str]:
    return sorted(_profile_files())


@cache
def load_threshold_set(set_id: str) -> ThresholdSet:
    """The threshold set with this id, as the data file states it (no profile overrides)."""
    return ThresholdSet.model_validate(_raw_threshold_set(set_id))


def _apply_override(data: dict[str, Any], key: str, value: Any) -> None:
    *parents, leaf = key.split(".")
    node: Any = data
    for part in parents:
        if not isinstance(node, dict) or part not in node:
            raise ProfileError(f"override {key!r}: the threshold set has no {part!r} there")
        node = node[part]
    if not isinstance(node, dict) or leaf not in node:
        raise ProfileError(f"override {key!r}: the threshold set has no such key")
    if isinstance(value, dict) and isinstance(node[leaf], dict):
        for sub_key, sub_value in value.items():
            _apply_override(node[leaf], sub_key, sub_value)
        return
    node[leaf] = value


def apply_overrides(set_id: str, overrides: dict[str, Any]) -> ThresholdSet:
    """The threshold set `set_id` with dotted-key overrides applied, validated again."""
    data = copy.deepcopy(_raw_threshold_set(set_id))
    for key, value in overrides.items():
        _apply_override(data, key, value)
    try:
        return ThresholdSet.model_validate(data)
    except ValidationError as error:
        raise ProfileError(f"overrides of {set_id!r} do not validate: {error}") from error


def profile_from_mapping(data: dict[str, Any]) -> Profile:
    """Build a profile from parsed TOML (a profile file's content)."""
    rules = data.get("rules", {})
    enabled = rules.get("enabled", "all")
    overrides = data.get("overrides", {})
    set_id = data["threshold_set"]
    return Profile(
        id=data["id"],
        title=data["title"],
        description=data.get("description", ""),
        threshold_set_id=set_id,
        thresholds=apply_overrides(set_id, overrides),
        enabled_rules=None if enabled == "all" else tuple(enabled),
        disabled_rules=tuple(rules.get("disabled", ())),
        overrides=overrides,
        verdict=VerdictPolicy.model_validate(data["verdict"]),
    )


def load_profile_file(path: Path) -> Profile:
    """A profile from any TOML file (an owner's own profile kept outside the repository)."""
    return profile_from_mapping(_read_toml(path))


def load_profile(profile_id: str = DEFAULT_PROFILE_ID) -> Profile:
    """The profile with this id from `data/profiles/`; the default is `neta-ats-2025`."""
    return _load_profile(profile_id)


@cache  # keyed by the id alone, so load_profile() and load_profile("neta-ats-2025") share one
def _load_profile(profile_id: str) -> Profile:
    files = _profile_files()
    if profile_id not in files:
        raise _unknown("profile", profile_id, files)
    return load_profile_file(files[profile_id])
