#!/bin/sh
# The fetch layer against a loopback HTTP server (tests/httpd.py) that serves
# the taxonomy cache (../shared/xbrl-cache, else the base schemas vendored in
# tests/fixtures/xbrl-base) and fails on purpose: cache filling and reuse, offline,
# HTTP errors, timeouts, size caps, redirects, damaged cache files, two
# writers at once, remaps, catalogs, refused schemes and addresses, and https
# with its certificates verified (tests/fixtures/tls).
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
cache_src=$xbrl_cache
command -v python3 >/dev/null 2>&1 || skip_all "python3 is not installed"
# A proxy from the environment would stand between us and the loopback server.
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

log=$tmp/requests.log
: >"$log"
start_httpd "$cache_src" "$log" main
port=$httpd_port
srv=http://127.0.0.1:$port

c=$tmp/cache
inst=http://www.xbrl.org/2003/xbrl-instance-2003-12-31.xsd
inst_file=www.xbrl.org/2003/xbrl-instance-2003-12-31.xsd
# Documents' URLs reach the server only through remaps (the user's word).
fetch() { "$R2X" fetch --cache-dir "$c" --remap "http://=$srv/" --remap "https://=$srv/" \
    --remap "http://faults.test/=$srv/" "$@"; }
requests() { wc -l <"$log" | tr -d ' '; }

# ---- the cache fills, then is reused ----------------------------------------
expect_status 0 "cold cache: fetch $inst" fetch "$inst"
cmp -s "$c/$inst_file" "$cache_src/$inst_file" && pass "cold cache: the file is under <cache>/<host>/<path>, whole" \
    || fail "cold cache: $c/$inst_file missing or differs"
[ -s "$c/$inst_file.r2x-meta" ] && pass "cold cache: a sidecar records length and checksum" || fail "no sidecar"
[ "$(requests)" -eq 1 ] && pass "cold cache: one request" || fail "cold cache: $(requests) requests, want 1"
expect_grep "^downloaded +$inst" "$tmp/out" "cold cache: fetch says it downloaded"
expect_status 0 "warm cache: fetch again" fetch "$inst"
[ "$(requests)" -eq 1 ] && pass "warm cache: no request" || fail "warm cache: $(requests) requests, want 1"
expect_grep "^cached +$inst" "$tmp/out" "warm cache: fetch says it was cached"
expect_status 0 "the same URL twice in one run" fetch "$inst" "$inst"
[ "$(requests)" -eq 1 ] && pass "one run: no request for a repeat" || fail "one run: $(requests) requests"
expect_status 0 "a redirect within http is followed" fetch http://faults.test/redirect-ok
expect_grep "^downloaded +http://faults.test/redirect-ok" "$tmp/out" "the redirect's target is stored under the URL asked for"

# ---- offline ------------------------------------------------------------------
expect_status 0 "--offline: from the cache" "$R2X" fetch --offline --cache-dir "$c" "$inst"
n=$(requests)
expect_status 1 "--offline: a miss fails" "$R2X" fetch --offline --cache-dir "$c" http://www.xbrl.org/2003/xl-2003-12-31.xsd
expect_grep "'http://www.xbrl.org/2003/xl-2003-12-31.xsd' is not in the cache .* --offline .*release2xbrl fetch http://www.xbrl.org/2003/xl-2003-12-31.xsd.*--cache-dir" "$tmp/err" "--offline: the miss names the URL and how to fill the cache"
[ "$(requests)" -eq "$n" ] && pass "--offline: no request" || fail "--offline made a request"
if have_us_gaap; then
    expect_status 0 "the shared cache works as a --cache-dir as it is" "$R2X" fetch --offline --cache-dir "$cache_src" "$inst" https://xbrl.fasb.org/us-gaap/2024/elts/us-gaap-2024.xsd
