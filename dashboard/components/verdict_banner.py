"""The verdict of one analysis as a coloured banner, with the machine's verdict when overridden."""

from __future__ import annotations

import streamlit as st

from dashboard import formatting as fmt

_ICON = {
    "APPROVED": ":material/check_circle:",
    "REVIEW": ":material/rate_review:",
    "REJECTED": ":material/cancel:",
}


def verdict_banner(verdict: str | None, machine_verdict: str | None = None) -> None:
    if not verdict:
        st.info("No verdict yet.")
        return
    text = f"**{verdict}** — {fmt.VERDICT_MEANING.get(verdict, '')}"
    if machine_verdict and machine_verdict != verdict:
        text += (
            f"  \nMachine verdict: **{machine_verdict}** — a manager overrode findings (see below)."
        )
    show = {"APPROVED": st.success, "REVIEW": st.warning}.get(verdict, st.error)
    show(text, icon=_ICON.get(verdict))


def pending_banner(status: str) -> None:
    st.info(
        f"{fmt.STATUS_WORDS.get(status, status)}… this page refreshes by itself when the "
        "analysis is done.",
        icon=":material/hourglass_top:",
    )


def failed_banner(error: str | None) -> None:
    st.error(
        f"**The analysis failed.** {fmt.md_text(error) if error else 'No reason was recorded.'}",
        icon=":material/error:",
    )
