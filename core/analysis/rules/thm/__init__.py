"""THM- rules: thermography."""
