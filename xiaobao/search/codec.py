"""Binary shard format, decoded by docs/assets/js/search.js (function `readShard`).

A shard is a sequence of records, one per index key:
    key      varint n, then n varints (Unicode code points; 1 = unigram, 2 = bigram)
    flags    byte: 1 = content list is a bitmap, 2 = a title list follows
    content  varint byte length, then either
             bitmap: varint length, bitmap bytes (bit i of byte i>>3, LSB first, set when page i
                     contains the key), then varint first blocks of the first pages of the bitmap
                     (HEAD at most; later pages: unknown), or
             sparse: pairs (varint page-id delta, varint block of the key's first occurrence)
    title    (flag 2) varint byte length, then varint page-id deltas of pages whose title has the key
Varints are LEB128 (7 bits a byte, low first).
"""

from __future__ import annotations

from itertools import accumulate

BITMAP, TITLES = 1, 2


def varint(value: int, out: bytearray) -> None:
    while value > 0x7F:
        out.append((value & 0x7F) | 0x80)
        value >>= 7
    out.append(value)


def read_varint(data: bytes, pos: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        byte = data[pos]
        pos += 1
        value |= (byte & 0x7F) << shift
        if byte < 0x80:
            return value, pos
        shift += 7


def fnv1a(key: str) -> int:
    """Shard of a key: the same 32-bit FNV-1a over code points as search.js `hashKey`."""
    h = 0x811C9DC5
    for ch in key:
        h = ((h ^ ord(ch)) * 16777619) & 0xFFFFFFFF
    return h


def encode_record(key: str, content: bytes, bitmap: bool, titles: bytes) -> bytes:
    out = bytearray()
    varint(len(key), out)
    for ch in key:
        varint(ord(ch), out)
    out.append((BITMAP if bitmap else 0) | (TITLES if titles else 0))
    varint(len(content), out)
    out += content
    if titles:
        varint(len(titles), out)
        out += titles
    return bytes(out)


def decode_shard(data: bytes) -> dict[str, tuple[bool, bytes, bytes]]:
    """key -> (is_bitmap, content bytes, title bytes)."""
    records: dict[str, tuple[bool, bytes, bytes]] = {}
    pos = 0
    while pos < len(data):
        n, pos = read_varint(data, pos)
        chars = []
        for _ in range(n):
            cp, pos = read_varint(data, pos)
            chars.append(chr(cp))
        flags = data[pos]
        pos += 1
        size, pos = read_varint(data, pos)
        content = data[pos:pos + size]
        pos += size
        titles = b""
        if flags & TITLES:
            size, pos = read_varint(data, pos)
            titles = data[pos:pos + size]
            pos += size
        records["".join(chars)] = (bool(flags & BITMAP), content, titles)
    return records


def decode_sparse(content: bytes) -> dict[int, int]:
    """page id -> block of the key's first occurrence."""
    if content and max(content) < 0x80:  # every number fits one byte: decode at C speed
        return dict(zip(accumulate(content[0::2]), content[1::2]))
    out: dict[int, int] = {}
    pos, page = 0, 0
    while pos < len(content):
        delta, pos = read_varint(content, pos)
        first, pos = read_varint(content, pos)
        page += delta
        out[page] = first
    return out


def decode_bitmap(content: bytes) -> dict[int, int | None]:
    """page id -> first block, None where the bitmap carries none."""
    size, pos = read_varint(content, 0)
    raw = content[pos:pos + size]
    pos += size
    out: dict[int, int | None] = {}
    for page_id in (i * 8 + b for i, byte in enumerate(raw) if byte for b in range(8) if byte >> b & 1):
        first = None
        if pos < len(content):
            first, pos = read_varint(content, pos)
        out[page_id] = first
    return out


def decode_ids(content: bytes) -> list[int]:
    out, pos, page = [], 0, 0
    while pos < len(content):
        delta, pos = read_varint(content, pos)
        page += delta
        out.append(page)
    return out
