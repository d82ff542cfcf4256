#!/usr/bin/env python3
"""Times keyward, ripgrep, gitleaks and Kingfisher on the benchmark corpus, side by side.

Called by bench/run.sh (which builds the corpus and keyward first). Prints a table and writes
bench/results/scan-<date>.md plus scan-<date>.json.
"""

import argparse
import datetime
import json
import os
import sys
from pathlib import Path

import benchlib as bl

AWS_ID_REGEX = r"(A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}"
BENCH = Path(__file__).resolve().parent


def corpus_size(root):
    n = 0
    for dirpath, _, files in os.walk(root):
        for f in files:
            n += os.lstat(os.path.join(dirpath, f)).st_size
    return n


def tools(args, corpus, out):
    """(name, version, timed command, ok exit codes, findings loader, flags note) per available tool."""
    rows = []
    kw = args.keyward
    if kw and os.access(kw, os.X_OK):
        rep = out / "keyward.json"
        rows.append(dict(
            name="keyward", version=bl.version_of([kw, "--version"]),
            cmd=[kw, "scan", str(corpus), "--format", "json", "--output", str(rep), "--no-color"],
            codes={0, 1}, report=rep, eval_cmd=[kw, "scan", str(corpus), "--format", "json", "--output",
                                             str(out / "keyward-secrets.json"), "--no-color", "--show-secrets"],
            eval_report=out / "keyward-secrets.json",
            load=lambda p: bl.keyward_findings(p, corpus)))
    else:
        rows.append(dict(name="keyward", missing=args.keyward_note or "not built"))
    rg = bl.which_tool("rg", BENCH)
    if rg:
        rows.append(dict(
            name="rg (AWS ID regex)", version=bl.version_of([rg, "--version"]),
            cmd=[rg, "-c", "--no-config", "-uu", AWS_ID_REGEX, str(corpus)], stdout=out / "rg-counts.txt",
            codes={0, 1}, report=out / "rg-matches.txt",
            eval_cmd=[rg, "-o", "-N", "--no-filename", "--no-config", "-uu", AWS_ID_REGEX, str(corpus)],
            eval_stdout=out / "rg-matches.txt", eval_report=out / "rg-matches.txt",
            load=bl.rg_findings, only_types={"aws-access-key-id"}))
    else:
        rows.append(dict(name="rg (AWS ID regex)", missing="not installed"))
    gl = bl.which_tool("gitleaks", BENCH)
    if gl:
        rep = out / "gitleaks.json"
        rows.append(dict(
            name="gitleaks", version="gitleaks " + bl.version_of([gl, "version"]),
            cmd=[gl, "dir", str(corpus), "--report-format", "json", "--report-path", str(rep),
                 "--no-banner", "--exit-code", "0", "--log-level", "warn"],
            codes={0}, report=rep, load=lambda p: bl.gitleaks_findings(p, corpus)))
    else:
        rows.append(dict(name="gitleaks", missing="not installed"))
    kf = bl.which_tool("kingfisher", BENCH)
    if kf:
        rep = out / "kingfisher.json"
        rows.append(dict(
            name="kingfisher", version=bl.version_of([kf, "--version"]),
            cmd=[kf, "scan", str(corpus), "--no-validate", "--no-update-check", "-q",
                 "--format", "json", "--output", str(rep)],
            codes={0, 200, 205}, report=rep, warmup=1,  # first run compiles its Vectorscan rule cache
            load=lambda p: bl.kingfisher_findings(p, corpus)))
    else:
        rows.append(dict(name="kingfisher", missing="not installed"))
    return [r for r in rows if r["name"].split()[0] in args.only or not args.only]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=str(BENCH / "corpus"))
    ap.add_argument("--planted", default=str(BENCH / "results" / "planted.json"))
    ap.add_argument("--results", default=str(BENCH / "results"))
    ap.add_argument("--keyward", default=os.environ.get("KEYWARD_BIN"))
    ap.add_argument("--keyward-note", default=os.environ.get("KEYWARD_NOTE"))
    ap.add_argument("--runs", type=int, default=int(os.environ.get("RUNS", 3)))
    ap.add_argument("--only", nargs="*", default=[], help="subset: keyward rg gitleaks kingfisher")
    args = ap.parse_args()

    corpus = Path(args.corpus).resolve()
    results = Path(args.results)
    out = results / "scan-out"
    out.mkdir(parents=True, exist_ok=True)
    planted = json.loads(Path(args.planted).read_text())["secrets"]
    nbytes = corpus_size(corpus)
    nfiles = sum(len(f) for _, _, f in os.walk(corpus))
    bl.log(f"corpus {corpus}: {nbytes / 1e6:.1f} MB, {nfiles} files, {len(planted)} planted secrets")

    rows = tools(args, corpus, out)
    for r in rows:
        if "missing" in r:
            continue
        bl.log(f"{r['name']}: {' '.join(r['cmd'])}")
        m = bl.measure(r["cmd"], args.runs, r["codes"], warmup=r.get("warmup", 0), stdout=r.get("stdout"))
        r.update(m)
        if not m["ok"]:
            continue
        report = r["report"]
        if r.get("eval_cmd"):  # an untimed run whose output is used to count planted secrets
            wall, _, rc, _ = bl.time_once(r["eval_cmd"], stdout=r.get("eval_stdout"))
            if rc in r["codes"] and Path(r["eval_report"]).is_file():
                report = r["eval_report"]
            else:
                bl.log(f"{r['name']}: evaluation run failed (exit {rc}); counting from the timed report")
        try:
            findings = r["load"](report)
            r["findings"] = len(findings)
            stats, found = bl.planted_found(planted, findings)
            if r.get("only_types"):
                stats = {k: v for k, v in stats.items() if k in r["only_types"]}
            r["planted"] = stats
        except (OSError, ValueError, KeyError) as e:
            r["error"] = [f"cannot read report: {e}"]
            r["ok"] = False

    date = datetime.datetime.now().strftime("%Y-%m-%d-%H%M")
    md = render(rows, corpus, nbytes, nfiles, planted, args.runs) + targets(rows, nbytes)
    print(md)
    (results / f"scan-{date}.md").write_text(md)
    (results / f"scan-{date}.json").write_text(json.dumps(
        {"corpus_bytes": nbytes, "files": nfiles,
         "rows": [{k: v for k, v in r.items() if k not in ("load",)} for r in rows]},
        indent=1, default=str))
    bl.log(f"wrote {results / f'scan-{date}.md'}")


