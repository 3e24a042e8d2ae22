"""CR- rules: contact resistance."""
