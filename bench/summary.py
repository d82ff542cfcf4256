#!/usr/bin/env python3
"""Prints every benchmark target recorded by this `make bench` run (bench/results/targets.jsonl)
with PASS/FAIL and the command that reproduces it. Exit 1 when a target failed or was not measured."""

import json
import sys

import benchlib as bl


def main():
    if not bl.TARGETS.is_file():
        print("no targets recorded (run `make bench`)")
        return 1
    rows = [json.loads(line) for line in bl.TARGETS.read_text().splitlines() if line.strip()]
    print("\n# keyward benchmark targets\n")
    for r in rows:
        print(bl.target_line(f"[{r['step']}] {r['target']}", r["passed"], r["measured"], r["command"]))
    failed = [r for r in rows if r["passed"] is not True]
    print(f"\n{len(rows) - len(failed)}/{len(rows)} targets passed" + (bl.load_note() or ""))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
