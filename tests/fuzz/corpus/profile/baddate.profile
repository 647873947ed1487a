fiscal-year-end: --02-30
