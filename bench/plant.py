"""Plants fake secrets into an in-memory corpus ({relative path: bytes}) and lists where they went.

Each planted value gets one record: {"id", "type", "value", "file", "line", "end_line", "column",
"context", "pair"?}. Lines and columns are 1-based and refer to the final file contents.
"""

import os

import fakekeys as fk

LOG = "logs/app.log"
JS = "web/bundle.min.js"

PROFILES = ["default", "prod", "staging", "ci", "deploy", "backup", "terraform", "billing"]
REGIONS = ["us-east-1", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-2"]


def aws_block(rng, style, kid, sec):
    """Lines holding one AWS key pair, in a realistic shape for the given style."""
    region = rng.choice(REGIONS)
    prof = rng.choice(PROFILES)
    return {
        "env": [f"AWS_ACCESS_KEY_ID={kid}", f"AWS_SECRET_ACCESS_KEY={sec}", f"AWS_DEFAULT_REGION={region}"],
        "export": [f'export AWS_ACCESS_KEY_ID="{kid}"', f'export AWS_SECRET_ACCESS_KEY="{sec}"'],
        "ini": [f"[{prof}]", f"aws_access_key_id = {kid}", f"aws_secret_access_key = {sec}", f"region = {region}"],
        "json": ["{", f'  "accessKeyId": "{kid}",', f'  "secretAccessKey": "{sec}",', f'  "region": "{region}"', "}"],
        "json1": [f'{{"AccessKeyId": "{kid}", "SecretAccessKey": "{sec}", "Expiration": "2031-01-01T00:00:00Z"}}'],
        "yaml": ["aws:", f"  access_key_id: {kid}", f"  secret_access_key: {sec}", f"  region: {region}"],
        "python": ['s3 = boto3.client("s3",', f'    aws_access_key_id="{kid}",',
                   f'    aws_secret_access_key="{sec}")'],
        "c": [f'#define AWS_ACCESS_KEY_ID "{kid}"', f'#define AWS_SECRET_ACCESS_KEY "{sec}"'],
        "swift": [f'let credentials = StaticCredential(accessKeyId: "{kid}",',
                  f'                                   secretAccessKey: "{sec}")'],
        "perl": [f"my %aws = (access_key_id => '{kid}',", f"           secret_access_key => '{sec}');"],
        "properties": [f"aws.accessKeyId={kid}", f"aws.secretKey={sec}"],
        "terraform": ['provider "aws" {', f'  region     = "{region}"', f'  access_key = "{kid}"',
                      f'  secret_key = "{sec}"', "}"],
        "log": [f"2024-06-10T08:15:02.114Z DEBUG [s3sync-1] pid=4121 botocore.credentials: using "
                f"AWS_ACCESS_KEY_ID={kid} AWS_SECRET_ACCESS_KEY={sec} region={region}"],
        "js": [f'var awsConfig={{accessKeyId:"{kid}",secretAccessKey:"{sec}",region:"{region}"}};'],
    }[style]


def token_block(rng, kind, value):
    """Lines holding one GitHub / Slack / Stripe token."""
    styles = {
        "github": [f"GITHUB_TOKEN={value}", f'token = "{value}"',
                   f"git clone https://x-access-token:{value}@github.com/acme/infra.git",
                   f"Authorization: token {value}", f'"github_token": "{value}",'],
        "slack": [f"SLACK_BOT_TOKEN={value}", f'slack_token = "{value}"',
                  f'curl -H "Authorization: Bearer {value}" https://slack.com/api/chat.postMessage'],
        "stripe": [f"STRIPE_SECRET_KEY={value}", f'stripe.api_key = "{value}"', f'"stripeKey": "{value}",'],
    }[kind]
    return [rng.choice(styles)]


def aws_style_for(path, rng):
    ext = os.path.splitext(path)[1]
    by_ext = {".py": ["python", "json1", "env"], ".h": ["c"], ".c": ["c"], ".hpp": ["c"],
              ".swiftinterface": ["swift"], ".swift": ["swift"], ".json": ["json", "json1"],
              ".pm": ["perl"], ".pl": ["perl"], ".yml": ["yaml"], ".yaml": ["yaml"]}
    generic = ["env", "export", "ini", "yaml", "properties", "terraform", "json"]
    return rng.choice(by_ext.get(ext, generic))


class Planter:
    def __init__(self, rng):
        self.rng = rng
        self.inserts = {}  # path -> [(line index, [lines])]
        self.inline = []   # (position hint, snippet) for the minified JS file
        self.records = []

    # ---- target selection -----------------------------------------------------------------------
    def _regular(self, files):
        if not hasattr(self, "_regs"):
            self._regs = sorted(p for p in files if p not in (LOG, JS))
        return self.rng.choice(self._regs)

    def _new_file(self, files, kind):
        base = os.path.dirname(self._regular(files))
        name = {"aws": self.rng.choice([".env", "credentials", "settings.json", "deploy.tf"]),
                "pem": self.rng.choice(["id_rsa", "server.key", "deploy_key.pem"])}.get(kind, ".env")
        path = f"{base}/{name}"
        if path not in files:
            files[path] = b""
        return path

    def _line_target(self, files, kind, allow_log=True):
        r = self.rng.random()
        if r < 0.15:
            return self._new_file(files, kind)
        if allow_log and r < 0.22:
            return LOG
        return self._regular(files)

    def _insert(self, files, path, lines, ids):
        n = files[path].count(b"\n")
        at = 0 if n == 0 else self.rng.randrange(n + 1)
        self.inserts.setdefault(path, []).append((at, lines, ids))

    def _record(self, kind, value, context, pair=None):
        rec = {"id": f"{kind}-{len(self.records) + 1:03d}", "type": kind, "value": value, "context": context}
        if pair:
            rec["pair"] = pair
        self.records.append(rec)
        return rec

    # ---- planting -------------------------------------------------------------------------------
    def plant(self, files, counts):
        rng = self.rng
        for i in range(counts["aws"]):
            kid, sec = fk.aws_key_id(rng), fk.aws_secret(rng)
            pair = f"aws-pair-{i + 1:02d}"
            r = rng.random()
            if r < 0.06:
                style, path = "js", JS
            else:
                path = self._line_target(files, "aws")
                if path == LOG:
                    style = "log"
                elif path.endswith("/credentials"):
                    style = "ini"
                elif path.endswith("/.env"):
                    style = "env"
                elif path.endswith(".tf"):
                    style = "terraform"
                else:
                    style = aws_style_for(path, rng)
            recs = [self._record("aws-access-key-id", kid, style, pair),
                    self._record("aws-secret-access-key", sec, style, pair)]
            lines = aws_block(rng, style, kid, sec)
            if style == "js":
                self.inline.append((rng.random(), lines[0], recs))
            else:
                self._insert(files, path, lines, recs)
        for kind, gen, n in (("github", fk.github_pat, counts["github"]), ("slack", fk.slack_bot, counts["slack"]),
                             ("stripe", fk.stripe_live, counts["stripe"])):
            for _ in range(n):
                value = gen(rng)
                path = self._line_target(files, kind)
                lines = token_block(rng, kind, value)
                rec = self._record(f"{kind}-token", value, "line")
                if rng.random() < 0.08:
                    snippet = f'const cfg={{key:"{value}"}};'
                    rec["context"] = "js"
                    self.inline.append((rng.random(), snippet, [rec]))
                else:
                    self._insert(files, path, lines, [rec])
        for i in range(counts["pem"]):
            pem = fk.pem_private_key(rng, i)
            path = self._line_target(files, "pem", allow_log=False)
            rec = self._record("private-key", pem, pem.splitlines()[0].strip("-").lower())
            self._insert(files, path, pem.splitlines(), [rec])
        for path in sorted(self.inserts):
            self._apply(files, path)
        self._apply_inline(files)
        for rec in self.records:
            assert "file" in rec, rec["id"]
        return self.records

    def _apply(self, files, path):
        text = files[path].decode("utf-8")
        old = text.splitlines(keepends=True)
        if old and not old[-1].endswith("\n"):
            old[-1] += "\n"
        out = []
        pending = sorted(self.inserts[path], key=lambda x: x[0])
        k = 0
        for idx in range(len(old) + 1):
            while k < len(pending) and pending[k][0] == idx:
                _, lines, recs = pending[k]
                start = len(out) + 1
                for rec in recs:
                    first = rec["value"].splitlines()[0]
                    for off, line in enumerate(lines):
                        col = line.find(first)
                        if col >= 0:
                            rec.update(file=path, line=start + off, column=col + 1,
                                       end_line=start + off + rec["value"].count("\n"))
                            break
                out.extend(l + "\n" for l in lines)
                k += 1
            if idx < len(old):
                out.append(old[idx])
        files[path] = "".join(out).encode("utf-8")

    def _apply_inline(self, files):
        text = files[JS].decode("utf-8")
        # insert after ';' at the hinted relative positions, from the end so offsets stay valid
        spots = []
        for hint, snippet, recs in self.inline:
            pos = text.find(";", int(hint * len(text)))
            pos = len(text) - 1 if pos < 0 else pos + 1
            spots.append((pos, snippet, recs))
        spots.sort(key=lambda s: s[0])
        pieces, last = [], 0
        for pos, snippet, recs in spots:
            pieces.append(text[last:pos])
            pieces.append(snippet)
            last = pos
        pieces.append(text[last:])
        text = "".join(pieces)
        files[JS] = text.encode("utf-8")
        # locate each snippet's values in the final text
        line_starts = [0]
        for i, ch in enumerate(text):
            if ch == "\n":
                line_starts.append(i + 1)
        import bisect
        for _, _, recs in spots:
            for rec in recs:
                at = text.find(rec["value"])
                ln = bisect.bisect_right(line_starts, at)
                rec.update(file=JS, line=ln, end_line=ln, column=at - line_starts[ln - 1] + 1)
