"""Trends (managers): verdicts and open deficiencies over the analyses the URL's filters select
(asset `tag` and `package` among them), by test date (`?dates=uploaded` for the upload date)
and week (`?by=month` for months); a comparison per site and per testing company; every chart's
data as a CSV built when its button is clicked, and the analyses' and findings' CSVs.

The charts draw the database's aggregates (`core.services.trends`).
"""

import streamlit as st

from core.services.trends import TrendSummary
from dashboard import auth, data, filters, formatting
from dashboard.app_pages import trends_views as views
from dashboard.components import charts
from dashboard.components.kpi_row import kpi_row

actor = auth.current_actor()
st.title("Trends")
body = st.empty()  # filters and charts, or only the refusal for someone who may not see them
with body.container():
    with st.expander("Filters", icon=":material/filter_list:"):
        chosen = views.normalise(
            filters.filter_bar(
                filters.current(),
                data.filter_options(actor)["sites"],
                key_prefix="trends",
                fields=("equipment", "test", "site", "dates", "tag"),
            )
        )
    freq, basis = views.period_controls()
loaded = views.load(actor, chosen, freq, basis)
if isinstance(loaded, str):
    body.warning(formatting.md_text(loaded), icon=":material/lock:")
    st.stop()
summary: TrendSummary = loaded
views.write_url(chosen, freq, basis)
if note := views.filters_note(chosen):
    st.caption(note)
kpis = charts.kpis(summary)
kpi_row(
    kpis.reports, kpis.approval_rate, kpis.mean_compliance, kpis.open_critical,
    rejected_rate=kpis.rejected_rate, open_major=kpis.open_major,
)  # fmt: skip
views.tasks_link(chosen, f"Open these {kpis.reports:,} reports in Tasks")
partial = summary.partial_from

left, right = st.columns(2)
with left:
    st.plotly_chart(charts.verdict_mix_over_time(summary.periods, freq, partial), width="stretch")
    views.chart_download("verdicts-over-time", lambda: views.periods_frame(summary))
with right:
    st.plotly_chart(
        charts.open_deficiencies_over_time(
            summary.open_periods, freq, partial, span=[p.start for p in summary.periods]
        ),
        width="stretch",
    )
    views.chart_download("open-deficiencies-over-time", lambda: views.open_frame(summary))
if partial is not None:
    st.caption(
        f"The shaded {'month' if freq == 'M' else 'week'} (from {partial.isoformat()}) has not "
        "ended yet: its counts are still growing."
    )

left, right = st.columns(2)
with left:
    st.plotly_chart(
        charts.top_failing_rules(summary.top_rules, names=summary.rule_names), width="stretch"
    )
    views.chart_download("top-rules", lambda: views.rules_frame(summary))
with right:
    st.plotly_chart(charts.findings_by_severity(summary.severities), width="stretch")
    views.chart_download("findings-by-severity", lambda: views.severity_frame(summary))

left, right = st.columns(2)
with left:
    by_site = st.plotly_chart(
        charts.verdict_mix_by(summary.site_verdicts, title="Verdicts by site", axis="Site"),
        width="stretch",
        on_select="rerun",
        selection_mode="points",
        key="by-site",
    )
    if picked := views.site_selection(by_site, chosen):
        views.tasks_link(picked, "Open the reports of the selected sites in Tasks")
    else:
        st.caption("Click a site's bar to list its reports.")
    views.chart_download("verdicts-by-site", lambda: views.groups_frame(summary, "site"))
with right:
    st.plotly_chart(
        charts.verdict_mix_by(
            summary.company_verdicts, title="Verdicts by testing company", axis="Testing company"
        ),
        width="stretch",
    )
    views.chart_download("verdicts-by-company", lambda: views.groups_frame(summary, "company"))

st.subheader("Where each testing company's reports fail", anchor=False)
views.company_rules_table(summary)

left, right = st.columns(2)
with left:
    figure = charts.compliance_over_time(summary.periods, freq)
    st.plotly_chart(charts.mark_partial(figure, partial, freq), width="stretch")
    views.chart_download("compliance-over-time", lambda: views.periods_frame(summary))
with right:
    # No click-through on the heat map: Streamlit returns no selection for heat maps (#8760).
    st.plotly_chart(charts.compliance_heatmap(summary.equipment_tests), width="stretch")
    views.chart_download("compliance-by-equipment-and-test", lambda: views.cells_frame(summary))

st.subheader("Every analysis and finding", anchor=False)
csv_analyses, csv_findings = st.columns(2)
csv_analyses.download_button(
    "Analyses (CSV)",
    views.export(actor, chosen, "analyses"),
    "auditeng-analyses.csv",
    "text/csv",
    icon=":material/download:",
    on_click="ignore",
)
csv_findings.download_button(
    "Findings (CSV)",
    views.export(actor, chosen, "findings"),
    "auditeng-findings.csv",
    "text/csv",
    icon=":material/download:",
    on_click="ignore",
)