else
    expect_status 0 "the vendored base schemas work as a --cache-dir as they are" "$R2X" fetch --offline --cache-dir "$cache_src" "$inst" http://www.xbrl.org/2005/xbrldt-2005.xsd
fi

# ---- HTTP errors and network faults ------------------------------------------
expect_status 1 "404" fetch http://faults.test/404
expect_grep "cannot fetch 'http://faults.test/404' \(from '$srv/404'\): HTTP status 404" "$tmp/err" "404: the URL and the status"
expect_status 1 "500" fetch http://faults.test/500
expect_grep "'http://faults.test/500'.*HTTP status 500" "$tmp/err" "500: the URL and the status"
# Under valgrind (make check-valgrind) a run is many times slower: the bound
# is then only below the server's 30 s stall, which still catches a hang.
bound=8
[ -n "${R2X_UNDER_VALGRIND:-}" ] && bound=28
start=$(date +%s)
expect_status 1 "a stalled server times out" fetch --timeout 2 http://faults.test/stall
took=$(($(date +%s) - start))
expect_grep "'http://faults.test/stall'.*timed out" "$tmp/err" "stall: says it timed out"
[ "$took" -le $bound ] && pass "stall: gave up in ${took}s (--timeout 2)" || fail "stall took ${took}s"
expect_status 1 "a body announced larger than --max-size" fetch --max-size 1M http://faults.test/big
expect_grep "'http://faults.test/big'.*larger than the 1048576-byte limit" "$tmp/err" "big: names the limit"
expect_status 1 "a body without length larger than --max-size" fetch --max-size 1M http://faults.test/big-nolength
expect_grep "larger than the 1048576-byte limit" "$tmp/err" "big without length: names the limit"
start=$(date +%s)
expect_status 1 "an endless body hits the cap" fetch --max-size 512K http://faults.test/endless
took=$(($(date +%s) - start))
expect_grep "'http://faults.test/endless'.*larger than the 524288-byte limit" "$tmp/err" "endless: names the limit"
[ "$took" -le $bound ] && pass "endless: stopped in ${took}s" || fail "endless took ${took}s"
expect_status 1 "a redirect to ftp: is refused" fetch http://faults.test/redirect-ftp
expect_grep "refused 'http://faults.test/redirect-ftp'.*redirected to a scheme other than http or https" "$tmp/err" "redirect to ftp: says why"
expect_status 1 "a redirect to file: is refused" fetch http://faults.test/redirect-file
expect_grep "refused 'http://faults.test/redirect-file'.*redirected to a scheme other than http or https" "$tmp/err" "redirect to file: says why"
expect_status 1 "a redirect loop hits the limit" fetch --max-redirects 3 http://faults.test/redirect-loop
expect_grep "'http://faults.test/redirect-loop'.*more than 3 redirects" "$tmp/err" "redirect loop: names the limit"
expect_status 1 "a connection reset mid-body" fetch http://faults.test/reset
expect_grep "cannot fetch 'http://faults.test/reset'" "$tmp/err" "reset: names the URL"
expect_status 1 "a body shorter than its Content-Length" fetch http://faults.test/short
expect_grep "'http://faults.test/short'.*ended before its Content-Length" "$tmp/err" "short: says so"
cached=
for f in 404 500 stall big big-nolength endless redirect-ftp redirect-file redirect-loop reset short; do
    [ -e "$c/faults.test/$f" ] && cached="$cached $f"
done
[ -z "$cached" ] && pass "nothing of a failed download is cached" || fail "cached after failing:$cached"
left=$(find "$c" -name '*.tmp.*' | head -3)
[ -z "$left" ] && pass "no temporary files left" || fail "temporary files left: $left"

