#!/usr/bin/env python3
"""Build the benchmark corpus: real text found on this machine plus planted fake secrets.

    bench/corpus.py [SIZE_MB] [--seed N] [--out DIR] [--planted FILE] [--force]

The corpus (default 256 MB, at least 200 MB unless --allow-small) is made of:
  * several thousand plain-text files copied from the machine (Python sources, C headers,
    Swift interfaces, docs, man pages decompressed, Perl modules...), keeping their trees
    under corpus/<source>/...; files holding a NUL byte are skipped;
  * one ~30 MB log-like file (corpus/logs/app.log) built from real log and source lines;
  * one ~8 MB minified-JS-like file with very long lines (corpus/web/bundle.min.js);
  * fake secrets planted at random places: AWS key ID + secret pairs in realistic contexts,
    GitHub PATs, Slack bot tokens, Stripe live keys, PEM private keys.

Everything is drawn from one seeded RNG, so the same seed on the same machine gives the same
corpus. The list of planted secrets goes OUTSIDE the corpus (default bench/results/planted.json)
so that scanners never see it. An existing corpus built with the same parameters is reused.
"""

import argparse
import gzip
import json
import os
import random
import shutil
import sys
import time
from pathlib import Path

from plant import Planter

VERSION = 3  # bump when the corpus layout or the planting changes
BENCH = Path(__file__).resolve().parent
MAX_FILE = 1 << 20  # regular files larger than this are skipped
MIN_FILE = 64

# (label, root, weight, allowed suffixes or None for any text)
SOURCES = [
    ("python", "/root/.pyenv/versions/3.11.7/lib/python3.11", 0.34, None),
    ("python-dist", "/usr/lib/python3", 0.06, None),
    ("include", "/usr/include", 0.16, None),
    ("doc", "/usr/share/doc", 0.10, None),
    ("man", "/usr/share/man", 0.10, (".gz",)),
    ("perl", "/usr/share/perl", 0.06, None),
    ("perl5", "/usr/share/perl5", 0.01, None),
    ("swift", "/opt/swift/usr/lib/swift",
     0.05, (".swiftinterface", ".h", ".modulemap", ".apinotes", ".json", ".md", ".txt")),
    ("i18n", "/usr/share/i18n", 0.03, None),
    ("rust-doc", "/root/.rustup/toolchains", 0.09, (".md", ".rs", ".toml", ".txt", ".css")),
]
JS_GLOBS = [
    "/usr/share/javascript/**/*.js",
    "/usr/share/gitweb/**/*.js",
    "/root/.rustup/toolchains/*/share/doc/rust/html/static.files/*.js",
    "/root/.pyenv/versions/3.11.7/lib/python3.11/**/*.js",
]
LOG_SOURCES = ["/var/log/dpkg.log", "/var/log/alternatives.log", "/var/log/apt/history.log",
               "/var/log/apt/term.log"]


def log(msg):
    print(f"[corpus] {msg}", file=sys.stderr, flush=True)


def is_text(data: bytes) -> bool:
    if b"\x00" in data:
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def candidates(root, suffixes):
    """Every regular file under root (sorted walk) with an acceptable size and suffix."""
    out = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        # never descend into VCS metadata or caches
        dirnames[:] = [d for d in dirnames if d not in (".git", "__pycache__")]
        for name in sorted(filenames):
            if suffixes and not name.endswith(suffixes):
                continue
            path = os.path.join(dirpath, name)
            try:
                st = os.lstat(path)
            except OSError:
                continue
            if not os.path.isfile(path) or os.path.islink(path):
                continue
            limit = MAX_FILE // 4 if name.endswith(".gz") else MAX_FILE
            if MIN_FILE <= st.st_size <= limit:
                out.append(path)
    return out


def read_text(path):
    try:
        with open(path, "rb") as f:
            data = f.read(MAX_FILE * 4 + 1)
        if path.endswith(".gz"):
            data = gzip.decompress(data)
    except (OSError, EOFError, gzip.BadGzipFile, ValueError):
        return None
    if len(data) > MAX_FILE or len(data) < MIN_FILE or not is_text(data):
        return None
    return data


def pick_files(rng, budget):
    """Choose real text files per source weight until the byte budget is met."""
    chosen = []  # (label, source path, relative destination, data)
    leftovers = []
    total = 0
    for label, root, weight, suffixes in SOURCES:
        if not os.path.isdir(root):
            log(f"source {root} missing, skipped")
            continue
        files = candidates(root, suffixes)
        rng.shuffle(files)
        quota = int(budget * weight)
        taken = 0
        i = 0
        while i < len(files) and taken < quota:
            data = read_text(files[i])
            if data is not None:
                rel = os.path.relpath(files[i], root)
                if rel.endswith(".gz"):
                    rel = rel[:-3]
                chosen.append((label, rel, data))
                taken += len(data)
            i += 1
        leftovers.extend((label, root, p) for p in files[i:])
        total += taken
        log(f"{label:12s} {taken / 1e6:7.1f} MB from {root}")
    rng.shuffle(leftovers)
    for label, root, path in leftovers:
        if total >= budget:
            break
        data = read_text(path)
        if data is None:
            continue
        rel = os.path.relpath(path, root)
        if rel.endswith(".gz"):
            rel = rel[:-3]
        chosen.append((label, rel, data))
        total += len(data)
    return chosen, total


def real_lines(rng, chosen, count):
    """A pool of real, non-empty lines (up to 200 chars) sampled from the chosen files."""
    pool = []
    for _, _, data in rng.sample(chosen, min(len(chosen), 400)):
        for line in data.decode("utf-8").splitlines():
            line = line.strip()
            if 8 <= len(line) <= 200:
                pool.append(line)
    for path in LOG_SOURCES:
        try:
            pool.extend(l for l in Path(path).read_text(errors="replace").splitlines() if l.strip())
        except OSError:
            pass
    rng.shuffle(pool)
    return pool[:count] if pool else ["service started"]


