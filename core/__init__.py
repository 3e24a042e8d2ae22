"""AuditEng core: extraction, rules, scoring, persistence and services (no Streamlit here)."""

__version__ = "0.1.0"
