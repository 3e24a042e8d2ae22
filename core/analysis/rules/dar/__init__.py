"""DAR- rules: dielectric absorption ratio."""
