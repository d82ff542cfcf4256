#!/usr/bin/env python3
"""Build a git repository with a long history of real text, for `keyward scan --history` benches.

    bench/history.py DEST [--commits N] [--seed S] [--planted FILE]

No repository on this machine has a long history (the mirrors under /opt/swift-packages hold 1-3
commits), so this replays real files as a history with `git fast-import`: the swift-nio tree (from
the local mirror), Python stdlib modules and C headers are added over time, and every commit edits
a few files the way people do (lines inserted from other real files, lines deleted), sometimes
deleting or renaming one. Fake secrets are committed along the way; most of them are removed again
by a later commit, so only a history scan can find them. Seeded and with fixed dates: the same seed
gives the same commits. The planted list goes to --planted (outside the repository).
"""

import argparse
import json
import os
import random
import subprocess
import sys
import tarfile
import io
from pathlib import Path

import fakekeys as fk

VERSION = 2
NIO_MIRROR = "/opt/swift-packages/apple/swift-nio.git"
POOL_ROOTS = [("python", "/root/.pyenv/versions/3.11.7/lib/python3.11", (".py",)),
              ("include", "/usr/include", (".h",)),
              ("perl", "/usr/share/perl", (".pm", ".pl"))]
AUTHORS = [("Ana Lima", "ana@example.dev"), ("Ben Okafor", "ben@example.dev"),
           ("Chen Wei", "chen@example.dev"), ("Dana Novak", "dana@example.dev"),
           ("Eli Haddad", "eli@example.dev"), ("ci-bot", "ci@example.dev")]
VERBS = ["Fix", "Add", "Refactor", "Update", "Remove", "Document", "Speed up", "Handle", "Test"]


def log(msg):
    print(f"[history] {msg}", file=sys.stderr, flush=True)