# ---- damaged cache files ----------------------------------------------------
head -c 1000 "$cache_src/$inst_file" >"$c/$inst_file"
n=$(requests)
expect_status 1 "--offline: a truncated cached file is an error" "$R2X" fetch --offline --cache-dir "$c" "$inst"
expect_grep "cached file '$c/$inst_file' for '$inst' is damaged" "$tmp/err" "--offline: the damaged file is named"
expect_status 0 "a truncated cached file is fetched again" fetch "$inst"
[ "$(requests)" -eq $((n + 1)) ] && pass "truncated: one request to refetch" || fail "truncated: $(($(requests) - n)) requests"
cmp -s "$c/$inst_file" "$cache_src/$inst_file" && pass "truncated: the file is whole again" || fail "truncated: still damaged"
# the same length, one byte changed
python3 -c 'import sys; p=sys.argv[1]; d=bytearray(open(p,"rb").read()); d[500]^=1; open(p,"wb").write(d)' "$c/$inst_file"
expect_status 0 "a corrupted cached file is fetched again" fetch "$inst"
cmp -s "$c/$inst_file" "$cache_src/$inst_file" && pass "corrupted: the file is whole again" || fail "corrupted: still damaged"

# ---- two processes filling one cache at once ------------------------------------
# US-GAAP's 5 MB schema, which keeps both writing at once; else the largest of
# the base schemas.
if have_us_gaap; then
    big=https://xbrl.fasb.org/us-gaap/2024/elts/us-gaap-2024.xsd
    big_file=xbrl.fasb.org/us-gaap/2024/elts/us-gaap-2024.xsd
else
    big=https://$inst_file
    big_file=$inst_file
fi
c2=$tmp/cache2
"$R2X" fetch -q --cache-dir "$c2" --remap "https://=$srv/" "$big" >"$tmp/p1.out" 2>&1 &
p1=$!
"$R2X" fetch -q --cache-dir "$c2" --remap "https://=$srv/" "$big" >"$tmp/p2.out" 2>&1 &
p2=$!
wait $p1; s1=$?
wait $p2; s2=$?
[ $s1 -eq 0 ] && [ $s2 -eq 0 ] && pass "two processes at once: both succeed" || fail "two processes: exit $s1 and $s2: $(cat "$tmp/p1.out" "$tmp/p2.out")"
cmp -s "$c2/$big_file" "$cache_src/$big_file" && pass "two processes at once: the file is whole" || fail "two processes: the file differs"
[ -z "$(find "$c2" -name '*.tmp.*')" ] && pass "two processes at once: no temporary files left" || fail "temporary files left"
expect_status 0 "two processes at once: the result verifies offline" "$R2X" fetch --offline --cache-dir "$c2" "$big"

# ---- remaps and catalogs to local directories ------------------------------------
n=$(requests)
expect_status 0 "--remap to a local directory" "$R2X" fetch --cache-dir "$tmp/cache3" --remap "http://www.xbrl.org/=$cache_src/www.xbrl.org/" "$inst"
expect_grep "^local +$inst" "$tmp/out" "--remap to a directory: read locally"
[ "$(requests)" -eq "$n" ] && [ ! -e "$tmp/cache3" ] && pass "--remap to a directory: no request, nothing cached" || fail "--remap to a directory touched the network or cache"
expect_status 1 "a remap cannot be made to climb out of its directory" "$R2X" fetch --cache-dir "$tmp/cache3" --remap "http://www.xbrl.org/2003=$cache_src/www.xbrl.org/2003/" "http://www.xbrl.org/2003../2003/xl-2003-12-31.xsd"
expect_grep "refused 'http://www.xbrl.org/2003../2003/xl-2003-12-31.xsd': remapped, it would climb out" "$tmp/err" "a climbing remap: says why"
mkdir -p "$tmp/pkg/META-INF"
ln -s "$cache_src/www.xbrl.org/2003" "$tmp/pkg/mirror"
cat >"$tmp/pkg/META-INF/catalog.xml" <<'XML'
<?xml version="1.0"?>
<catalog xmlns="urn:oasis:names:tc:entity:xmlns:xml:catalog">
  <rewriteURI uriStartString="http://www.xbrl.org/2003/" rewritePrefix="../mirror/"/>
  <uri name="http://example.com/one.xsd" uri="../mirror/xl-2003-12-31.xsd"/>
