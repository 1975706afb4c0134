#!/usr/bin/env python3
"""Generates the CJK data of the font layer from Adobe's CMap resources.

Reads Adobe's CMaps as Debian's poppler-data ships them (package poppler-data, /usr/share/poppler/cMap;
BSD-3-Clause, see NOTICE beside this script) and writes
- one <ordering>.bin per collection from Adobe-<Ordering>-UCS2 (CID to Unicode), embedded by cjk/mod.rs;
- cmaps/<name>: the common predefined encoding CMaps (code to CID) with their comment header cut (the notice
  is in NOTICE), embedded by cjk/predefined.rs and parsed by the font layer's own CMap reader.

Binary format, all integers little-endian:
    u32 n                      number of CIDs covered (0 .. n-1)
    n x u16                    the CID's text as one UTF-16 unit; 0 = no text; 0xFFFF = see the side table
    u32 m                      number of side entries
    m x (u16 cid, u8 k, k x u16)   text of k UTF-16 units (supplementary characters, sequences), sorted by cid

Destinations are cleaned as pdftotext would show them: variation selectors (U+FE00-FE0F, U+E0100-E01EF, which
Adobe-Japan1-UCS2 attaches to thousands of glyph variants) are dropped, and U+FFFD (CID 0, .notdef) counts as no
text, so the extractor reports an unmapped glyph rather than a replacement character it did not choose.

Usage: python3 src/pdf/font/cjk/generate.py [CMAP_DIR]   (default /usr/share/poppler/cMap)
"""
import os
import re
import struct
import sys

ORDERINGS = ["Japan1", "GB1", "CNS1", "Korea1"]
# Predefined CMaps of the classic CJK fonts (Ryumin, STSong, MingLiU, HYSMyeongJo). The large ones (GBK-EUC,
# UHC, the Uni* CMaps, whose codes are Unicode anyway) are left out to keep the binary small.
PREDEFINED = {
    "Japan1": ["H", "V", "EUC-H", "EUC-V", "90ms-RKSJ-H", "90ms-RKSJ-V", "90msp-RKSJ-H", "90msp-RKSJ-V"],
    "GB1": ["GB-EUC-H", "GB-EUC-V"],
    "CNS1": ["B5pc-H", "B5pc-V"],
    "Korea1": ["KSC-EUC-H", "KSC-EUC-V"],
}
TOKEN = re.compile(rb"<([0-9A-Fa-f]*)>|\[|\]|([A-Za-z]+)")


def units(hexstr):
    data = bytes.fromhex(hexstr.decode())
    return [int.from_bytes(data[i : i + 2], "big") for i in range(0, len(data) - 1, 2)]


def clean(utf16):
    """UTF-16 units -> the same text without variation selectors or U+FFFD; None if nothing is left."""
    try:
        text = struct.pack(">%dH" % len(utf16), *utf16).decode("utf-16-be")
    except UnicodeDecodeError:
        return None
    kept = "".join(
        c
        for c in text
        if not (0xFE00 <= ord(c) <= 0xFE0F or 0xE0100 <= ord(c) <= 0xE01EF or c == "\ufffd")
    )
    if not kept:
        return None
    encoded = kept.encode("utf-16-be")
    return list(struct.unpack(">%dH" % (len(encoded) // 2), encoded))


def parse(path):
    """CID -> list of UTF-16 units, from the bfchar and bfrange sections of a UCS2 CMap."""
    data = open(path, "rb").read()
    table = {}
    section = None
    pending = []
    array = None
    for m in TOKEN.finditer(data):
        word = m.group(2)
        if word is not None:
            if word in (b"beginbfchar", b"beginbfrange"):
                section = word
                pending = []
            elif word in (b"endbfchar", b"endbfrange"):
                section = None
            continue
        if section is None:
            continue
        if m.group(0) == b"[":
            array = []
            continue
        if m.group(0) == b"]":
            lo, hi = int(pending[0], 16), int(pending[1], 16)
            for i, dst in enumerate(array):
                if lo + i <= hi:
                    table[lo + i] = units(dst)
            pending, array = [], None
            continue
        if array is not None:
            array.append(m.group(1))
            continue
        pending.append(m.group(1))
        if section == b"beginbfchar" and len(pending) == 2:
            table[int(pending[0], 16)] = units(pending[1])
            pending = []
        elif section == b"beginbfrange" and len(pending) == 3:
            lo, hi, dst = int(pending[0], 16), int(pending[1], 16), units(pending[2])
            for i in range(hi - lo + 1):
                table[lo + i] = dst[:-1] + [dst[-1] + i]
            pending = []
    return table


def encode(table):
    n = max(table) + 1
    assert n <= 0x10000, "CIDs must fit in u16"
    main = [0] * n
    side = []
    for cid in sorted(table):
        text = clean(table[cid])
        if text is None:
            continue
        if len(text) == 1 and text[0] not in (0, 0xFFFF) and not 0xD800 <= text[0] <= 0xDFFF:
            main[cid] = text[0]
        else:
            main[cid] = 0xFFFF
            side.append((cid, text))
    out = bytearray(struct.pack("<I", n))
    out += struct.pack("<%dH" % n, *main)
    out += struct.pack("<I", len(side))
    for cid, text in side:
        out += struct.pack("<HB", cid, len(text)) + struct.pack("<%dH" % len(text), *text)
    return bytes(out), n, len(side)


def main():
    cmap_dir = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/poppler/cMap"
    here = os.path.dirname(os.path.abspath(__file__))
    for ordering in ORDERINGS:
        src = os.path.join(cmap_dir, "Adobe-" + ordering, "Adobe-%s-UCS2" % ordering)
        blob, n, side = encode(parse(src))
        with open(os.path.join(here, ordering.lower() + ".bin"), "wb") as f:
            f.write(blob)
        print("%s: %d CIDs, %d side entries, %d bytes" % (ordering, n, side, len(blob)), file=sys.stderr)
    os.makedirs(os.path.join(here, "cmaps"), exist_ok=True)
    for ordering, names in PREDEFINED.items():
        for name in names:
            with open(os.path.join(cmap_dir, "Adobe-" + ordering, name), "rb") as f:
                lines = f.read().splitlines(keepends=True)
            body = b"".join(line for line in lines if not line.startswith(b"%"))
            with open(os.path.join(here, "cmaps", name), "wb") as f:
                f.write(body.lstrip())
            print("%s: %d bytes" % (name, len(body)), file=sys.stderr)


if __name__ == "__main__":
    main()
