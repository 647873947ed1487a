#!/usr/bin/env python3
"""facts_compare.py - test helper: do an xBRL-JSON report, an xBRL-CSV report
and a `release2xbrl facts --format json` listing hold the same facts as an
XBRL 2.1 instance?  Written apart from release2xbrl's C (Python's standard
library only), so that a test compares two readings, not one code with itself.

    facts_compare.py INSTANCE.xml [--json REPORT.json] [--csv METADATA.json]
                     [--listing LISTING.json]

Each fact becomes (concept, entity, period, dimensions, unit, value, decimals)
with every QName expanded to {namespace}local and periods in OIM's form (a date
alone is the start of its day; as an end, of the next).  Prints the facts one
side has and the other lacks; exits 1 when there are any, 2 on bad input.
"""
import csv
import datetime
import json
import os
import sys
import xml.etree.ElementTree as ET

XBRLI = "http://www.xbrl.org/2003/instance"
XBRLDI = "http://xbrl.org/2006/xbrldi"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
PURE = ("{%s}pure" % XBRLI,)


def oim_time(text, is_end):
    text = text.strip()
    if len(text) == 10:
        day = datetime.date.fromisoformat(text)
        if is_end:
            day += datetime.timedelta(days=1)
        return day.isoformat() + "T00:00:00"
    return text


def expand(qname, nsmap):
    prefix, _, local = qname.strip().rpartition(":")
    return "{%s}%s" % (nsmap[prefix], local)


def read_instance(path):
    """The facts.  Prefixes are those declared anywhere in the file, each
    with its first namespace: the instances release2xbrl writes and extracts
    declare them all on the root."""
    root = ET.parse(path).getroot()
    nsmap = {}
    for _, item in ET.iterparse(path, events=("start-ns",)):
        nsmap.setdefault(item[0], item[1])
    contexts, units = {}, {}
    for ctx in root.findall("{%s}context" % XBRLI):
        ident = ctx.find("{%s}entity/{%s}identifier" % (XBRLI, XBRLI))
        entity = (ident.get("scheme"), ident.text.strip())
        p = ctx.find("{%s}period" % XBRLI)
        if p.find("{%s}instant" % XBRLI) is not None:
            period = oim_time(p.find("{%s}instant" % XBRLI).text, True)
        elif p.find("{%s}startDate" % XBRLI) is not None:
            period = "%s/%s" % (oim_time(p.find("{%s}startDate" % XBRLI).text, False),
                                oim_time(p.find("{%s}endDate" % XBRLI).text, True))
        else:
            period = None
        dims = {}
        for m in ctx.iter("{%s}explicitMember" % XBRLDI):
            dims[expand(m.get("dimension"), nsmap)] = expand(m.text, nsmap)
        for m in ctx.iter("{%s}typedMember" % XBRLDI):
            value = list(m)[0]
            nil = value.get("{%s}nil" % XSI) in ("true", "1")
            dims[expand(m.get("dimension"), nsmap)] = None if nil else (value.text or "").strip()
        contexts[ctx.get("id")] = (entity, period, frozenset(dims.items()))
    for unit in root.findall("{%s}unit" % XBRLI):
        div = unit.find("{%s}divide" % XBRLI)
        if div is None:
            num = tuple(sorted(expand(m.text, nsmap) for m in unit.findall("{%s}measure" % XBRLI)))
            den = ()
        else:
            num = tuple(sorted(expand(m.text, nsmap) for m in
                               div.findall("{%s}unitNumerator/{%s}measure" % (XBRLI, XBRLI))))
            den = tuple(sorted(expand(m.text, nsmap) for m in
                               div.findall("{%s}unitDenominator/{%s}measure" % (XBRLI, XBRLI))))
        units[unit.get("id")] = None if (num, den) == (PURE, ()) else (num, den)
    facts = []
    for f in root:
        if not isinstance(f.tag, str) or f.tag.startswith("{%s}" % XBRLI) or \
                f.tag.startswith("{http://www.xbrl.org/2003/linkbase}"):
            continue
        entity, period, dims = contexts[f.get("contextRef")]
        unit = units[f.get("unitRef")] if f.get("unitRef") else None
        nil = f.get("{%s}nil" % XSI) in ("true", "1")
        value = None if nil else (f.text or "")
        if f.get("unitRef") and value is not None:
            value = value.strip()
        dec = f.get("decimals")
        decimals = None if dec in (None, "INF") or nil else int(dec)
        facts.append((f.tag, entity, period, dims, unit, value, decimals))
    return facts


