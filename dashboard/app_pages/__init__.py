"""One module per page, layout only: read inputs, call dashboard.data, hand data to components."""