</catalog>
XML
expect_status 0 "--catalog rewriteURI to a local directory" "$R2X" fetch --offline --cache-dir "$tmp/cache4" --catalog "$tmp/pkg/META-INF/catalog.xml" "$inst" http://example.com/one.xsd
expect_grep "^local +$inst" "$tmp/out" "--catalog: rewriteURI read relative to the catalog"
expect_grep "^local +http://example.com/one.xsd" "$tmp/out" "--catalog: uri entry"
# nextCatalog: read after the catalog's own entries (the first match wins),
# relative to it; a loop back is not read twice
mkdir -p "$tmp/pkg/next"
cat >"$tmp/pkg/META-INF/first.xml" <<'XML'
<?xml version="1.0"?>
<catalog xmlns="urn:oasis:names:tc:entity:xmlns:xml:catalog">
  <uri name="http://example.com/two.xsd" uri="../mirror/xl-2003-12-31.xsd"/>
  <rewriteURI uriStartString="http://example.com/r/" rewritePrefix="../mirror/"/>
  <nextCatalog catalog="../next/second.xml"/>
</catalog>
XML
cat >"$tmp/pkg/next/second.xml" <<'XML'
<?xml version="1.0"?>
<catalog xmlns="urn:oasis:names:tc:entity:xmlns:xml:catalog">
  <uri name="http://example.com/two.xsd" uri="../mirror/no-such-file.xsd"/>
  <uri name="http://example.com/three.xsd" uri="../mirror/xlink-2003-12-31.xsd"/>
  <uri name="http://example.com/r/xlink-2003-12-31.xsd" uri="../mirror/no-such-file.xsd"/>
  <nextCatalog catalog="../META-INF/first.xml"/>
</catalog>
XML
expect_status 0 "--catalog: nextCatalog is followed, and a loop back to the first ends" \
    "$R2X" fetch --offline --cache-dir "$tmp/cache4" --catalog "$tmp/pkg/META-INF/first.xml" \
    http://example.com/two.xsd http://example.com/three.xsd http://example.com/r/xlink-2003-12-31.xsd
expect_grep "^local +http://example.com/two.xsd \($(wc -c <"$cache_src/www.xbrl.org/2003/xl-2003-12-31.xsd" | tr -d ' ') bytes\)" \
    "$tmp/out" "--catalog: the first catalog's entry wins over its nextCatalog's"
expect_grep "^local +http://example.com/three.xsd" "$tmp/out" "--catalog: an entry of the nextCatalog"
expect_grep "^local +http://example.com/r/xlink-2003-12-31.xsd" "$tmp/out" \
    "--catalog: the first catalog's rewrite wins over an exact entry of its nextCatalog"
printf '<catalog xmlns="urn:oasis:names:tc:entity:xmlns:xml:catalog"><nextCatalog catalog="http://example.com/c.xml"/></catalog>\n' >"$tmp/pkg/remote.xml"
expect_status 2 "--catalog: a nextCatalog on the network is refused" \
    "$R2X" fetch --offline --cache-dir "$tmp/cache4" --catalog "$tmp/pkg/remote.xml" "$inst"
expect_grep "remote.xml:1: error: nextCatalog 'http://example.com/c.xml': only local catalogs are followed" "$tmp/err" "--catalog: the remote nextCatalog is named"
printf '<catalog xmlns="urn:oasis:names:tc:entity:xmlns:xml:catalog"><nextCatalog catalog="gone.xml"/></catalog>\n' >"$tmp/pkg/gone-next.xml"
expect_status 2 "--catalog: a nextCatalog that is not there" \
    "$R2X" fetch --offline --cache-dir "$tmp/cache4" --catalog "$tmp/pkg/gone-next.xml" "$inst"
