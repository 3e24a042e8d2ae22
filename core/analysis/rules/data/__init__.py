"""DATA- rules: completeness and consistency of the report itself."""
