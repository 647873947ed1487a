# Company profile: Internet Initiative Japan Inc. (IIJ)
# Format: one "key: value" a line; '#' starts a comment.  See mappings/README.md.

entity-name: Internet Initiative Japan Inc.
# Phrases that identify this company's releases (any one is enough).
match: Internet Initiative Japan Inc.
# IIJ's fiscal year ends on 31 March and is named by the year it starts in:
# "FY2009" and "1H09" (April 1 to September 30, 2009) belong to the year
# ending March 31, 2010.
fiscal-year-end: --03-31
fiscal-year-named-by: start
currency: JPY
convenience-currency: USD

# For XBRL (convert): IIJ files releases with the SEC on Form 6-K.
cik: 0001090633
document-type: 6-K
taxonomy: us-gaap-2024
extension-prefix: iij
extension-namespace: http://www.iij.ad.jp/xbrl/2009-09-30
extension-concepts: companies/iij.concepts
overlay: companies/iij.map