expect_grep "gone.xml.*\(the nextCatalog of .*gone-next.xml\)" "$tmp/err" "--catalog: the missing nextCatalog is named, and who named it"
printf '# Sources\n\nNot XML.\n' >"$tmp/SOURCES.md"
expect_status 2 "--catalog: a catalog that is not XML" "$R2X" fetch --catalog "$tmp/SOURCES.md" "$inst"
expect_grep "SOURCES.md.*not a readable catalog" "$tmp/err" "--catalog: a bad catalog is named"

# ---- what the user names on the command line ---------------------------------------
expect_status 0 "a local path on the command line is read" "$R2X" fetch --cache-dir "$c" "$cache_src/$inst_file"
expect_status 0 "a file: URL on the command line is a local path" "$R2X" fetch --cache-dir "$c" "file://$cache_src/$inst_file"
expect_grep "^local " "$tmp/out" "file: on the command line: read as a local file"
expect_status 1 "ftp: on the command line is refused" "$R2X" fetch --cache-dir "$c" ftp://ftp.example.com/x.xsd
expect_grep "refused 'ftp://ftp.example.com/x.xsd': the scheme 'ftp' is not fetched" "$tmp/err" "ftp: says why"
expect_status 1 "gopher: is refused" "$R2X" fetch --cache-dir "$c" gopher://example.com/x
n=$(requests)
expect_status 1 "a loopback address not reached through --remap is refused" "$R2X" fetch --cache-dir "$c" "$srv/$inst_file"
expect_grep "refused '$srv/$inst_file': its host is a loopback, private or link-local address \(127.0.0.1\)" "$tmp/err" "loopback: says why"
expect_status 1 "a name that resolves to loopback is refused" "$R2X" fetch --cache-dir "$c" "http://localhost:$port/$inst_file"
expect_grep "loopback, private or link-local" "$tmp/err" "localhost: says why"
# Behind a proxy the socket is the proxy's: the host's addresses are checked instead.
expect_status 1 "through a proxy, a name that resolves to loopback is refused" env http_proxy=http://192.0.2.1:3128 "$R2X" fetch --timeout 2 --cache-dir "$c" "http://localhost:$port/$inst_file"
expect_grep "refused 'http://localhost:$port/$inst_file': its host is a loopback" "$tmp/err" "through a proxy: says why"
[ "$(requests)" -eq "$n" ] && pass "refused addresses: no request reached the server" || fail "a refused address was contacted"

