fiscal-year-named-by: sideways
