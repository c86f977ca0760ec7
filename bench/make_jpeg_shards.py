"""Writes img2dataset-like WebDataset shards of JPEG photos-like images for the ingestion benchmark."""
import io
import json
import random
import sys
import tarfile

from PIL import Image, ImageDraw, ImageFilter


def image(rng: random.Random, width: int, height: int) -> bytes:
    im = Image.new("RGB", (width, height), tuple(rng.randrange(256) for _ in range(3)))
    draw = ImageDraw.Draw(im)
    for _ in range(12):
        x0, y0 = rng.randrange(width), rng.randrange(height)
        box = [x0, y0, x0 + rng.randrange(20, width), y0 + rng.randrange(20, height)]
        draw.ellipse(box, fill=tuple(rng.randrange(256) for _ in range(3)))
    im = im.filter(ImageFilter.GaussianBlur(1.5))
    out = io.BytesIO()
    im.save(out, "JPEG", quality=90)
    return out.getvalue()


def add(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    tar.addfile(info, io.BytesIO(data))


def main(out_dir: str, shards: int, per_shard: int, width: int, height: int) -> None:
    rng = random.Random(7)
    for s in range(shards):
        with tarfile.open(f"{out_dir}/{s:05d}.tar", "w") as tar:
            for i in range(per_shard):
                key = f"{s:05d}{i:04d}"
                add(tar, key + ".jpg", image(rng, width, height))
                add(tar, key + ".txt", f"a photo of blobs number {i}".encode())
                add(tar, key + ".json", json.dumps({"key": key, "status": "success", "width": width}).encode())


if __name__ == "__main__":
    main(sys.argv[1], *(int(a) for a in sys.argv[2:6]))
