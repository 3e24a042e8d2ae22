"""TTR- rules: transformer turns ratio."""
