"""Binary shard format, written here and read by docs/assets/js/search-rules.js (`readShard`, `postings`).

A shard is a sequence of records, one per index key:
    key      varint n, then n varints (Unicode code points; 1 = unigram, 2 = bigram)
    flags    byte: 1 = content list is a bitmap, 2 = a title list follows
    content  varint byte length, then either
             bitmap: varint length, bitmap bytes (bit i of byte i>>3, LSB first, set when page i
                     contains the key), then varint first blocks of the first pages of the bitmap
                     (HEAD at most; later pages: unknown), or
             sparse: pairs (varint page-id delta, varint block of the key's first occurrence)
    title    (flag 2) varint byte length, then varint page-id deltas of pages whose title has the key
Varints are LEB128 (7 bits a byte, low first). Only the browser reads shards: tests read them
through search-rules.js in Node (tests/test_search_index.py), so there is one reader to keep right.
"""

from __future__ import annotations

BITMAP, TITLES = 1, 2


def varint(value: int, out: bytearray) -> None:
    while value > 0x7F:
        out.append((value & 0x7F) | 0x80)
        value >>= 7
    out.append(value)


def fnv1a(key: str) -> int:
    """Shard of a key: the same 32-bit FNV-1a over code points as search-rules.js `hashKey`."""
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
