cik: 1
fiscal-year-end: 02-29
match:
	match: Inc.
