#!/usr/bin/env python3
"""Writes scaled-embedded.ngmf: a version-2 model file built from docs/model-format.md alone (not by the
runtime), for EmbeddedScaled (3 > Standardize > Dense(4, Tanh) > Dense(2, Softmax)) in InputScalingTests."""
import struct, zlib, os

architecture = "3 > Standardize > Dense(4, Tanh) > Dense(2, Softmax)"
def fnv1a64(data):
    h = 14695981039346656037
    for b in data:
        h ^= b
        h = (h * 1099511628211) % (1 << 64)
    return h

text = architecture.encode("utf-8")
parameters = [((i * 37) % 23 - 11) / 16.0 for i in range(3 * 4 + 4 + 4 * 2 + 2)]
offsets, divisors = [1.5, -2.0, 100.0], [0.5, 4.0, 25.0]
names = ["no", "oui, très"]
encoded = b"".join(struct.pack("<i", len(n.encode("utf-8"))) + n.encode("utf-8") for n in names)
body = b"NGMF" + struct.pack("<HHQiiii", 2, 0, fnv1a64(text), 3, 2, len(parameters), len(text)) + text
body += struct.pack("<%df" % len(parameters), *parameters)
body += struct.pack("<iii", 1, len(names), len(encoded))
body += struct.pack("<3f", *offsets) + struct.pack("<3f", *divisors) + encoded
body += struct.pack("<I", zlib.crc32(body) & 0xFFFFFFFF)
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "scaled-embedded.ngmf"), "wb") as f:
    f.write(body)
