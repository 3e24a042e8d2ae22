"""IR- rules: insulation resistance."""
