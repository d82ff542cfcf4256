"""Shared helpers for the keyward benchmarks: timing, report parsing, planted-secret matching."""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

GNU_TIME = "/usr/bin/time"


def log(msg):
    print(f"[bench] {msg}", file=sys.stderr, flush=True)


def time_once(cmd, stdout=None, cwd=None, env=None):
    """Run cmd once; return (wall seconds, peak RSS in KB, exit code).

    Uses GNU time (`-f "%e %M"`) when installed, else wait4's rusage of the child (same source)."""
    out = open(stdout, "wb") if stdout else subprocess.DEVNULL
    err = tempfile.TemporaryFile()
    try:
        if os.access(GNU_TIME, os.X_OK):
            with tempfile.NamedTemporaryFile("r", suffix=".time") as tf:
                t0 = time.perf_counter()
                rc = subprocess.call([GNU_TIME, "-f", "%e %M", "-o", tf.name, "--", *cmd],
                                     stdout=out, stderr=err, cwd=cwd, env=env)
                wall_pc = time.perf_counter() - t0
                fields = (tf.read().strip().splitlines() or ["0 0"])[-1].split()
                try:
                    wall, rss = float(fields[0]), int(fields[1])
                except (ValueError, IndexError):  # "Command exited with non-zero status" only
                    wall, rss = wall_pc, 0
                # GNU time prints 0.01 s resolution; keep the finer clock when it agrees
                if abs(wall - wall_pc) < 0.05:
                    wall = wall_pc
        else:
            t0 = time.perf_counter()
            p = subprocess.Popen(cmd, stdout=out, stderr=err, cwd=cwd, env=env)
            _, status, ru = os.wait4(p.pid, 0)
            wall = time.perf_counter() - t0
            rss = ru.ru_maxrss
            rc = os.waitstatus_to_exitcode(status)
            p.returncode = rc
        err.seek(0)
        tail = err.read()[-2000:].decode(errors="replace")
    finally:
        if stdout:
            out.close()
        err.close()
    return wall, rss, rc, tail


def measure(cmd, runs, ok_codes, warmup=0, stdout=None, cwd=None, env=None):
    """Best-of-`runs` wall time and the largest peak RSS seen; None-valued on a failed run."""
    for _ in range(warmup):
        time_once(cmd, stdout=stdout, cwd=cwd, env=env)
    walls, rsss = [], []
    for i in range(runs):
        wall, rss, rc, tail = time_once(cmd, stdout=stdout, cwd=cwd, env=env)
        if rc not in ok_codes:
            log(f"run {i + 1} failed with exit code {rc}: {' '.join(map(str, cmd))}\n{tail}")
            return {"ok": False, "rc": rc, "error": tail.strip().splitlines()[-1:] or [""]}
        walls.append(wall)
        rsss.append(rss)
        log(f"  run {i + 1}/{runs}: {wall:.2f}s {rss / 1024:.0f} MB (exit {rc})")
    return {"ok": True, "rc": rc, "wall": min(walls), "walls": walls, "rss_kb": max(rsss)}


def which_tool(name, bench):
    """Path of a comparison tool: bench/.venv/tools/NAME first, then $PATH."""
    local = Path(bench) / ".venv" / "tools" / name
    if os.access(local, os.X_OK):
        return str(local)
    return shutil.which(name)


def version_of(cmd):
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=30)
        return (out.stdout or out.stderr).strip().splitlines()[0]
    except (OSError, subprocess.SubprocessError, IndexError):
        return "unknown"


# ---- findings, normalised: {"path", "line", "end_line", "texts": [...], "match": str|None} -------

def _rel(path, root):
    if not path:
        return ""
    p = os.path.normpath(path)
    root = os.path.normpath(str(root))
    if os.path.isabs(p) and (p == root or p.startswith(root + os.sep)):
        return os.path.relpath(p, root)
    return p


def keyward_findings(report_path, root):
    data = json.loads(Path(report_path).read_text())
    out = []
    for f in data.get("findings", []):
        texts = [t for t in (f.get("key_id"), f.get("secret")) if t]
        line = f.get("line") or 0
        out.append({"path": _rel(f.get("path", ""), root), "line": line,
                    "end_line": f.get("end_line") or line, "texts": texts, "match": f.get("match"),
                    "rule": f.get("rule_id", "")})
    return out


