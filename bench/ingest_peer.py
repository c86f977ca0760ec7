"""Peer for the ingestion benchmark: the same normalisation in Python with Pillow.

Per sample: full JPEG decode (load), convert to RGB, PNG encode, write png/txt/json to an output
shard; one process per input shard, `workers` processes. It skips what clipdg also does
(checksums, manifest, contact sheet, metadata schema), so it is a lower bound of the work.
"""
import io
import multiprocessing
import sys
import tarfile

from PIL import Image


def add(tar, name, data):
    info = tarfile.TarInfo(name)
    info.size = len(data)
    tar.addfile(info, io.BytesIO(data))


def normalise(job):
    source, target = job
    groups = {}
    with tarfile.open(source) as tar:
        for member in tar:
            key, ext = member.name.split(".", 1)
            groups.setdefault(key, {})[ext] = tar.extractfile(member).read()
    count = 0
    with tarfile.open(target, "w") as out:
        for key, members in groups.items():
            im = Image.open(io.BytesIO(members["jpg"]))
            im.load()
            png = io.BytesIO()
            im.convert("RGB").save(png, "PNG")
            add(out, key + ".png", png.getvalue())
            add(out, key + ".txt", members["txt"])
            add(out, key + ".json", members["json"])
            count += 1
    return count


if __name__ == "__main__":
    out_dir, workers, shards = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
    jobs = [(s, f"{out_dir}/peer-{i:06d}.tar") for i, s in enumerate(shards)]
    with multiprocessing.Pool(workers) as pool:
        print(sum(pool.map(normalise, jobs)))
