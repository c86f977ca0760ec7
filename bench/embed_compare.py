"""Agreement of clipdg embed's embeddings with the peer's, key by key.

Usage: embed_compare.py OURS_DIR PEER_NPY
Reads every embeddings-*.avro under OURS_DIR (ImageEmbedding records) and PEER_NPY with its .keys
file; prints one line "agreement keys=N ours_only=A peer_only=B mean_cos=M min_cos=m
between_images_mean_cos=C", where the last is the mean cosine of the peer's embeddings of
different images: agreement means something only well above it.
"""
import glob
import io
import json
import os
import struct
import sys

import numpy as np

MAGIC = b"Obj\x01"
FIELDS = ["key", "dataset", "embedding", "model_id"]


def read_long(f):
    """Avro's zigzag varint."""
    shift = value = 0
    while True:
        byte = f.read(1)
        if not byte:
            raise EOFError
        value |= (byte[0] & 0x7F) << shift
        shift += 7
        if byte[0] < 0x80:
            return (value >> 1) ^ -(value & 1)


def read_bytes(f):
    return f.read(read_long(f))


def read_floats(f):
    """An Avro array of floats: blocks of count (negative: followed by the block's size) and items."""
    values = []
    while (count := read_long(f)) != 0:
        if count < 0:
            count = -count
            read_long(f)
        values.extend(struct.unpack(f"<{count}f", f.read(4 * count)))
    return values


def read_avro(path):
    """Records of an Avro container file with the null codec, decoded by ImageEmbedding's schema."""
    with open(path, "rb") as f:
        if f.read(4) != MAGIC:
            raise ValueError(f"{path}: not an Avro container file")
        meta = {}
        while (count := read_long(f)) != 0:
            if count < 0:
                count = -count
                read_long(f)
            for _ in range(count):
                name = read_bytes(f).decode()
                meta[name] = read_bytes(f)
        codec = meta.get("avro.codec", b"null").decode()
        fields = [field["name"] for field in json.loads(meta["avro.schema"])["fields"]]
        if codec != "null" or fields != FIELDS:
            raise ValueError(f"{path}: expected codec null and fields {FIELDS}, got {codec} and {fields}")
        sync = f.read(16)
        while f.peek(1):  # until end of file
            count = read_long(f)
            block = io.BytesIO(f.read(read_long(f)))
            for _ in range(count):
                yield {"key": read_bytes(block).decode(), "dataset": read_bytes(block).decode(),
                       "embedding": read_floats(block), "model_id": read_bytes(block).decode()}
            if f.read(16) != sync:
                raise ValueError(f"{path}: bad sync marker")


def records(path):
    try:
        import fastavro
    except ImportError:
        return read_avro(path)
    with open(path, "rb") as f:
        return list(fastavro.reader(f))


def main(ours_dir, peer_npy):
    paths = sorted(glob.glob(os.path.join(ours_dir, "**", "embeddings-*.avro"), recursive=True))
    if not paths:
        sys.exit(f"embed_compare: no embeddings-*.avro under {ours_dir}")
    ours = {r["key"]: np.asarray(r["embedding"], dtype=np.float32) for p in paths for r in records(p)}
    peer = np.load(peer_npy)
    with open(peer_npy + ".keys") as f:
        peer_keys = f.read().split()
    row = {key: i for i, key in enumerate(peer_keys)}
    common = sorted(ours.keys() & row.keys())
    if not common:
        sys.exit("embed_compare: no key in common")
    a = np.stack([ours[key] for key in common])
    b = peer[[row[key] for key in common]]
    cos = (a * b).sum(1) / (np.linalg.norm(a, axis=1) * np.linalg.norm(b, axis=1))
    gram = peer @ peer.T
    n = len(peer)
    between = (gram.sum() - np.trace(gram)) / max(n * n - n, 1)
    print(f"agreement keys={len(common)} ours_only={len(ours) - len(common)} peer_only={n - len(common)} "
          f"mean_cos={cos.mean():.6f} min_cos={cos.min():.6f} between_images_mean_cos={between:.4f}")


if __name__ == "__main__":
    main(*sys.argv[1:3])