def oim_unit(text, ns):
    if not text:
        return None
    num, _, den = text.partition("/")
    split = lambda s: tuple(sorted(expand(m, ns) for m in s.strip("()").split("*") if m))
    return (split(num), split(den))


def oim_fact(concept, entity, period, dims, unit, value, decimals, ns):
    scheme_prefix, _, ident = entity.partition(":")
    return ("{%s}%s" % (ns[concept.partition(":")[0]], concept.partition(":")[2]),
            (ns[scheme_prefix], ident), period or None,
            frozenset((expand(a, ns), expand(m, ns) if m is not None and ":" in m and
                       m.partition(":")[0] in ns else m) for a, m in dims.items()),
            oim_unit(unit, ns), value, decimals)


def read_json(path):
    report = json.load(open(path, encoding="utf-8"))
    ns = report["documentInfo"]["namespaces"]
    facts = []
    for fact in report["facts"].values():
        d = dict(fact["dimensions"])
        concept, entity = d.pop("concept"), d.pop("entity")
        period, unit = d.pop("period", None), d.pop("unit", None)
        facts.append(oim_fact(concept, entity, period, d, unit, fact.get("value"),
                              fact.get("decimals"), ns))
    return facts


def cell(text):
    if text == "":
        return None
    if text == "#nil":
        return None
    if text == "#empty":
        return ""
    return text[1:] if text.startswith("##") else text


def read_csv(path):
    meta = json.load(open(path, encoding="utf-8"))
    ns = meta["documentInfo"]["namespaces"]
    facts = []
    for table in meta["tables"].values():
        template = meta["tableTemplates"][table.get("template")]
        dims_of = template["dimensions"]
        decimals_ref = template.get("decimals")
        url = os.path.join(os.path.dirname(path), table["url"])
        with open(url, encoding="utf-8", newline="") as fp:
            for row in csv.DictReader(fp):
                def ref(v):
                    return cell(row[v[1:]]) if isinstance(v, str) and v.startswith("$") else v
                d = {name: ref(v) for name, v in dims_of.items()}
                concept, entity = d.pop("concept"), d.pop("entity")
                period, unit = d.pop("period", None), d.pop("unit", None)
                d = {a: m for a, m in d.items() if m is not None}
                dec = ref(decimals_ref)
                value = "" if row["value"] == "#empty" else cell(row["value"])
                facts.append(oim_fact(concept, entity, period, d, unit, value,
                                      int(dec) if dec else None, ns))
    return facts


def read_listing(path):
    listing = json.load(open(path, encoding="utf-8"))
    ns = listing["namespaces"]
    facts = []
    for f in listing["facts"]:
        p = f["period"]
        if p is None or "forever" in p:
            period = None
        elif "instant" in p:
            period = oim_time(p["instant"], True)
        else:
            period = "%s/%s" % (oim_time(p["start"], False), oim_time(p["end"], True))
        unit = f["unit"]
        if unit == "xbrli:pure":
            unit = None
        dec = f["decimals"]
        facts.append(oim_fact(f["concept"], f["entity"], period, f["dimensions"], unit,
                              f["value"], None if dec in (None, "INF") or f["value"] is None
                              else int(dec), ns))
    return facts


def main(argv):
    if len(argv) < 4 or len(argv) % 2:
        print(__doc__.strip().splitlines()[-6], file=sys.stderr)
        return 2
    want = sorted(map(repr, read_instance(argv[1])))
    readers = {"--json": read_json, "--csv": read_csv, "--listing": read_listing}
    status = 0
    for flag, path in zip(argv[2::2], argv[3::2]):
        got = sorted(map(repr, readers[flag](path)))
        if got != want:
            status = 1
            missing = sorted(set(want) - set(got))
            extra = sorted(set(got) - set(want))
            print("%s %s: %d facts, the instance %d; %d missing, %d not in the instance"
                  % (flag, path, len(got), len(want), len(missing), len(extra)))
            for line in missing[:5]:
                print("  missing:", line)
            for line in extra[:5]:
                print("  extra:  ", line)
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv))
