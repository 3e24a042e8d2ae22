"""The sample generator: scenarios (what each file shows) and renderers (how it is written)."""
