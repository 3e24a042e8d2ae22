"""Threshold sets (one standard edition as data) and profiles (which rules, whose overrides)."""

from core.standards.entries import (
    Band,
    BandTable,
    Comparator,
    Condition,
    Limit,
    compare,
    select_row,
)
from core.standards.loader import (
    DEFAULT_PROFILE_ID,
    ProfileError,
    UnknownStandardError,
    apply_overrides,
    list_profiles,
    list_threshold_sets,
    load_profile,
    load_profile_file,
    load_threshold_set,
    profile_from_mapping,
)
from core.standards.models import Profile, ThresholdSet, VerdictPolicy

__all__ = [
    "DEFAULT_PROFILE_ID",
    "Band",
    "BandTable",
    "Comparator",
    "Condition",
    "Limit",
    "Profile",
    "ProfileError",
    "ThresholdSet",
    "UnknownStandardError",
    "VerdictPolicy",
    "apply_overrides",
    "compare",
    "list_profiles",
    "list_threshold_sets",
    "load_profile",
    "load_profile_file",
    "load_threshold_set",
    "profile_from_mapping",
    "select_row",
]
