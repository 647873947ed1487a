#!/bin/sh
# generate.sh DIR - write the large hostile documents into DIR at test time
# (too big to commit): see README.md for what each must do.
set -eu
dir=$1
mkdir -p "$dir"
X='<xbrli:xbrl xmlns:xbrli="http://www.xbrl.org/2003/instance" xmlns:link="http://www.xbrl.org/2003/linkbase" xmlns:xlink="http://www.w3.org/1999/xlink">'
ref='<link:schemaRef xlink:type="simple" xlink:href="https://xbrl.fasb.org/us-gaap/2024/elts/us-gaap-2024.xsd"/>'
# repeat N STRING: STRING N times, fast (no shell loop over a million)
repeat() { head -c "$1" /dev/zero | tr '\000' '\001' | sed "s/\x01/$2/g"; }

# 1,000,000 nested elements (libxml2 stops at depth 256 without XML_PARSE_HUGE)
{ echo '<?xml version="1.0" encoding="UTF-8"?>'; echo "$X$ref"
  repeat 1000000 '<a>'; repeat 1000000 '<\/a>'; echo '</xbrli:xbrl>'; } >"$dir/deep-1000000.xml"
{ echo '<!DOCTYPE html><html><body>'; repeat 1000000 '<div>'; echo 'Revenues 1,234'
  repeat 1000000 '<\/div>'; echo '</body></html>'; } >"$dir/deep-1000000.htm"
# a 20 MB attribute and a 20 MB text node (over libxml2's 10 MB node limit,
# under the 64 MB input limit)
{ echo '<?xml version="1.0" encoding="UTF-8"?>'; echo "$X$ref"
  printf '<xbrli:context id="'; head -c 20000000 /dev/zero | tr '\000' c; echo '"/>'
  echo '</xbrli:xbrl>'; } >"$dir/huge-attribute.xml"
{ echo '<?xml version="1.0" encoding="UTF-8"?>'; echo "$X$ref"
  printf '<xbrli:context id="c"><xbrli:entity><xbrli:identifier scheme="http://www.sec.gov/CIK">'
  head -c 20000000 /dev/zero | tr '\000' 9
  echo '</xbrli:identifier></xbrli:entity></xbrli:context></xbrli:xbrl>'; } >"$dir/huge-text.xml"
{ echo '<!DOCTYPE html><html><body><p title="'; head -c 20000000 /dev/zero | tr '\000' t
  echo '">Revenues</p><p>'; head -c 20000000 /dev/zero | tr '\000' x; echo '</p></body></html>'; } \
    >"$dir/huge-nodes.htm"
# 100 MB: over the input limit, refused before parsing
{ echo '<?xml version="1.0" encoding="UTF-8"?>'; echo "$X$ref"
  head -c 104857600 /dev/zero | tr '\000' ' '; echo '</xbrli:xbrl>'; } >"$dir/oversize.xml"
# an Inline XBRL fact whose content is 1,000,000 elements deep: the XHTML
# parser's depth limit must stop it before the extractor walks it
{ echo '<html xmlns="http://www.w3.org/1999/xhtml" xmlns:ix="http://www.xbrl.org/2013/inlineXBRL" xmlns:xbrli="http://www.xbrl.org/2003/instance" xmlns:link="http://www.xbrl.org/2003/linkbase" xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:t="http://example.com/t"><body>'
  echo '<div style="display:none"><ix:header><ix:references><link:schemaRef xlink:type="simple" xlink:href="t.xsd"/></ix:references></ix:header></div>'
  printf '<ix:nonNumeric name="t:Note" contextRef="c" escape="true">'; repeat 1000000 '<div>'; printf x
  repeat 1000000 '<\/div>'; echo '</ix:nonNumeric></body></html>'; } >"$dir/deep-fact-1000000.htm"
