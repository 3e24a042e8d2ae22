"""PI- rules: polarization index."""
