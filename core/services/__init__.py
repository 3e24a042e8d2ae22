"""Use cases shared by the pages, the CLI and the worker; authorization is decided here."""