def make_log(rng, pool, size):
    """A log-like file: timestamped lines whose messages are real lines from the machine."""
    levels = ["INFO"] * 12 + ["DEBUG"] * 6 + ["WARN"] * 2 + ["ERROR"]
    comps = ["api", "worker", "scheduler", "db.pool", "auth", "http.server", "cache", "s3sync"]
    t = 1718000000.0
    out = []
    n = 0
    while n < size:
        t += rng.random() * 0.8
        ms = int((t % 1) * 1000)
        stamp = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(t)) + f".{ms:03d}Z"
        line = (f"{stamp} {rng.choice(levels):5s} [{rng.choice(comps)}-{rng.randrange(8)}] "
                f"pid={rng.randrange(1000, 40000)} {rng.choice(pool)}\n")
        out.append(line)
        n += len(line)
    return "".join(out).encode()


def make_minified_js(rng, size, line_len):
    """A minified-JS-like bundle: real JS with whitespace collapsed, in a few very long lines."""
    import glob
    sources = []
    for pattern in JS_GLOBS:
        for p in sorted(glob.glob(pattern, recursive=True)):
            try:
                data = Path(p).read_bytes()
            except OSError:
                continue
            if is_text(data) and len(data) < 4 * MAX_FILE:
                sources.append(" ".join(data.decode().split()))
    if not sources:
        sources = ["function a(b){return b+1};var c={d:1,e:[2,3]};"]
    out = []
    n = 0
    while n < size:
        chunk = rng.choice(sources)
        start = rng.randrange(max(1, len(chunk) - 20000)) if len(chunk) > 20000 else 0
        piece = chunk[start:start + rng.randrange(5000, 60000)]
        piece = f"!function(m){{{piece}}}(window.__m{rng.randrange(1 << 20):x});"
        out.append(piece)
        n += len(piece)
    text = "".join(out)
    lines = [text[i:i + line_len] for i in range(0, len(text), line_len)]
    return ("\n".join(lines) + "\n").encode()


def write_corpus(out, files):
    if out.exists():
        shutil.rmtree(out)
    for rel, data in files.items():
        dest = out / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_bytes(data)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("size_mb", nargs="?", type=int, default=int(os.environ.get("CORPUS_MB", 256)))
    ap.add_argument("--seed", type=int, default=int(os.environ.get("CORPUS_SEED", 20240611)))
    ap.add_argument("--out", default=str(BENCH / "corpus"))
    ap.add_argument("--planted", default=str(BENCH / "results" / "planted.json"))
    ap.add_argument("--aws", type=int, default=50, help="AWS key ID + secret pairs")
    ap.add_argument("--github", type=int, default=20)
    ap.add_argument("--slack", type=int, default=10)
    ap.add_argument("--stripe", type=int, default=10)
    ap.add_argument("--pem", type=int, default=10)
    ap.add_argument("--allow-small", action="store_true", help="allow a corpus under 200 MB (tests)")
    ap.add_argument("--force", action="store_true", help="rebuild even if an identical corpus exists")
    args = ap.parse_args()
    if args.size_mb < 200 and not args.allow_small:
        ap.error("the corpus must be at least 200 MB (use --allow-small for a quick test)")

    out = Path(args.out).resolve()
    planted_path = Path(args.planted).resolve()
    params = {"version": VERSION, "size_mb": args.size_mb, "seed": args.seed, "aws": args.aws,
              "github": args.github, "slack": args.slack, "stripe": args.stripe, "pem": args.pem}
    if not args.force and out.is_dir() and planted_path.is_file():
        try:
            old = json.loads(planted_path.read_text())
            if old.get("params") == params and old.get("corpus") == str(out):
                log(f"reusing {out} ({old['bytes'] / 1e6:.1f} MB, {old['files']} files)")
                return
        except (OSError, ValueError, KeyError):
            pass

    t0 = time.time()
    rng = random.Random(args.seed)
    budget = args.size_mb * 1_000_000
    log_size = min(30_000_000, budget // 8)
    js_size = min(8_000_000, budget // 30)
    chosen, total = pick_files(rng, budget - log_size - js_size)
    files = {}
    for label, rel, data in chosen:
        files[f"{label}/{rel}"] = data
    pool = real_lines(rng, chosen, 200_000)
    files["logs/app.log"] = make_log(rng, pool, log_size)
    files["web/bundle.min.js"] = make_minified_js(rng, js_size, line_len=rng.randrange(1_500_000, 2_500_000))

    planter = Planter(rng)
    counts = {"aws": args.aws, "github": args.github, "slack": args.slack,
              "stripe": args.stripe, "pem": args.pem}
    secrets = planter.plant(files, counts)

    log(f"writing {len(files)} files to {out}")
    write_corpus(out, files)
    nbytes = sum(len(d) for d in files.values())
    planted_path.parent.mkdir(parents=True, exist_ok=True)
    report = {"params": params, "corpus": str(out), "files": len(files), "bytes": nbytes,
              "secrets": secrets}
    tmp = planted_path.with_suffix(".tmp")
    tmp.write_text(json.dumps(report, indent=1))
    os.chmod(tmp, 0o600)
    tmp.replace(planted_path)
    log(f"done: {nbytes / 1e6:.1f} MB, {len(files)} files, {len(secrets)} planted secrets "
        f"in {time.time() - t0:.0f}s; list in {planted_path}")


if __name__ == "__main__":
    main()
