"""Peer of clipdg embed: image embeddings the way clip-retrieval computes them, in plain PyTorch.

Usage: embed_peer.py DATASET_DIR STATE_DICT OUT_NPY [BATCH=32] [THREADS=nproc]
Reads the shards of an ingested dataset (named in its manifest.json) with tarfile, decodes each
PNG with Pillow, preprocesses as CLIP (shorter side to 224 with bicubic, centre crop, [0,1],
normalise with the mean and std), runs the image tower of embed_model.py in batches under
inference_mode and L2-normalises. Writes the embeddings to OUT_NPY (float32 [n,512]) and their
keys, one a line, to OUT_NPY with the suffix .keys. Prints one line:
"peer images=N batch=B threads=T images_per_s=X decode_share=D infer_share=I".
"""
import json
import os
import sys
import tarfile
import time

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image

from embed_model import CLIP_MEAN, CLIP_STD, IMAGE_SIZE, build

MEAN = np.array(CLIP_MEAN, dtype=np.float32).reshape(3, 1, 1)
STD = np.array(CLIP_STD, dtype=np.float32).reshape(3, 1, 1)


def preprocess(image):
    """torchvision's Resize(224, BICUBIC), CenterCrop(224), ToTensor, Normalize, as CLIP composes them."""
    image = image.convert("RGB")
    width, height = image.size
    if min(width, height) != IMAGE_SIZE:
        if width <= height:
            size = (IMAGE_SIZE, int(IMAGE_SIZE * height / width))
        else:
            size = (int(IMAGE_SIZE * width / height), IMAGE_SIZE)
        image = image.resize(size, Image.BICUBIC)
        width, height = size
    left, top = round((width - IMAGE_SIZE) / 2), round((height - IMAGE_SIZE) / 2)
    image = image.crop((left, top, left + IMAGE_SIZE, top + IMAGE_SIZE))
    pixels = np.asarray(image, dtype=np.float32).transpose(2, 0, 1) / 255
    return (pixels - MEAN) / STD


def samples(dataset_dir):
    """(key, preprocessed image) for every PNG member, shard by shard, in order."""
    with open(os.path.join(dataset_dir, "manifest.json")) as f:
        shards = [shard["name"] for shard in json.load(f)["shards"]]
    for shard in shards:
        with tarfile.open(os.path.join(dataset_dir, shard), "r|") as tar:
            for member in tar:
                if member.name.endswith(".png"):
                    with Image.open(tar.extractfile(member)) as image:
                        yield member.name[:-len(".png")], preprocess(image)


def main(dataset_dir, state_dict, out_npy, batch=32, threads=None):
    torch.set_num_threads(int(threads or os.cpu_count()))
    batch = int(batch)
    model = build()
    model.load_state_dict(torch.load(state_dict))
    keys, embeddings, pending = [], [], []
    decode = infer = 0.0

    def run(images):
        nonlocal infer
        start = time.perf_counter()
        with torch.inference_mode():
            embeddings.append(F.normalize(model(torch.from_numpy(np.stack(images))), dim=-1).numpy())
        infer += time.perf_counter() - start

    # A plain loop, i.e. a DataLoader with num_workers=0. clip-retrieval decodes in DataLoader
    # workers, but on a 2-core machine they would compete with torch's inference threads.
    start = time.perf_counter()
    for key, pixels in samples(dataset_dir):
        keys.append(key)
        pending.append(pixels)
        if len(pending) == batch:
            decode += time.perf_counter() - start
            run(pending)
            pending = []
            start = time.perf_counter()
    decode += time.perf_counter() - start
    if pending:
        run(pending)

    np.save(out_npy, np.concatenate(embeddings))
    with open(out_npy + ".keys", "w") as f:
        f.write("".join(key + "\n" for key in keys))
    total = decode + infer
    print(f"peer images={len(keys)} batch={batch} threads={torch.get_num_threads()} "
          f"images_per_s={len(keys) / total:.2f} decode_share={decode / total:.3f} infer_share={infer / total:.3f}")


if __name__ == "__main__":
    main(*sys.argv[1:6])
