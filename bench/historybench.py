#!/usr/bin/env python3
"""Times full-history scans of one git repository: keyward --history, gitleaks git, Kingfisher.

Called by bench/git-history.sh. Prints a table and writes bench/results/git-history-<date>.md.
"""

import argparse
import datetime
import json
import os
import subprocess
from pathlib import Path

import benchlib as bl

BENCH = Path(__file__).resolve().parent


def git(repo, *args):
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True).stdout.strip()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("repo")
    ap.add_argument("--planted", help="planted-secret list written by history.py (optional)")
    ap.add_argument("--results", default=str(BENCH / "results"))
    ap.add_argument("--label", help="names the repository in target names (e.g. 'generated 3000-commit repository')")
    ap.add_argument("--keyward", default=os.environ.get("KEYWARD_BIN"))
    ap.add_argument("--keyward-note", default=os.environ.get("KEYWARD_NOTE") or "not built")
    ap.add_argument("--runs", type=int, default=int(os.environ.get("RUNS", 3)))
    args = ap.parse_args()

    repo = Path(args.repo).resolve()
    where = f" ({args.label})" if args.label else ""
    results = Path(args.results)
    out = results / "history-out"
    out.mkdir(parents=True, exist_ok=True)
    commits = int(git(repo, "rev-list", "--all", "--count") or 0)
    blobs = git(repo, "cat-file", "--batch-all-objects", "--batch-check=%(objecttype) %(objectsize)").splitlines()
    blob_sizes = [int(l.split()[1]) for l in blobs if l.startswith("blob ")]
    pack = git(repo, "count-objects", "-vH")
    planted = []
    if args.planted and Path(args.planted).is_file():
        planted = [dict(p, id=str(i), file="", line=0)
                   for i, p in enumerate(json.loads(Path(args.planted).read_text())["secrets"])]
    bl.log(f"{repo}: {commits} commits, {len(blob_sizes)} blobs, {sum(blob_sizes) / 1e6:.0f} MB of blobs")

    rows = [dict(name="git cat-file (read every object)", version=bl.version_of(["git", "--version"]),
                 cmd=["git", "-C", str(repo), "cat-file", "--batch-all-objects", "--batch", "--unordered"],
                 codes={0}, floor=True)]
    if args.keyward and os.access(args.keyward, os.X_OK):
        rep = out / "keyward.json"
        rows.append(dict(name="keyward --history", version=bl.version_of([args.keyward, "--version"]),
                         cmd=[args.keyward, "scan", "--history", "--format", "json", "--output", str(rep),
                              "--no-color", "--show-secrets", str(repo)],
                         codes={0, 1}, report=rep, load=lambda p: bl.keyward_findings(p, repo)))
    else:
        rows.append(dict(name="keyward --history", missing=args.keyward_note))
    gl = bl.which_tool("gitleaks", BENCH)
    if gl:
        rep = out / "gitleaks.json"
        rows.append(dict(name="gitleaks git", version="gitleaks " + bl.version_of([gl, "version"]),
                         cmd=[gl, "git", str(repo), "--report-format", "json", "--report-path", str(rep),
                              "--no-banner", "--exit-code", "0", "--log-level", "warn"],
                         codes={0}, report=rep, load=lambda p: bl.gitleaks_findings(p, repo)))
    else:
        rows.append(dict(name="gitleaks git", missing="not installed"))
    kf = bl.which_tool("kingfisher", BENCH)
    if kf:
        rep = out / "kingfisher.json"
        rows.append(dict(name="kingfisher (history)", version=bl.version_of([kf, "--version"]),
                         cmd=[kf, "scan", str(repo), "--git-history", "full", "--no-validate",
                              "--no-update-check", "-q", "--format", "json", "--output", str(rep)],
                         codes={0, 200, 205}, report=rep, warmup=1,
                         load=lambda p: bl.kingfisher_findings(p, repo)))
    else:
        rows.append(dict(name="kingfisher (history)", missing="not installed"))

    for r in rows:
        if "missing" in r:
            continue
        bl.log(f"{r['name']}: {' '.join(r['cmd'])}")
        r.update(bl.measure(r["cmd"], args.runs, r["codes"], warmup=r.get("warmup", 0)))
        if r["ok"] and "load" in r:
            try:
                findings = r["load"](r["report"])
                r["findings"] = len(findings)
                if planted:
                    st, _ = bl.planted_found(planted, findings)
                    r["planted"] = [sum(v[0] for v in st.values()), sum(v[1] for v in st.values())]
            except (OSError, ValueError, KeyError) as e:
                r["ok"], r["error"] = False, [f"cannot read report: {e}"]

    date = datetime.datetime.now().strftime("%Y-%m-%d-%H%M")
    lines = [f"# keyward git history benchmark — {datetime.datetime.now():%Y-%m-%d %H:%M}", "",
             f"Repository: `{repo}`{where} — {commits} commits, {len(blob_sizes)} blobs "
             f"({sum(blob_sizes) / 1e6:.0f} MB uncompressed), "
             f"pack {next((l.split(': ')[1] for l in pack.splitlines() if l.startswith('size-pack')), '?')}. "
             f"Wall: best of {args.runs}; peak RSS: largest of the runs." + bl.load_note(), "",
             "| tool | wall s | peak RSS MB | planted found / total | findings |", "|---|---:|---:|---:|---:|"]
    for r in rows:
        if "missing" in r:
            lines.append(f"| {r['name']} | {r['missing']} | | | |")
        elif not r["ok"]:
            lines.append(f"| {r['name']} | failed (exit {r.get('rc')}): {' '.join(r.get('error', []))[:80]} | | | |")
        else:
            pf = f"{r['planted'][0]}/{r['planted'][1]}" if "planted" in r else "–"
            lines.append(f"| {r['name']} | {r['wall']:.2f} | {r['rss_kb'] / 1024:.0f} | {pf} | "
                         f"{r.get('findings', '–')} |")
    lines += ["", "Targets:", ""]
    by = {r["name"].split()[0]: r for r in rows}
    kw = by.get("keyward")
    if args.label and args.label.startswith("real repository"):
        command = "HISTORY_REPO=self bash bench/git-history.sh"
    else:
        command = "bash bench/git-history.sh" + (f" (HISTORY_REPO={repo})" if not args.planted else "")
    for other in ("gitleaks", "kingfisher"):
        name = f"--history at least 3x faster than {other}{where}"
        o = by.get(other)
        if not (kw and kw.get("ok") and o and o.get("ok")):
            passed, measured = None, "not measured (tool missing or failed)"
        else:
            passed = kw["wall"] * 3 <= o["wall"]
            measured = f"keyward {kw['wall']:.2f} s vs {other} {o['wall']:.2f} s = {o['wall'] / kw['wall']:.1f}x"
        bl.record_target("history", name, passed, measured, command)
        lines.append(bl.target_line(name, passed, measured, command))
    if kw and kw.get("ok") and "planted" in kw:
        found, total = kw["planted"]
        bl.record_target("history", "every planted history secret found", found == total,
                         f"{found}/{total}", command)
        lines.append(bl.target_line("every planted history secret found", found == total, f"{found}/{total}", command))
    lines += ["", "Versions and commands:", ""]
    lines += [f"- {r['name']} ({r['version']}): `{' '.join(r['cmd'])}`" for r in rows if "cmd" in r]
    md = "\n".join(lines) + "\n"
    print(md)
    # The real-repository run follows the generated one within a minute: a name of its own.
    stem = "git-history-self" if command.startswith("HISTORY_REPO=self") else "git-history"
    (results / f"{stem}-{date}.md").write_text(md)
    bl.log(f"wrote {results / f'{stem}-{date}.md'}")


if __name__ == "__main__":
    main()
