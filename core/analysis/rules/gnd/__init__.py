"""GND- rules: grounding."""