def gitleaks_findings(report_path, root):
    data = json.loads(Path(report_path).read_text() or "[]")
    out = []
    for f in data or []:
        out.append({"path": _rel(f.get("File", ""), root), "line": f.get("StartLine", 0),
                    "end_line": f.get("EndLine", 0), "texts": [f.get("Secret", ""), f.get("Match", "")],
                    "match": None, "rule": f.get("RuleID", ""), "commit": f.get("Commit", "")})
    return out


def kingfisher_findings(report_path, root):
    text = Path(report_path).read_text()
    try:
        data = json.loads(text)
        items = data.get("findings", []) if isinstance(data, dict) else data
    except ValueError:  # JSON Lines
        items = [json.loads(l) for l in text.splitlines() if l.strip().startswith("{")]
    out = []
    for item in items:
        f = item.get("finding", item)
        texts = [f.get("snippet", "")] + list((f.get("dependent_captures") or {}).values())
        line = f.get("line", 0)
        out.append({"path": _rel(f.get("path", ""), root), "line": line, "end_line": line,
                    "texts": texts, "match": None, "rule": item.get("rule", {}).get("id", "")})
    return out


def rg_findings(matches_path):
    lines = Path(matches_path).read_text(errors="replace").splitlines()
    return [{"path": "", "line": 0, "end_line": 0, "texts": [l.strip()], "match": None, "rule": "regex"}
            for l in lines if l.strip()]


# ---- planted secrets ---------------------------------------------------------------------------

def _needle(value):
    lines = value.splitlines()
    if len(lines) > 1:  # PEM: the first base64 line is unique, the BEGIN line is not
        return lines[1].strip()
    return value


def _redacted_fits(match, value):
    if not match or "…" not in match:
        return False
    head, tail = match.split("…", 1)
    head, tail = head.strip(), tail.strip()
    return bool(head) and value.startswith(head) and value.rstrip().endswith(tail)


def planted_found(planted, findings):
    """Per planted-secret type: [found, total]; plus the ids of the planted secrets found."""
    blob = "\n".join(t for f in findings for t in f["texts"] if t)
    by_loc = {}
    for f in findings:
        if f["path"] and f["match"]:
            by_loc.setdefault(f["path"], []).append(f)
    stats, found_ids = {}, []
    for p in planted:
        s = stats.setdefault(p["type"], [0, 0])
        s[1] += 1
        hit = _needle(p["value"]) in blob
        if not hit:
            for f in by_loc.get(p["file"], []):
                if f["line"] <= p["line"] <= max(f["end_line"], f["line"]) and _redacted_fits(f["match"], p["value"]):
                    hit = True
                    break
        if hit:
            s[0] += 1
            found_ids.append(p["id"])
    return stats, found_ids


def load_note():
    """One sentence on how busy the machine was: timings on a shared machine need this context."""
    try:
        one, five, _ = os.getloadavg()
    except OSError:
        return ""
    return f" Load average at the end: {one:.1f} (1 min), {five:.1f} (5 min) on {os.cpu_count()} cores."


TARGETS = Path(__file__).resolve().parent / "results" / "targets.jsonl"


def record_target(step, name, passed, measured, command):
    """Append one target's verdict to bench/results/targets.jsonl (printed by bench/summary.py).

    passed: True, False, or None when it could not be measured (a missing tool): never a PASS."""
    TARGETS.parent.mkdir(parents=True, exist_ok=True)
    with open(TARGETS, "a") as f:
        f.write(json.dumps({"step": step, "target": name, "passed": passed, "measured": measured,
                            "command": command}) + "\n")
    verdict = "PASS" if passed else ("FAIL" if passed is False else "NOT MEASURED")
    log(f"target {verdict}: {name} — {measured}")
    return verdict


def target_line(name, passed, measured, command):
    verdict = "PASS" if passed else ("FAIL" if passed is False else "NOT MEASURED")
    return f"- **{verdict}** {name}: {measured} — reproduce: `{command}`"