def targets(rows, nbytes):
    """Issue 9's scan targets: >= 0.5x ripgrep's single-pattern throughput, >= 8x Kingfisher's,
    every planted key found. Recorded for bench/summary.py and appended to the report."""
    by = {r["name"].split()[0]: r for r in rows}
    command = f"CORPUS_MB={round(nbytes / 1e6)} bash bench/run.sh"

    def rate(name):
        r = by.get(name)
        return nbytes / 1e6 / r["wall"] if r and r.get("ok") else None

    kw, rg, kf = rate("keyward"), rate("rg"), rate("kingfisher")
    lines = ["", "Targets:", ""]
    for label, other, factor in (("ripgrep (one AWS pattern)", rg, 0.5), ("Kingfisher", kf, 8.0)):
        name = f"directory scan, full pack, >= {factor:g}x {label} throughput"
        if kw is None or other is None:
            passed, measured = None, "not measured (tool missing or failed)"
        else:
            passed = kw >= factor * other
            measured = f"keyward {kw:.0f} MB/s vs {other:.0f} MB/s = {kw / other:.2f}x"
        bl.record_target("scan", name, passed, measured, command)
        lines.append(bl.target_line(name, passed, measured, command))
    r = by.get("keyward")
    if r and r.get("ok") and "planted" in r:
        f, t = sum(v[0] for v in r["planted"].values()), sum(v[1] for v in r["planted"].values())
        passed, measured = f == t, f"{f}/{t} planted secrets found"
    else:
        passed, measured = None, "not measured"
    bl.record_target("scan", "every planted key found by keyward", passed, measured, command)
    lines.append(bl.target_line("every planted key found by keyward", passed, measured, command))
    return "\n".join(lines) + "\n"


def render(rows, corpus, nbytes, nfiles, planted, runs):
    types = sorted({p["type"] for p in planted})
    lines = [f"# keyward scan benchmark — {datetime.datetime.now():%Y-%m-%d %H:%M}", "",
             f"Corpus: `{corpus}` — {nbytes / 1e6:.1f} MB, {nfiles} files, {len(planted)} planted fake secrets. "
             f"Wall: best of {runs} (page cache warm); peak RSS: largest of the runs. "
             f"Machine: {os.cpu_count()} cores." + bl.load_note(), "",
             "| tool | wall s | MB/s | peak RSS MB | planted found / total | total findings |",
             "|---|---:|---:|---:|---:|---:|"]
    for r in rows:
        if "missing" in r:
            lines.append(f"| {r['name']} | {r['missing']} | | | | |")
        elif not r.get("ok"):
            lines.append(f"| {r['name']} | failed (exit {r.get('rc')}): {' '.join(r.get('error', []))[:80]} | | | | |")
        else:
            st = r["planted"]
            f, t = sum(v[0] for v in st.values()), sum(v[1] for v in st.values())
            note = " (AWS IDs only)" if r.get("only_types") else ""
            lines.append(f"| {r['name']} | {r['wall']:.2f} | {nbytes / 1e6 / r['wall']:.0f} | "
                         f"{r['rss_kb'] / 1024:.0f} | {f}/{t}{note} | {r['findings']} |")
    lines += ["", "Planted secrets found, by type:", "",
              "| tool | " + " | ".join(types) + " |", "|---|" + "---:|" * len(types)]
    for r in rows:
        if r.get("ok") and "planted" in r:
            cells = [f"{r['planted'][t][0]}/{r['planted'][t][1]}" if t in r["planted"] else "–" for t in types]
            lines.append(f"| {r['name']} | " + " | ".join(cells) + " |")
    lines += ["", "Versions and commands:", ""]
    for r in rows:
        if "cmd" in r:
            lines.append(f"- {r['name']} ({r['version']}): `{' '.join(r['cmd'])}`")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
