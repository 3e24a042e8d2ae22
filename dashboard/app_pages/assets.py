"""Assets (`assets`, `?tag=<tag>&site=<site>`): equipment followed over the years. Without a tag,
the list by tag and site with each asset's latest verdict, last test date, number of analyses
and trend findings, filtered by `q`, `site` and `verdict` in the URL. With one, every analysis
of that asset over time (each linking to its Analysis page) and a chart per quantity and point
against the baseline, the first accepted reading (ATS-2025 Table 100.1 note 4: trend against
baseline). Engineers see their own reports' assets, managers everyone's (core.services.assets).
"""

import streamlit as st

from core.enums import Verdict
from core.services import assets
from dashboard import auth, data, formatting, state
from dashboard.components import asset_charts
from dashboard.components.tables import spreadsheet_safe

Q_PAGE = "page"
ANALYSIS_PAGE = "app_pages/analysis.py"
ASSETS_PAGE = "app_pages/assets.py"
LINKS = {
    "Asset": st.column_config.LinkColumn("Asset", display_text="Open ↗", width=70),
    "Latest report": st.column_config.LinkColumn("Latest report", display_text="Report ↗"),
    "Open": st.column_config.LinkColumn("Open", display_text="Open ↗", width=70),
    "Compliance": st.column_config.NumberColumn("Compliance", format="%.1f"),
}

actor = auth.current_actor()
ctx = data.context()
tag = st.query_params.get(state.Q_TAG, "").strip()
site = st.query_params.get(state.Q_SITE, "").strip() or None


def _asset_list() -> None:
    st.title("Assets")
    st.caption(
        "Equipment by tag and site across its reports. Open an asset to follow its readings "
        "against the baseline, its first accepted test."
    )
    sites = assets.asset_sites(ctx, actor)
    verdicts = [v.value for v in Verdict]
    with st.expander("Filters", expanded=bool(st.query_params.get(state.Q_SEARCH))):
        search = st.text_input(
            "Search tags", value=st.query_params.get(state.Q_SEARCH, ""), placeholder="CB-1"
        )
        left, right = st.columns(2)
        chosen_sites = left.multiselect(
            "Site",
            sites,
            default=[s for s in st.query_params.get_all(state.Q_SITE) if s in sites],
        )
        chosen_verdicts = right.multiselect(
            "Latest verdict",
            verdicts,
            default=[v for v in st.query_params.get_all(state.Q_VERDICT) if v in verdicts],
        )
    page_number = max(int(st.query_params.get(Q_PAGE, "1") or 1), 1) if _digits() else 1
    wanted: dict[str, str | list[str]] = {}
    if search.strip():
        wanted[state.Q_SEARCH] = search.strip()
    if chosen_sites:
        wanted[state.Q_SITE] = chosen_sites
    if chosen_verdicts:
        wanted[state.Q_VERDICT] = chosen_verdicts
    if page_number > 1:
        wanted[Q_PAGE] = str(page_number)
    current = {key: st.query_params.get_all(key) for key in st.query_params}
    if current != {k: v if isinstance(v, list) else [v] for k, v in wanted.items()}:
        st.query_params.from_dict(wanted)
    query = assets.AssetQuery(
        search=search, sites=tuple(chosen_sites), verdicts=tuple(chosen_verdicts)
    )
    size = assets.ASSET_PAGE_SIZE
    page = assets.list_assets(ctx, actor, query, offset=(page_number - 1) * size, size=size)
    if not page.rows:
        if page.total or query != assets.AssetQuery():
            st.info("No asset matches these filters.", icon=":material/filter_alt_off:")
        else:
            st.info(
                "No assets yet: an asset appears once a report with an equipment tag is analysed.",
                icon=":material/inventory_2:",
            )
        return
    first = page.offset + 1
    last = page.offset + (page.size if page.counts == "tags" else len(page.rows))
    st.caption(
        f"{len(page.rows):,} assets · {page.counts} {first:,}–{min(last, page.total):,} "
        f"of {page.total:,}"
    )
    frame = spreadsheet_safe(asset_charts.assets_frame(page.rows))
    st.dataframe(
        frame,
        hide_index=True,
        width="stretch",
        height=min(35 * (len(frame) + 1) + 3, 720),
        column_config=LINKS,
    )
    back, forward = st.columns(2)
    if page_number > 1 and back.button("Previous page", icon=":material/chevron_left:"):
        st.query_params[Q_PAGE] = str(page_number - 1)
        st.rerun()
    if page.has_next and forward.button("Next page", icon=":material/chevron_right:"):
        st.query_params[Q_PAGE] = str(page_number + 1)
        st.rerun()


def _digits() -> bool:
    return str(st.query_params.get(Q_PAGE, "1")).isdigit()


def _asset_page(tag: str, site: str | None) -> None:
    detail = assets.asset_detail(ctx, actor, tag, site)
    if detail is None:
        st.title(formatting.md_text(tag), anchor=False)
        st.info(
            "No analysed report of this asset that you can see. Engineers see the assets of "
            "their own reports; check the tag and site in the link.",
            icon=":material/inventory_2:",
        )
        st.page_link(ASSETS_PAGE, label="All assets", icon=":material/inventory_2:")
        return
    st.title(formatting.md_text(detail.tag), anchor=False)
    where = detail.site or "no site named"
    kind = (detail.equipment_type or "equipment").replace("_", " ").lower()
    st.caption(formatting.md_text(f"{kind.capitalize()} · {where}"))
    latest = detail.latest
    dated = [a.test_date for a in detail.analyses if a.test_date]
    columns = st.columns(4)
    columns[0].metric("Analyses", len(detail.analyses))
    if latest is not None:
        columns[1].metric("Latest verdict", latest.verdict or "—")
    if dated and min(dated) < max(dated):  # each date a metric of its own: never cut short
        columns[2].metric("First tested", min(dated).isoformat())
        columns[3].metric("Last tested", max(dated).isoformat())
    elif dated:
        columns[2].metric("Tested", dated[0].isoformat())
    trend = [(a, finding) for a in detail.analyses for finding in a.trend_findings]
    if latest is not None and latest.trend_findings:
        st.warning(
            f"The latest report has {len(latest.trend_findings)} finding(s) against the baseline.",
            icon=":material/trending_up:",
        )
    st.subheader("Analyses over time", anchor=False)
    st.dataframe(
        spreadsheet_safe(asset_charts.analyses_frame(detail.analyses)),
        hide_index=True,
        width="stretch",
        column_config=LINKS,
    )
    if trend:
        with st.expander(f"Trend findings ({len(trend)})"):
            for analysis, (rule_id, severity, message) in reversed(trend):
                day = analysis.test_date.isoformat() if analysis.test_date else "undated"
                st.markdown(formatting.md_text(f"{day} · {severity} · {rule_id}: {message}"))
    st.subheader("Readings against the baseline", anchor=False)
    if not detail.series:
        st.info(
            "No trended readings yet (insulation resistance, contact resistance, ground "
            "resistance, turns ratio, hot-spot ΔT).",
            icon=":material/show_chart:",
        )
    for quantity, group in detail.by_quantity().items():
        st.markdown(f"**{formatting.md_text(assets.QUANTITY_LABELS[quantity])}**")
        charts = st.columns(2) if len(group) > 1 else [st.container()]
        for index, series in enumerate(group):
            with charts[index % len(charts)]:
                st.plotly_chart(asset_charts.trend_figure(series), width="stretch")
    st.page_link(ASSETS_PAGE, label="All assets", icon=":material/inventory_2:")


if tag:
    _asset_page(tag, site)
else:
    _asset_list()
