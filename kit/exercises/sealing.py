"""Slow salted hashes and sealed text: how a student copy checks answers it does not hold.

A student copy stores, for every right answer *facet* (see :mod:`kit.exercises.answers`),
only a *verifier*: the first half of ``hashlib.scrypt(facet, salt)`` with a random salt
per question. The second half of the same derivation is a key that only someone who
typed the right answer can compute; what is shown after a right answer (explanation,
worked answer, per-choice feedback) is encrypted with it (:func:`seal`): a SHAKE-256
keystream and an HMAC-SHA256 tag, so a wrong key is detected, never turned into text.

Typed answers (cloze, pinyin) use :data:`TYPED_COST`, tuned so that one guess costs
about 0.1 s of CPU on the kit's reference machine (measured: scrypt n=2**15, r=8 took
116 ms; n=2**14 took 55 ms). Choices, pairs and orderings cannot be hidden in a copy
that checks itself (anyone can try every option), so they use :data:`CHOICE_COST`.

    >>> salt = "00" * SALT_BYTES
    >>> verifier, key = derive(salt, CHOICE_COST, "q1", "answer", "干部")
    >>> token = seal(key, {"explanation": "cadre"})
    >>> unseal(key, token)
    {'explanation': 'cadre'}
    >>> unseal(derive(salt, CHOICE_COST, "q1", "answer", "工人")[1], token) is None
    True
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import secrets
from typing import Any

__all__ = ["TYPED_COST", "CHOICE_COST", "MIN_COST", "MAX_COST", "SCRYPT_R", "SCRYPT_P",
           "SALT_BYTES", "new_salt", "derive", "seal", "unseal", "stored_key", "valid_cost",
           "is_verifier", "is_token"]

#: scrypt cost (n) for typed answers: one guess ≥ 50 ms of CPU here (2**15: 116 ms measured).
TYPED_COST = 2 ** 15
#: scrypt cost for choices, pairs and orderings, which a student can try one by one anyway.
CHOICE_COST = 2 ** 4
#: The smallest cost a student copy may name (scrypt needs a power of two above 1; tests use it).
MIN_COST = 2
#: The largest cost accepted when reading a copy (guards against a file that asks for hours).
MAX_COST = 2 ** 20
#: scrypt block size and parallelism (memory per guess: 128 * r * n bytes, 32 MB at TYPED_COST).
SCRYPT_R = 8
SCRYPT_P = 1
#: Random bytes of salt per question.
SALT_BYTES = 16
_DERIVED_BYTES = 64          # 32 for the verifier, 32 for the key
_HALF = _DERIVED_BYTES // 2
_TAG_BYTES = 16              # HMAC-SHA256 tag, truncated
_MAXMEM_FACTOR = 2           # scrypt's maxmem: twice what the cost needs
_VERIFIER_HEX = 2 * _HALF


def new_salt() -> str:
    """A fresh random salt, as hex."""
    return secrets.token_hex(SALT_BYTES)


def valid_cost(cost: Any) -> bool:
    """True for a cost this module accepts: a power of two from MIN_COST to MAX_COST.

    >>> valid_cost(TYPED_COST), valid_cost(3), valid_cost(2 ** 30)
    (True, False, False)
    """
    return (isinstance(cost, int) and not isinstance(cost, bool)
            and MIN_COST <= cost <= MAX_COST and cost & (cost - 1) == 0)


def derive(salt: str, cost: int, qid: str, kind: str, facet: str) -> tuple[str, bytes]:
    """(verifier as hex, secret key) for one facet of one question: one slow scrypt call."""
    password = f"{qid}\x1f{kind}\x1f{facet}".encode("utf-8")
    maxmem = _MAXMEM_FACTOR * 128 * SCRYPT_R * cost + 2 ** 20
    out = hashlib.scrypt(password, salt=bytes.fromhex(salt), n=cost, r=SCRYPT_R, p=SCRYPT_P,
                         dklen=_DERIVED_BYTES, maxmem=maxmem)
    return out[:_HALF].hex(), out[_HALF:]


def stored_key(salt: str, qid: str, purpose: str) -> bytes:
    """A key computed from what the file itself holds: hides text from a glance, not from a
    program (used only for what a student may see anyway, e.g. a practice copy's reveal)."""
    return hashlib.sha256(f"{salt}\x1f{qid}\x1f{purpose}".encode("utf-8")).digest()


def _subkeys(key: bytes) -> tuple[bytes, bytes]:
    enc = hmac.new(key, b"kit-seal-encrypt", hashlib.sha256).digest()
    mac = hmac.new(key, b"kit-seal-authenticate", hashlib.sha256).digest()
    return enc, mac


def seal(key: bytes, obj: Any) -> str:
    """``obj`` (anything JSON holds) encrypted and authenticated with ``key``, as base64."""
    data = json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    enc, mac = _subkeys(key)
    stream = hashlib.shake_256(enc).digest(len(data))
    cipher = bytes(a ^ b for a, b in zip(data, stream))
    tag = hmac.new(mac, cipher, hashlib.sha256).digest()[:_TAG_BYTES]
    return base64.b64encode(cipher + tag).decode("ascii")


def unseal(key: bytes, token: str) -> Any:
    """What :func:`seal` sealed, or None when ``key`` is not the key (or the token is damaged)."""
    try:
        raw = base64.b64decode(token.encode("ascii"), validate=True)
    except (binascii.Error, ValueError, UnicodeEncodeError):
        return None
    cipher, tag = raw[:-_TAG_BYTES], raw[-_TAG_BYTES:]
    enc, mac = _subkeys(key)
    if len(raw) <= _TAG_BYTES or not hmac.compare_digest(
            hmac.new(mac, cipher, hashlib.sha256).digest()[:_TAG_BYTES], tag):
        return None
    stream = hashlib.shake_256(enc).digest(len(cipher))
    return json.loads(bytes(a ^ b for a, b in zip(cipher, stream)).decode("utf-8"))


def is_verifier(text: Any) -> bool:
    """True for a verifier as a student copy stores it (64 hex digits)."""
    return (isinstance(text, str) and len(text) == _VERIFIER_HEX
            and all(c in "0123456789abcdef" for c in text))


def is_token(text: Any) -> bool:
    """True for text that can be a sealed token (base64 longer than a tag)."""
    if not isinstance(text, str):
        return False
    try:
        return len(base64.b64decode(text.encode("ascii"), validate=True)) > _TAG_BYTES
    except (binascii.Error, ValueError, UnicodeEncodeError):
        return False
