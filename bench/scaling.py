#!/usr/bin/env python3
"""Scan throughput and peak memory at 50, 200 and 800 MB: the cost must be linear and the peak
RSS under 100 MB at every size.

The trees are hard links into bench/corpus (no extra disk, and the page cache stays warm): 50 MB
is a prefix of the corpus, 200 MB the corpus itself (topped up with a second linked copy when it
is smaller), 800 MB four linked copies. keyward reads file contents, so linked copies cost the
same as distinct files. Target: MB/s at 800 MB at least 80 % of MB/s at 200 MB (linear), peak RSS
< 100 MB at 50, 200 and 800 MB.

    python3 bench/scaling.py [--sizes 50 200 800] [--runs 2]
"""

import argparse
import os
import shutil
import sys
from pathlib import Path

import benchlib as bl

BENCH = Path(__file__).resolve().parent


def corpus_files(corpus):
    files = []
    for dirpath, dirs, names in os.walk(corpus):
        dirs.sort()
        for name in sorted(names):
            path = Path(dirpath) / name
            files.append((path, path.lstat().st_size))
    return files


def build_tree(files, corpus, dest, size):
    """Hard-links corpus files into dest until `size` bytes (copies numbered copy0, copy1…)."""
    stamp = dest / ".stamp"
    if stamp.is_file() and stamp.read_text() == str(size):
        return sum(f.stat().st_size for f in dest.rglob("*") if f.is_file() and f.name != ".stamp")
    shutil.rmtree(dest, ignore_errors=True)
    dest.mkdir(parents=True)
    total, copy = 0, 0
    while total < size:
        for path, n in files:
            if total >= size:
                break
            target = dest / f"copy{copy}" / path.relative_to(corpus)
            target.parent.mkdir(parents=True, exist_ok=True)
            os.link(path, target)
            total += n
        copy += 1
    stamp.write_text(str(size))
    return total


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=str(BENCH / "corpus"))
    ap.add_argument("--sizes", type=int, nargs="*", default=[50, 200, 800])
    ap.add_argument("--runs", type=int, default=int(os.environ.get("RUNS", 2)))
    ap.add_argument("--keyward", default=os.environ.get("KEYWARD_BIN") or str(BENCH.parent / ".build/release/keyward"))
    args = ap.parse_args()
    corpus = Path(args.corpus).resolve()
    command = "python3 bench/scaling.py"
    if not os.access(args.keyward, os.X_OK) or not corpus.is_dir():
        for size in args.sizes:
            bl.record_target("scaling", f"peak RSS < 100 MB at {size} MB", None, "keyward or corpus missing", command)
        bl.record_target("scaling", "linear cost (MB/s at the largest >= 80% of 200 MB)", None, "not measured", command)
        return 1
    files = corpus_files(corpus)
    rows = []
    for size in args.sizes:
        tree = BENCH / "results" / "scale" / f"{size}mb"
        nbytes = build_tree(files, corpus, tree, size * 1_000_000)
        bl.log(f"scaling: {tree} ({nbytes / 1e6:.0f} MB)")
        # warm the page cache once (hard links share pages with the corpus)
        for f in tree.rglob("*"):
            if f.is_file():
                with open(f, "rb") as fh:
                    while fh.read(1 << 20):
                        pass
        # a real file: never point --output at /dev/null (older builds replaced it by renaming)
        cmd = [args.keyward, "scan", str(tree), "--format", "json", "--output",
               str(BENCH / "results" / "scale" / "report.json"), "--no-color"]
        m = bl.measure(cmd, args.runs, {0, 1})
        rows.append((size, nbytes, m, cmd))
    lines = ["# keyward scaling benchmark", "", "| size | wall s | MB/s | peak RSS MB |", "|---:|---:|---:|---:|"]
    rates = {}
    for size, nbytes, m, cmd in rows:
        if not m["ok"]:
            lines.append(f"| {size} MB | failed (exit {m.get('rc')}) | | |")
            bl.record_target("scaling", f"peak RSS < 100 MB at {size} MB", False, "scan failed", command)
            continue
        rate = nbytes / 1e6 / m["wall"]
        rates[size] = rate
        rss = m["rss_kb"] / 1024
        lines.append(f"| {nbytes / 1e6:.0f} MB | {m['wall']:.2f} | {rate:.0f} | {rss:.0f} |")
        bl.record_target("scaling", f"peak RSS < 100 MB at {size} MB", rss < 100,
                         f"{rss:.0f} MB peak RSS, {rate:.0f} MB/s", command)
    largest = max(rates) if rates else None
    if 200 in rates and largest and largest > 200:
        ratio = rates[largest] / rates[200]
        bl.record_target("scaling", f"linear cost (MB/s at {largest} MB >= 80% of MB/s at 200 MB)", ratio >= 0.8,
                         " · ".join(f"{s} MB: {r:.0f} MB/s" for s, r in sorted(rates.items())) + f" (ratio {ratio:.2f})",
                         command)
    else:
        bl.record_target("scaling", "linear cost", None, "not measured", command)
    lines += ["", "Command per size: `" + " ".join(rows[0][3]).replace(str(rows[0][3][2]), "TREE", 1) + "`" + bl.load_note()]
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