def text_or_none(data, limit=64 * 1024):
    if len(data) > limit or len(data) < 64 or b"\0" in data:
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def load_pool(rng, max_files):
    pool = []
    if os.path.isdir(NIO_MIRROR):
        tar = subprocess.run(["git", "--git-dir", NIO_MIRROR, "archive", "HEAD"], capture_output=True).stdout
        with tarfile.open(fileobj=io.BytesIO(tar)) as tf:
            for m in sorted(tf.getmembers(), key=lambda m: m.name):
                if m.isfile():
                    t = text_or_none(tf.extractfile(m).read())
                    if t is not None:
                        pool.append(("swift-nio/" + m.name, t))
    for label, root, exts in POOL_ROOTS:
        found = []
        for dirpath, dirnames, files in os.walk(root):
            dirnames.sort()
            dirnames[:] = [d for d in dirnames if d not in ("__pycache__", "test", "tests")]
            for f in sorted(files):
                if f.endswith(exts):
                    found.append(os.path.join(dirpath, f))
        rng.shuffle(found)
        for p in found[: max_files // 3]:
            try:
                t = text_or_none(Path(p).read_bytes())
            except OSError:
                continue
            if t is not None:
                pool.append((f"{label}/{os.path.relpath(p, root)}", t))
    rng.shuffle(pool)
    return pool[:max_files]


class Stream:
    """Writes a git fast-import stream."""

    def __init__(self, out):
        self.out = out
        self.mark = 0

    def blob(self, text):
        self.mark += 1
        data = text.encode("utf-8")
        self.out.write(b"blob\nmark :%d\ndata %d\n" % (self.mark, len(data)) + data + b"\n")
        return self.mark

    def commit(self, ref, author, when, msg, parent, changes):
        self.mark += 1
        name, email = author
        m = msg.encode()
        head = (f"commit {ref}\nmark :{self.mark}\nauthor {name} <{email}> {when} +0000\n"
                f"committer {name} <{email}> {when} +0000\n").encode()
        body = b"data %d\n" % len(m) + m + b"\n"
        if parent:
            body += b"from :%d\n" % parent
        for op in changes:
            body += op.encode() + b"\n"
        self.out.write(head + body + b"\n")
        return self.mark


def edit(rng, text, donor):
    lines = text.split("\n")
    at = rng.randrange(len(lines) + 1)
    dl = rng.choice([0, 0, 1, 2, 5, 10])
    donor_lines = donor.split("\n")
    s = rng.randrange(len(donor_lines))
    ins = donor_lines[s:s + rng.randrange(1, 16)]
    return "\n".join(lines[:at] + ins + lines[at + dl:])


def secret_lines(rng, kind):
    if kind == "aws":
        kid, sec = fk.aws_key_id(rng), fk.aws_secret(rng)
        return [("aws-access-key-id", kid), ("aws-secret-access-key", sec)], \
            [f"AWS_ACCESS_KEY_ID={kid}", f"AWS_SECRET_ACCESS_KEY={sec}"]
    if kind == "github":
        v = fk.github_pat(rng)
        return [("github-token", v)], [f"GITHUB_TOKEN={v}"]
    if kind == "slack":
        v = fk.slack_bot(rng)
        return [("slack-token", v)], [f'slack_token = "{v}"']
    v = fk.stripe_live(rng)
    return [("stripe-token", v)], [f"STRIPE_SECRET_KEY={v}"]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dest")
    ap.add_argument("--commits", type=int, default=int(os.environ.get("HISTORY_COMMITS", 3000)))
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--secrets", type=int, default=30)
    ap.add_argument("--planted", required=True)
    args = ap.parse_args()

    dest, planted_path = Path(args.dest), Path(args.planted)
    params = {"version": VERSION, "commits": args.commits, "seed": args.seed, "secrets": args.secrets}
    if (dest / ".git").is_dir() and planted_path.is_file():
        try:
            if json.loads(planted_path.read_text()).get("params") == params:
                log(f"reusing {dest}")
                return
        except ValueError:
            pass
    if dest.exists():
        subprocess.run(["rm", "-rf", str(dest)], check=True)
    rng = random.Random(args.seed)
    pool = load_pool(rng, max_files=max(600, args.commits * 2))
    log(f"pool: {len(pool)} real files, {sum(len(t) for _, t in pool) / 1e6:.1f} MB")
    subprocess.run(["git", "init", "-q", "-b", "main", str(dest)], check=True)
    fi = subprocess.Popen(["git", "-C", str(dest), "fast-import", "--quiet"], stdin=subprocess.PIPE)
    st = Stream(fi.stdin)

    tree = {}  # path -> text
    initial = min(len(pool) // 4, 400)
    changes = []
    for path, text in pool[:initial]:
        tree[path] = text
        changes.append(f"M 100644 :{st.blob(text)} {path}")
    nxt = initial
    when = 1_500_000_000
    parent = st.commit("refs/heads/main", AUTHORS[0], when, "Initial import\n", None, changes)
    secret_commits = set(rng.sample(range(1, args.commits), min(args.secrets, args.commits - 1)))
    planted, removals = [], {}  # commit index -> [(path, lines)]
    blob_bytes = sum(len(t) for t in tree.values())
    for i in range(1, args.commits):
        when += rng.randrange(600, 86400)
        changes, paths = [], sorted(tree)
        for _ in range(rng.choice([0, 0, 1, 1, 2, 3])):
            if nxt < len(pool):
                path, text = pool[nxt]
                nxt += 1
                tree[path] = text
                changes.append((path, text))
        for _ in range(rng.randrange(1, 6)):
            path = rng.choice(paths)
            tree[path] = edit(rng, tree[path], rng.choice(pool)[1])
            changes.append((path, tree[path]))
        ops = []
        if rng.random() < 0.03 and len(paths) > 50:
            gone = rng.choice(paths)
            if all(gone != p for p, _ in changes) and gone not in [p for v in removals.values() for p, _ in v]:
                del tree[gone]
                ops.append(f"D {gone}")
        if i in secret_commits:
            kind = rng.choice(["aws", "aws", "aws", "github", "slack", "stripe"])
            values, lines = secret_lines(rng, kind)
            path = rng.choice(sorted(tree))
            if rng.random() < 0.5:
                path = os.path.join(os.path.dirname(path), ".env")
                tree[path] = tree.get(path, "")
            text = tree[path].split("\n")
            at = rng.randrange(len(text) + 1)
            tree[path] = "\n".join(text[:at] + lines + text[at:])
            changes.append((path, tree[path]))
            removed = rng.random() < 0.7 and i + 1 < args.commits
            if removed:
                removals.setdefault(rng.randrange(i + 1, min(args.commits, i + 200)), []).append((path, lines))
            for t, v in values:
                planted.append({"type": t, "value": v, "path": path, "commit_index": i,
                                "removed_later": removed})
        for path, lines in removals.pop(i, []):
            if path in tree:
                tree[path] = "\n".join(l for l in tree[path].split("\n") if l not in lines)
                changes.append((path, tree[path]))
        seen = set()
        for path, text in reversed(changes):  # last write of a path in this commit wins
            if path in seen:
                continue
            seen.add(path)
            ops.append(f"M 100644 :{st.blob(text)} {path}")
            blob_bytes += len(text)
        msg = f"{rng.choice(VERBS)} {os.path.basename(changes[0][0]) if changes else 'cleanup'}\n"
        parent = st.commit("refs/heads/main", rng.choice(AUTHORS), when, msg, parent, ops)
        if i % 500 == 0:
            log(f"{i} commits")
    fi.stdin.close()
    if fi.wait() != 0:
        sys.exit("git fast-import failed")
    subprocess.run(["git", "-C", str(dest), "reset", "-q", "--hard", "main"], check=True)
    subprocess.run(["git", "-C", str(dest), "gc", "-q", "--aggressive" if args.commits < 500 else "--auto"], check=True)
    planted_path.parent.mkdir(parents=True, exist_ok=True)
    planted_path.write_text(json.dumps({"params": params, "repo": str(dest), "blob_bytes_written": blob_bytes,
                                        "secrets": planted}, indent=1))
    os.chmod(planted_path, 0o600)
    log(f"built {dest}: {args.commits} commits, {blob_bytes / 1e6:.0f} MB of blob versions, "
        f"{len(planted)} planted secrets ({sum(p['removed_later'] for p in planted)} removed later)")


if __name__ == "__main__":
    main()
