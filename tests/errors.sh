#!/bin/sh
# Run the bad-input catalogue (tests/errors/catalogue.tsv).
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"

# Nothing in the catalogue may reach the network.  A loopback server
# (tests/httpd.py) logs every request it gets, and it is also the proxy for
# http and https, so an attempt to leave is logged too; after each case the
# log must be empty.  Hostile documents name it as 127.0.0.1:{port}.
port=9
net=$tmp/net.log
: >"$net"
if command -v python3 >/dev/null 2>&1; then
    mkdir -p "$tmp/www"
    start_httpd "$tmp/www" "$net" net
    port=$httpd_port
else
    echo "# no python3: requests are not counted (the proxy is a closed port)"
fi
export http_proxy=http://127.0.0.1:$port https_proxy=http://127.0.0.1:$port \
    HTTP_PROXY=http://127.0.0.1:$port HTTPS_PROXY=http://127.0.0.1:$port XDG_CACHE_HOME=$tmp/cache
unset no_proxy NO_PROXY

# hostile_ref KIND: a URL no document may make us follow.
hostile_ref() {
    case $1 in
    file) echo 'file:///etc/passwd' ;;
    ftp) echo 'ftp://127.0.0.1:9/r2x-hostile.xsd' ;;
    gopher) echo 'gopher://127.0.0.1:9/_r2x-hostile.xsd' ;;
    10) echo 'http://10.0.0.1/r2x-hostile.xsd' ;;
    169) echo 'http://169.254.169.254/latest/r2x-hostile.xsd' ;;
    127) echo "http://127.0.0.1:$port/r2x-hostile.xsd" ;;
    esac
}
XBRL_NS='xmlns:xbrli="http://www.xbrl.org/2003/instance" xmlns:link="http://www.xbrl.org/2003/linkbase" xmlns:xlink="http://www.w3.org/1999/xlink"'

