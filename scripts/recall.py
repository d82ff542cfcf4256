#!/usr/bin/env python3
"""Recall and precision of a keyward binary on fixtures/recall (see fixtures/recall/README.md).

    python3 scripts/recall.py [.build/debug/keyward]

Writes every case of fixtures/recall/*.txt to its own file in a temporary tree, scans the tree
once with `keyward scan --format json`, and prints, per class, how many positive cases were found
by their expected rule and how many negative cases gave a finding. Exit status 1 when a positive
is missed or a negative is reported.
"""
import json, os, pathlib, re, subprocess, sys, tempfile

HEADER = re.compile(r"^### (\S+) \| (\S+) \| (\S+) \| (.*)$")
ROOT = pathlib.Path(__file__).resolve().parent.parent


def cases(path):
    """(id, expected rule or 'none', file name, source, body) for each case of one class file."""
    current = None
    for line in path.read_text().split("\n"):
        match = HEADER.match(line)
        if match:
            if current:
                yield current
            current = [*match.groups(), []]
        elif current is not None:
            current[4].append(line)
    if current:
        yield current


def body_text(lines):
    while lines and lines[-1] == "":
        lines = lines[:-1]
    return "\n".join(lines) + "\n"


def reported(expect, rules):
    """Whether a negative case gave a finding it must not give: any ('none') or one rule ('not:ID')."""
    return expect[4:] in rules if expect.startswith("not:") else bool(rules)


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else str(ROOT / ".build/debug/keyward")
    classes = sorted((ROOT / "fixtures/recall").glob("*.txt"))
    with tempfile.TemporaryDirectory() as tmp:
        table = []
        for cls in classes:
            for case_id, expect, name, _source, lines in cases(cls):
                target = pathlib.Path(tmp, cls.stem, case_id, name)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(body_text(lines))
                table.append((cls.stem, case_id, expect))
        run = subprocess.run([binary, "scan", "--format", "json", tmp], capture_output=True, text=True)
        if run.returncode not in (0, 1):
            sys.exit(f"scan failed ({run.returncode}): {run.stderr}")
        found = {}
        for finding in json.loads(run.stdout)["findings"]:
            cls, case_id = finding["path"].split("/")[:2]
            found.setdefault((cls, case_id), set()).add(finding["rule_id"])
    ok = True
    totals = [0, 0, 0, 0]
    for cls in [c.stem for c in classes]:
        rows = [row for row in table if row[0] == cls]
        pos = [r for r in rows if r[2] != "none" and not r[2].startswith("not:")]
        neg = [r for r in rows if r not in pos]
        hit = [r for r in pos if r[2] in found.get(r[:2], set())]
        loud = [r for r in neg if reported(r[2], found.get(r[:2], set()))]
        print(f"{cls:16} positives {len(hit):3}/{len(pos):<3} negatives reported {len(loud):3}/{len(neg)}")
        for r in pos:
            if r not in hit:
                print(f"    missed   {r[1]} (expected {r[2]}; got {sorted(found.get(r[:2], [])) or 'nothing'})")
        for r in loud:
            print(f"    reported {r[1]}: {sorted(found[r[:2]])}")
        ok = ok and len(hit) == len(pos) and not loud
        totals = [totals[0] + len(hit), totals[1] + len(pos), totals[2] + len(loud), totals[3] + len(neg)]
    print(f"{'total':16} positives {totals[0]:3}/{totals[1]:<3} negatives reported {totals[2]:3}/{totals[3]}")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
