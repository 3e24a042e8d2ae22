"""Trends (managers): KPIs and charts over the analyses the URL's filters select; CSV export.

The charts draw the database's aggregates (`core.services.trends`); the exports read their rows
only when a download is clicked.
"""

import streamlit as st

from dashboard import auth, data, filters, formatting
from dashboard.app_pages import trends_views
from dashboard.components import charts
from dashboard.components.kpi_row import kpi_row

actor = auth.current_actor()
st.title("Trends")
body = st.empty()  # filters and charts, or only the refusal for someone who may not see them
with body.container():
    chosen = filters.filter_bar(
        filters.current(),
        data.filter_options(actor)["sites"],
        key_prefix="trends",
        fields=("equipment", "test", "site", "dates"),
    )
    periods = {"W": "Week", "M": "Month"}
    freq = st.segmented_control(
        "Group by", list(periods), default="W", format_func=periods.__getitem__, key="freq"
    )
summary = trends_views.load(actor, chosen, freq or "W")
if isinstance(summary, str):
    body.warning(formatting.md_text(summary), icon=":material/lock:")
    st.stop()
filters.write(chosen)
kpis = charts.kpis(summary)
kpi_row(kpis.reports, kpis.approval_rate, kpis.mean_compliance, kpis.open_critical)
trends_views.tasks_link(chosen, f"Open these {kpis.reports} reports in Tasks")
left, right = st.columns(2)
left.plotly_chart(charts.compliance_over_time(summary.periods, freq or "W"), width="stretch")
right.plotly_chart(charts.verdict_mix_over_time(summary.periods, freq or "W"), width="stretch")
left.plotly_chart(charts.findings_by_severity(summary.severities), width="stretch")
right.plotly_chart(charts.top_failing_rules(summary.top_rules), width="stretch")
# No click-through on the heat map: Streamlit returns no selection for heat maps (#8760).
left.plotly_chart(charts.compliance_heatmap(summary.equipment_tests), width="stretch")
by_site = right.plotly_chart(
    charts.compliance_by_site(summary.sites),
    width="stretch",
    on_select="rerun",
    selection_mode="points",
    key="by-site",
)
if picked := trends_views.site_selection(by_site, chosen):
    with right:
        trends_views.tasks_link(picked, "Open the reports of the selected sites in Tasks")
else:
    right.caption("Click a site's bar to list its reports.")
csv_analyses, csv_findings = st.columns(2)
csv_analyses.download_button(
    "Analyses (CSV)",
    trends_views.export(actor, chosen, "analyses"),
    "auditeng-analyses.csv",
    "text/csv",
    icon=":material/download:",
    on_click="ignore",
)
csv_findings.download_button(
    "Findings (CSV)",
    trends_views.export(actor, chosen, "findings"),
    "auditeng-findings.csv",
    "text/csv",
    icon=":material/download:",
    on_click="ignore",
)
