"""CAL- rules: instrument calibration."""
