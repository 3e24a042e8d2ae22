"""Display functions that take plain data and draw it; no queries, no authorization."""
