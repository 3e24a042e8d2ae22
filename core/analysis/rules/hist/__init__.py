"""HIST- rules: a report compared with its asset's history (readings since the baseline)."""