make_input() {
    f=$tmp/$1.txt
    case $1 in
    # hostile XML (tests/hostile/README.md): the fixtures, the big ones made
    # by tests/hostile/generate.sh, and references to each hostile URL from
    # a schemaRef, a linkbaseRef, an xs:import schemaLocation and an Inline
    # XBRL document's schemaRef
    hostile/*) f=$tmp/${1#hostile/}; sed "s/127\.0\.0\.1:9/127.0.0.1:$port/g" "$top_srcdir/tests/$1" >"$f" ;;
    # the PDF fixtures (tests/fixtures/pdf/make.py writes them)
    pdf/*) f=$tmp/${1#pdf/}; cp "$top_srcdir/tests/fixtures/$1" "$f" ;;
    gen/*) [ -d "$tmp/gen" ] || sh "$top_srcdir/tests/hostile/generate.sh" "$tmp/gen"; f=$tmp/$1 ;;
    schemaref-*)
        f=$tmp/$1.xml
        printf '<?xml version="1.0"?>\n<xbrli:xbrl %s>\n  <link:schemaRef xlink:type="simple" xlink:href="%s"/>\n</xbrli:xbrl>\n' \
            "$XBRL_NS" "$(hostile_ref "${1#schemaref-}")" >"$f" ;;
    linkbaseref-*)
        f=$tmp/$1.xml
        printf '<?xml version="1.0"?>\n<xbrli:xbrl %s>\n  <link:schemaRef xlink:type="simple" xlink:href="empty.xsd"/>\n  <link:linkbaseRef xlink:type="simple" xlink:arcrole="http://www.w3.org/1999/xlink/properties/linkbase" xlink:href="%s"/>\n</xbrli:xbrl>\n' \
            "$XBRL_NS" "$(hostile_ref "${1#linkbaseref-}")" >"$f"
        printf '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="http://example.com/empty"/>\n' >"$tmp/empty.xsd" ;;
    import-*)
        f=$tmp/$1.xml
        printf '<?xml version="1.0"?>\n<xbrli:xbrl %s>\n  <link:schemaRef xlink:type="simple" xlink:href="%s.xsd"/>\n</xbrli:xbrl>\n' \
            "$XBRL_NS" "$1" >"$f"
        printf '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="http://example.com/x">\n  <xs:import namespace="http://example.com/hostile" schemaLocation="%s"/>\n</xs:schema>\n' \
            "$(hostile_ref "${1#import-}")" >"$tmp/$1.xsd" ;;
    ixbrlref-*)
        f=$tmp/$1.htm
        printf '<html xmlns="http://www.w3.org/1999/xhtml" xmlns:ix="http://www.xbrl.org/2013/inlineXBRL" %s>\n<body><div style="display:none"><ix:header><ix:references>\n<link:schemaRef xlink:type="simple" xlink:href="%s"/>\n</ix:references></ix:header></div><p>x</p></body></html>\n' \
            "$XBRL_NS" "$(hostile_ref "${1#ixbrlref-}")" >"$f" ;;
    xhtml) f=$tmp/xhtml.htm
        printf '<html xmlns="http://www.w3.org/1999/xhtml"><body><p>Revenues 1,234</p></body></html>\n' >"$f" ;;
    ix10) f=$tmp/ix10.htm
        printf '<html xmlns="http://www.w3.org/1999/xhtml" xmlns:ix="http://www.xbrl.org/2008/inlineXBRL">\n<body><ix:header><ix:references/></ix:header></body></html>\n' >"$f" ;;
    ixgz) f=$tmp/ixgz.htm     # gzip: libxml2 would inflate it unasked
        printf '<html xmlns="http://www.w3.org/1999/xhtml" xmlns:ix="http://www.xbrl.org/2013/inlineXBRL">\n<body><ix:header/></body></html>\n' | gzip -n >"$f" ;;
    empty) : >"$f" ;;
    blank) printf '  \n\t\n\n' >"$f" ;;
    binary) printf 'Title\nabc\000def\n' >"$f" ;;
    badutf8) printf 'Title\nok \303\251\nRevenue\t\377\n' >"$f" ;;
    overlong) printf '\300\257\n' >"$f" ;;
    cp1252) printf 'Title \223quoted\224\nNet sales\t1,234\n' >"$f" ;;
    huge) yes 'Net sales	1,234	1,100' | head -c 104857600 >"$f" ;;
    longline) { echo Title; head -c 1048576 /dev/zero | tr '\000' x; echo; } >"$f" ;;
    widerow) printf 'Statement\n\n\t2009\t2008\nRevenue\t1,000\t900\nCost\t800\t700\t\t9,999\n' >"$f" ;;
    bigfigure) printf 'Statement\n\n\t2009\t2008\nRevenue\t1,234,567,890,123,456,789\t900\n' >"$f" ;;
    html) printf '<html><body><table><tr><td>Net sales</td><td>1,234</td></tr></table></body></html>\n' >"$f" ;;
    htmltext) printf '<html><body><p>Results</p><table><tr><td>Contact</td><td>Jane Doe</td></tr></table></body></html>\n' >"$f" ;;
    prose) printf 'Results\n\nNet sales were $1,234 million.\n    Net sales      1,234      1,100\n' >"$f" ;;
    sample) cp "$top_srcdir/samples/iij-2009-1h.txt" "$f" ;;
    none) f= ;;
    # hostile and broken inputs (tests/errors/README.md)
    # "Net sales<TAB>1,234" in UTF-16LE; in UTF-16BE with an unpaired surrogate
    utf16) printf '\377\376N\000e\000t\000 \000s\000a\000l\000e\000s\000\t\0001\000,\0002\0003\0004\000\n\000' >"$f" ;;
    utf16be) printf '\376\377\000N\000e\000t\330\000\000\t\0001\000,\0002\0003\0004\000\n' >"$f" ;;
    bomonly) printf '\357\273\277' >"$f" ;;
    surrogate) printf 'Title\n\355\240\200\n' >"$f" ;;
    beyond) printf 'Title\n\364\220\200\200\n' >"$f" ;;
    truncated) printf 'Title\nab\342\202' >"$f" ;;
    continuation) printf '\200abc\n' >"$f" ;;
    nulfirst) printf '\000abc\n' >"$f" ;;
    cp1252undef) printf 'Title \201\n' >"$f" ;;
    manycells) { printf 'Revenue'; i=0; while [ $i -lt 100 ]; do printf '\t1'; i=$((i + 1)); done; echo; } >"$f" ;;
    crlf) printf 'Statement\r\n\r\n\t2009\t2008\r\nRevenue\t1,000\t900\r\n' >"$f" ;;
    # files that are not releases, named by what they are (src/lib/convert/sniff.c):
    # the first bytes each kind starts with, as .txt so that only the
    # content can tell
    pdf) printf '%%PDF-1.4\n%%\342\343\317\323\n1 0 obj\n<< /Type /Catalog >>\nendobj\n' >"$f" ;;
    docx) printf 'PK\003\004\024\000\000\000\010\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000\021\000\000\000word/document.xml' >"$f" ;;
    doc) { printf '\320\317\021\340\241\261\032\341'; head -c 504 /dev/zero
           printf 'R\000o\000o\000t\000 \000E\000n\000t\000r\000y\000W\000o\000r\000d\000D\000o\000c\000u\000m\000e\000n\000t\000'; } >"$f" ;;
    png) printf '\211PNG\r\n\032\n\000\000\000\rIHDR\000\000\000\001' >"$f" ;;
    zip) printf 'PK\003\004\024\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000\013\000\000\000release.txt' >"$f" ;;
    gz) printf 'Net sales\t1,234\n' | gzip -n >"$f" ;;
    pkgzip) f=$tmp/package.zip      # a .zip with no end of central directory
        printf 'PK\003\004\024\000\000\000\000\000' >"$f" ;;
    instance) printf '<?xml version="1.0"?>\n<xbrli:xbrl xmlns:xbrli="http://www.xbrl.org/2003/instance">\n</xbrli:xbrl>\n' >"$f" ;;
    ixdoc) printf '<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml" xmlns:ix="http://www.xbrl.org/2013/inlineXBRL">\n<body><ix:header/><table><tr><td>Net sales</td><td>1,234</td></tr></table></body></html>\n' >"$f" ;;
    esac
    printf 'entity-name: X\ncik: 1\000x\n' >"$tmp/nul.profile"
    { printf 'entity-name: '; head -c 5000 /dev/zero | tr '\000' x; echo; } >"$tmp/long.profile"
    printf 'entity-name: Bad \377\376 name\ncik: 1\n' >"$tmp/badutf8.profile"
    printf 'entity-name: A\001B\ncik: 1\n' >"$tmp/control.profile"
    printf 'Entity Name: X\n' >"$tmp/badkey.profile"
    printf 'fiscal-year-named-by: sideways\n' >"$tmp/badnaming.profile"
    # mapping tables given as a profile's overlay (read from the data
    # directory: enough ../ to reach / from any R2X_DATADIR)
    up=../../../../../../../../../../../../../../../../../../../..
    for m in deep longline nul badutf8 stars fields concept dims statement; do
        printf 'entity-name: X\ncik: 1\noverlay: %s%s/%s.map\n' "$up" "$tmp" "$m" >"$tmp/map-$m.profile"
    done
    { printf 'income | a'; i=0; while [ $i -lt 1000 ]; do printf ' > a'; i=$((i + 1)); done
      echo ' | us-gaap:Revenues | as-printed'; } >"$tmp/deep.map"
    { printf 'income | '; head -c 5000 /dev/zero | tr '\000' a; echo ' | us-gaap:Revenues | as-printed'; } >"$tmp/longline.map"
    printf 'income | rev\000enue | us-gaap:Revenues | as-printed\n' >"$tmp/nul.map"
    printf 'income | r\351venue | us-gaap:Revenues | as-printed\n' >"$tmp/badutf8.map"
    { printf 'income | '; head -c 2000 /dev/zero | tr '\000' '*'; echo 'x | us-gaap:Revenues | as-printed'; } >"$tmp/stars.map"
    printf 'income | revenues | us-gaap:Revenues\n' >"$tmp/fields.map"
    printf 'income | revenues | us-gaap:NoSuchConcept | as-printed\n' >"$tmp/concept.map"
    printf 'segment | revenues | us-gaap:Revenues | as-printed | a:b=c:d a:b=c:d a:b=c:d a:b=c:d a:b=c:d\n' >"$tmp/dims.map"
    printf 'cashflow | revenues | us-gaap:Revenues | as-printed\n' >"$tmp/statement.map"
    ln -sf "$tmp/sample.txt" "$tmp/link-to-input"
    printf 'entity-name: Broken\nmatch: nothing\nfiscal year end 03-31\n' >"$tmp/bad.profile"
    printf 'fiscal-year-end: --02-30\n' >"$tmp/baddate.profile"
    printf 'entity-name: No CIK\nfiscal-year-end: --03-31\n' >"$tmp/nocik.profile"
    # --prior filings that are none
    printf '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="http://example.com/p"/>\n' >"$tmp/prior-schema.xsd"
    printf '<?xml version="1.0"?>\n<xbrli:xbrl xmlns:xbrli="http://www.xbrl.org/2003/instance">\n</xbrli:xbrl>\n' >"$tmp/prior-empty.xml"
    echo "$f"
}

# pdf-* cases need a build that reads PDFs (poppler-glib), nopdf-* one that
# does not; the other kind is skipped.
if "$R2X" --version | grep -q '^poppler-glib '; then pdf_build=pdf; else pdf_build=nopdf; fi

while IFS='	' read -r name input command status message; do
    case $name in ''|'#'*) continue ;; esac
    case $name in
    pdf-*) [ "$pdf_build" = pdf ] || { skip "$name" "built without PDF support"; continue; } ;;
    nopdf-*) [ "$pdf_build" = nopdf ] || { skip "$name" "built with PDF support"; continue; } ;;
    esac
    in=$(make_input "$input")
    out=$tmp/out-$name
    mkdir -p "$out"
    cmd=$(printf '%s' "$command" | sed -e "s|{in}|$in|g" -e "s|{outdir}|$out|g" -e "s|{out}|$out/result|g" -e "s|{tmp}|$tmp|g")
    before=$( [ -n "$in" ] && [ -f "$in" ] && cksum <"$in")
    # shellcheck disable=SC2086 # the command is split into words on purpose
    "$R2X" $cmd >"$tmp/stdout" 2>"$tmp/stderr"
    got=$?
    if [ "$got" -ne "$status" ]; then
        fail "$name: exit $got, want $status"; sed 's/^/#   /' "$tmp/stderr" | head -3
    elif ! grep -Eq -- "$message" "$tmp/stderr" && ! { [ "$message" = '^$' ] && [ ! -s "$tmp/stderr" ]; } &&
         ! { [ "$message" != '^$' ] && grep -Eq -- "$message" "$tmp/stdout"; }; then
        fail "$name: neither stderr nor stdout matches /$message/"; sed 's/^/#   /' "$tmp/stderr" "$tmp/stdout" | head -3
    elif [ -s "$net" ]; then
        fail "$name: reached the network: $(head -1 "$net")"; : >"$net"
    else
        pass "$name"
    fi
    # A PDF refused leaves no output, not even part of one.
    case $name in
    *pdf-*) if [ "$got" -ne 0 ] && [ -e "$out/result" ]; then fail "$name: refused, but wrote $out/result"; fi ;;
    esac
    # The input is never modified, and no temporary output is left behind.
    if [ -n "$in" ] && [ -f "$in" ] && [ "$(cksum <"$in")" != "$before" ]; then
        fail "$name: the input was modified"
    fi
    if find "$tmp" -name '*.tmp.*' | grep -q .; then
        fail "$name: a temporary file was left"; find "$tmp" -name '*.tmp.*' -delete
    fi
    # Exit status 1 or 2: nothing written (a batch- case writes its good inputs).
    case $name in batch-*) ;; *)
        if [ "$got" -ne 0 ] && [ -n "$(ls -A "$out")" ]; then
            fail "$name: exit $got, but it wrote $(ls "$out" | head -1)"
        fi ;;
    esac
    # A usage or I/O failure found before any work says so in one line, with
    # nothing before it (a disk found full after the work is the exception).
    case $name in *disk-full|batch-*) ;; *)
        if [ "$got" -eq 2 ] && [ "$(wc -l <"$tmp/stderr")" -ne 1 ]; then
            fail "$name: exit 2 after $(wc -l <"$tmp/stderr") lines; a failure found before any work is one line"
            sed 's/^/#   /' "$tmp/stderr" | head -3
        fi ;;
    esac
    [ -n "$in" ] && [ "$input" = huge ] && rm -f "$in"
done <"$top_srcdir/tests/errors/catalogue.tsv"
finish
