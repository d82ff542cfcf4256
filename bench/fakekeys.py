"""Generators of FAKE secrets shaped like real ones, all drawn from a caller's seeded RNG.

Nothing here is a live credential: the values are random. AWS key IDs are `AKIA` + 16 chars of
A-Z2-7 (never AWS's documented `...EXAMPLE` keys); GitHub tokens carry a valid CRC32 checksum like
real ones; PEM keys are real (random) RSA/EC/Ed25519 keys encoded by hand so they are reproducible.
"""

import base64
import struct
import zlib

B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
B62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
SECRET = ALNUM + "/+"


def _draw(rng, alphabet, n):
    return "".join(rng.choice(alphabet) for _ in range(n))


def aws_key_id(rng, prefix="AKIA"):
    while True:
        kid = prefix + _draw(rng, B32, 16)
        if "EXAMPLE" not in kid:
            return kid


def aws_secret(rng):
    while True:
        s = _draw(rng, SECRET, 40)
        if (any(c.isupper() for c in s) and any(c.islower() for c in s)
                and any(c.isdigit() for c in s) and "EXAMPLE" not in s):
            return s


def _base62(n, width):
    out = ""
    while n:
        n, r = divmod(n, 62)
        out = B62[r] + out
    return out.rjust(width, "0")


def github_pat(rng):
    """`ghp_` + 30 random base62 chars + 6-char base62 CRC32 checksum of those 30."""
    body = _draw(rng, ALNUM, 30)
    return "ghp_" + body + _base62(zlib.crc32(body.encode()), 6)


def slack_bot(rng):
    team = str(rng.randrange(10**10, 10**12))
    bot = str(rng.randrange(10**11, 10**13))
    return f"xoxb-{team}-{bot}-{_draw(rng, ALNUM, 24)}"


def stripe_live(rng):
    if rng.random() < 0.5:
        return "sk_live_" + _draw(rng, ALNUM, 24)
    return "sk_live_51" + _draw(rng, ALNUM, 97)


# ---- PEM private keys ---------------------------------------------------------------------------

def _is_probable_prime(n, rng, rounds=24):
    if n < 4:
        return n in (2, 3)
    for p in (2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47):
        if n % p == 0:
            return n == p
    d, s = n - 1, 0
    while d % 2 == 0:
        d //= 2
        s += 1
    for _ in range(rounds):
        a = rng.randrange(2, n - 2)
        x = pow(a, d, n)
        if x in (1, n - 1):
            continue
        for _ in range(s - 1):
            x = pow(x, 2, n)
            if x == n - 1:
                break
        else:
            return False
    return True


def _prime(rng, bits):
    while True:
        c = rng.getrandbits(bits) | (1 << (bits - 1)) | (1 << (bits - 2)) | 1
        if _is_probable_prime(c, rng):
            return c


def _der_len(n):
    if n < 0x80:
        return bytes([n])
    b = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(b)]) + b


def _der(tag, body):
    return bytes([tag]) + _der_len(len(body)) + body


def _der_int(v):
    b = v.to_bytes(max(1, (v.bit_length() + 8) // 8), "big")
    return _der(0x02, b)


def _rsa_der(rng, bits=2048):
    e = 65537
    while True:
        p, q = _prime(rng, bits // 2), _prime(rng, bits // 2)
        phi = (p - 1) * (q - 1)
        if p != q and phi % e:
            break
    n, d = p * q, pow(e, -1, phi)
    fields = [0, n, e, d, p, q, d % (p - 1), d % (q - 1), pow(q, -1, p)]
    return _der(0x30, b"".join(_der_int(f) for f in fields))


def _pem(label, der, width=64):
    b64 = base64.b64encode(der).decode()
    lines = [b64[i:i + width] for i in range(0, len(b64), width)]
    return "\n".join([f"-----BEGIN {label}-----", *lines, f"-----END {label}-----"])


def _ssh_string(b):
    return struct.pack(">I", len(b)) + b


def _openssh_ed25519(rng):
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives import serialization as ser
    seed = bytes(rng.getrandbits(8) for _ in range(32))
    pub = Ed25519PrivateKey.from_private_bytes(seed).public_key().public_bytes(
        ser.Encoding.Raw, ser.PublicFormat.Raw)
    pubblob = _ssh_string(b"ssh-ed25519") + _ssh_string(pub)
    check = rng.getrandbits(32)
    priv = (struct.pack(">II", check, check) + _ssh_string(b"ssh-ed25519") + _ssh_string(pub)
            + _ssh_string(seed + pub) + _ssh_string(b"deploy@build-01"))
    pad = 1
    while len(priv) % 8:
        priv += bytes([pad])
        pad += 1
    blob = (b"openssh-key-v1\x00" + _ssh_string(b"none") + _ssh_string(b"none") + _ssh_string(b"")
            + struct.pack(">I", 1) + _ssh_string(pubblob) + _ssh_string(priv))
    return _pem("OPENSSH PRIVATE KEY", blob, width=70)


def _ec_p256(rng):
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives import serialization as ser
    n = 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551
    key = ec.derive_private_key(rng.randrange(1, n), ec.SECP256R1())
    return key.private_bytes(ser.Encoding.PEM, ser.PrivateFormat.TraditionalOpenSSL,
                             ser.NoEncryption()).decode().strip()


def pem_private_key(rng, index):
    """A real random private key in PEM: RSA PKCS#1, RSA PKCS#8, EC SEC1 or OpenSSH Ed25519."""
    kind = index % 4
    try:
        if kind == 2:
            return _ec_p256(rng)
        if kind == 3:
            return _openssh_ed25519(rng)
    except ImportError:  # no `cryptography` module: fall back to RSA
        kind = index % 2
    der = _rsa_der(rng, 2048)
    if kind == 0:
        return _pem("RSA PRIVATE KEY", der)
    rsa_oid = _der(0x06, bytes.fromhex("2a864886f70d010101"))
    algo = _der(0x30, rsa_oid + b"\x05\x00")
    return _pem("PRIVATE KEY", _der(0x30, _der_int(0) + algo + _der(0x04, der)))
