entity-name: Broken
match: nothing
fiscal year end 03-31