# ---- https: certificates are verified, host name included ----------------------------
# Two more loopback servers speak https, with certificates of a test authority
# (tests/fixtures/tls): one for 127.0.0.1, one for another name.
tls=$top_srcdir/tests/fixtures/tls
start_tls() {   # NAME CERT: starts the server, sets $tls_port
    python3 "$top_srcdir/tests/httpd.py" "$cache_src" "$log" "$tmp/port-$1" \
        "$tls/$2.pem" "$tls/$2-key.pem" >/dev/null 2>"$tmp/httpd-$1.err" &
    echo $! >>"$tmp/tls-pids"
    i=0
    while [ ! -s "$tmp/port-$1" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
    tls_port=$(cat "$tmp/port-$1" 2>/dev/null)
}
trap 'kill $httpd_pids $(cat "$tmp/tls-pids" 2>/dev/null) 2>/dev/null; wait 2>/dev/null; rm -rf "$tmp"' EXIT
if python3 -c 'import ssl' 2>/dev/null && start_tls good localhost && [ -n "$tls_port" ]; then
    good=https://127.0.0.1:$tls_port
    tfetch() { "$R2X" fetch --cache-dir "$tmp/tls-cache" --remap "https://=$good/" "$@"; }
    n=$(requests)
    expect_status 1 "https: a certificate of an authority the system does not trust is refused" \
        tfetch https://www.xbrl.org/2003/xl-2003-12-31.xsd
    expect_grep "cannot fetch 'https://www.xbrl.org/2003/xl-2003-12-31.xsd' \(from '$good/www.xbrl.org/2003/xl-2003-12-31.xsd'\): .*certificate" \
        "$tmp/err" "https: the refusal names the URL and the certificate"
    [ ! -e "$tmp/tls-cache/www.xbrl.org/2003/xl-2003-12-31.xsd" ] && pass "https: nothing cached from an unverified server" \
        || fail "https: a document from an unverified server was cached"
    [ "$(requests)" -eq "$n" ] && pass "https: no request was sent over the unverified connection" \
        || fail "https: a request reached the server before its certificate was verified"
    expect_status 0 "https: --ca-file trusts the test authority" \
        tfetch --ca-file "$tls/ca.pem" https://www.xbrl.org/2003/xl-2003-12-31.xsd
    cmp -s "$tmp/tls-cache/www.xbrl.org/2003/xl-2003-12-31.xsd" "$cache_src/www.xbrl.org/2003/xl-2003-12-31.xsd" \
        && pass "https: the document came whole over TLS" || fail "https: the document is missing or differs"
    start_tls elsewhere elsewhere
    other=https://127.0.0.1:$tls_port
    expect_status 1 "https: a certificate for another host name is refused, even from a trusted authority" \
        "$R2X" fetch --cache-dir "$tmp/tls-cache" --remap "https://=$other/" --ca-file "$tls/ca.pem" \
        https://www.xbrl.org/2003/xlink-2003-12-31.xsd
    expect_grep "xlink-2003-12-31.xsd.*host name" "$tmp/err" "https: the host-name mismatch is said"
    expect_status 2 "--ca-file: a file that cannot be read" tfetch --ca-file "$tmp/no-such.pem" "$inst"
    expect_grep "no-such.pem: error: cannot read the CA file: No such file or directory" "$tmp/err" "--ca-file: the file and why"
else
    skip "https: a trusted server, an untrusted one, --ca-file" "python3's ssl module or the TLS server is not available"
fi

# ---- --recursive: a schema's whole DTS into the cache --------------------------------
n=$(requests)
expect_status 0 "--recursive: the DTS of the instance schema" fetch --recursive --cache-dir "$tmp/rcache" "$inst"
expect_grep "^dts +$inst: DTS of 4 documents \(4 downloaded, 0 cached, 0 local, 0 missing\) -> $tmp/rcache$" "$tmp/out" \
    "--recursive: one line: the documents and how they were had"
for d in xbrl-instance-2003-12-31.xsd xbrl-linkbase-2003-12-31.xsd xl-2003-12-31.xsd xlink-2003-12-31.xsd; do
    cmp -s "$tmp/rcache/www.xbrl.org/2003/$d" "$cache_src/www.xbrl.org/2003/$d" && pass "--recursive: $d cached whole" \
        || fail "--recursive: $d missing or different"
done
expect_status 0 "--recursive --offline: the DTS is in the cache now" "$R2X" fetch --recursive --offline --cache-dir "$tmp/rcache" "$inst"
expect_grep "DTS of 4 documents \(0 downloaded, 4 cached, 0 local, 0 missing\)" "$tmp/out" "--recursive --offline: all 4 cached"
expect_status 1 "--recursive: a DTS with a document missing" "$R2X" fetch --recursive --offline --cache-dir "$tmp/empty-cache" "$inst"
expect_grep "error: .*is not in the cache" "$tmp/err" "--recursive: the missing document is named"

# ---- taxonomy packages (.zip): installed by fetch, read by --catalog ------------------
# A package made here with Python's zipfile: the four XBRL 2.1 schemas,
# deflated, under a top directory, and META-INF/catalog.xml mapping their URL.
mkdir -p "$tmp/pkgsrc/xbrl21/META-INF" "$tmp/pkgsrc/xbrl21/2003"
cp "$cache_src"/www.xbrl.org/2003/*-2003-12-31.xsd "$tmp/pkgsrc/xbrl21/2003/"
cat >"$tmp/pkgsrc/xbrl21/META-INF/catalog.xml" <<'XML'
<?xml version="1.0"?>
<catalog xmlns="urn:oasis:names:tc:entity:xmlns:xml:catalog">
  <rewriteURI uriStartString="http://www.xbrl.org/2003/" rewritePrefix="../2003/"/>
</catalog>
XML
printf '<?xml version="1.0"?>\n<taxonomyPackage xmlns="http://xbrl.org/2016/taxonomy-package"/>\n' \
    >"$tmp/pkgsrc/xbrl21/META-INF/taxonomyPackage.xml"
(cd "$tmp/pkgsrc" && python3 -c 'import sys, zipfile, os
z = zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED)
for root, dirs, files in sorted(os.walk("xbrl21")):
    for f in sorted(files):
        z.write(os.path.join(root, f))
z.close()' "$tmp/xbrl21.zip")
npkg=$(ls "$tmp/pkgsrc/xbrl21/2003" | wc -l)
n=$(requests)
expect_status 0 "fetch PACKAGE.zip: installed into the cache" "$R2X" fetch --cache-dir "$tmp/pcache" "$tmp/xbrl21.zip"
expect_grep "^package +$tmp/xbrl21.zip: $npkg documents -> $tmp/pcache$" "$tmp/out" "fetch PACKAGE.zip: says how many, where"
cmp -s "$tmp/pcache/www.xbrl.org/2003/xl-2003-12-31.xsd" "$cache_src/www.xbrl.org/2003/xl-2003-12-31.xsd" \
    && pass "fetch PACKAGE.zip: a document is in the cache under its URL, whole" || fail "fetch PACKAGE.zip: document missing or different"
[ "$(requests)" -eq "$n" ] && pass "fetch PACKAGE.zip: no request" || fail "fetch PACKAGE.zip made a request"
expect_status 0 "the installed package serves --offline" "$R2X" fetch --recursive --offline --cache-dir "$tmp/pcache" "$inst"
expect_grep "DTS of 4 documents \(0 downloaded, 4 cached, 0 local, 0 missing\)" "$tmp/out" "the installed package: the whole DTS is cached"
expect_status 0 "--catalog PACKAGE.zip: documents read from the package" "$R2X" fetch --recursive --offline --cache-dir "$tmp/empty-cache" --catalog "$tmp/xbrl21.zip" "$inst"
expect_grep "DTS of 4 documents \(0 downloaded, 0 cached, 4 local, 0 missing\)" "$tmp/out" "--catalog PACKAGE.zip: the DTS from the package, nothing cached"
[ ! -e "$tmp/empty-cache/www.xbrl.org" ] && pass "--catalog PACKAGE.zip: the cache is not written" || fail "--catalog PACKAGE.zip wrote the cache"
(cd "$tmp/pkgsrc" && python3 -c 'import sys, zipfile
z = zipfile.ZipFile(sys.argv[1], "w")
z.writestr("x/readme.txt", "no catalog")
z.close()' "$tmp/nocatalog.zip")
expect_status 1 "fetch of a zip that is no taxonomy package" "$R2X" fetch --cache-dir "$tmp/pcache" "$tmp/nocatalog.zip"
expect_grep "nocatalog.zip: error: not a taxonomy package: it has no META-INF/catalog.xml$" "$tmp/err" "a zip without a catalog: says so"

# ---- --companies: the SEC's company list, refreshed over loopback ------------------------
# A small copy of company_tickers_exchange.json served by a second loopback
# server; the refreshed list is what convert then reads.
mkdir -p "$tmp/sec/www.sec.gov/files"
cat >"$tmp/sec/www.sec.gov/files/company_tickers_exchange.json" <<'JSON'
{"fields":["cik","name","ticker","exchange"],"data":[[12927,"BOEING CO","BA","NYSE"],[4242,"Frobnicator Widgets, Inc.","FRBW","Nasdaq"],[21344,"COCA COLA CO","KO","NYSE"]]}
JSON
seclog=$tmp/sec.log
: >"$seclog"
start_httpd "$tmp/sec" "$seclog" sec
sec=http://127.0.0.1:$httpd_port
cfetch() { "$R2X" fetch --companies --cache-dir "$tmp/ccache" --remap "https://www.sec.gov/=$sec/www.sec.gov/" \
    --user-agent 'release2xbrl tests test@example.com' "$@"; }
expect_status 0 "fetch --companies: the list from the (loopback) SEC" cfetch
expect_grep "^companies +https://www.sec.gov/files/company_tickers_exchange.json: 3 tickers -> $tmp/ccache/sec-companies.tsv$" \
    "$tmp/out" "fetch --companies: says how many and where"
expect_grep "^4242	FRBW	Nasdaq	Frobnicator Widgets, Inc.$" "$tmp/ccache/sec-companies.tsv" "fetch --companies: the snapshot format, sorted by CIK"
[ "$(grep -c 'company_tickers_exchange.json' "$seclog")" -eq 1 ] && pass "fetch --companies: one request" || fail "fetch --companies: $(wc -l <"$seclog") requests"
expect_status 0 "fetch --companies again" cfetch
[ "$(grep -c 'company_tickers_exchange.json' "$seclog")" -eq 2 ] && pass "fetch --companies: refreshed, not taken from the cache" \
    || fail "fetch --companies: the second run did not download again"
expect_status 0 "fetch --companies -o FILE" cfetch -o "$tmp/companies.tsv"
cmp -s "$tmp/companies.tsv" "$tmp/ccache/sec-companies.tsv" && pass "fetch --companies -o: the same list" || fail "fetch --companies -o differs"
printf 'Frobnicator Widgets, Inc. (Nasdaq: FRBW) reports\n\nIncome statement\n\n\tYear Ended December 31, 2009\n\t(in millions)\nNet sales\t$1,234\n' >"$tmp/frob.txt"
mkdir -p "$tmp/xdg"
cp -R "$tmp/ccache" "$tmp/xdg/release2xbrl"
XDG_CACHE_HOME=$tmp/xdg expect_status 0 "convert reads the refreshed list from the cache" "$R2X" convert "$tmp/frob.txt" -o "$tmp/frob.xml"
expect_grep "note: entity cik:0000004242: the ticker 'Nasdaq: FRBW' is Frobnicator Widgets, Inc\. in the SEC's company list \($tmp/xdg/release2xbrl/sec-companies.tsv\)" \
    "$tmp/err" "convert: the ticker found in the refreshed list"
expect_status 0 "--companies FILE names the list" "$R2X" convert --companies "$tmp/companies.tsv" "$tmp/frob.txt" -o "$tmp/frob2.xml"
cmp -s "$tmp/frob.xml" "$tmp/frob2.xml" && pass "--companies FILE: the same instance" || fail "--companies FILE: another instance"
echo '{"fields":["cik"],"data":[[1' >"$tmp/sec/www.sec.gov/files/company_tickers_exchange.json"
expect_status 1 "fetch --companies: a damaged list" cfetch -o "$tmp/damaged.tsv"
expect_grep "error: not the SEC's company list \(company_tickers_exchange.json\)" "$tmp/err" "a damaged list is named"
[ ! -e "$tmp/damaged.tsv" ] && pass "a damaged list: nothing written" || fail "a damaged list was written"

# ---- usage ------------------------------------------------------------------------
expect_status 2 "fetch without a URL" "$R2X" fetch
expect_status 2 "--max-size takes a size" "$R2X" fetch --max-size lots "$inst"
expect_status 2 "--timeout takes seconds" "$R2X" fetch --timeout 0 "$inst"
expect_status 2 "--remap takes FROM=TO" "$R2X" fetch --remap nothing "$inst"
finish
