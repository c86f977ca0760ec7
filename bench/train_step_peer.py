"""The peer of clipdg bench-train-step: the same CLIP model, loss and optimizer in plain PyTorch.

Mirrors beam-pipelines/train/src/main/java/org/clipdg/train/{model,optim} (weight names, shapes,
initialisation, op order) so that the parameter counts match and both sides do the same work.
Usage: train_step_peer.py MODEL_CONFIG_JSON BATCH STEPS WARMUP THREADS
Prints the BLAS library torch loaded, then "<name> batch B threads T: X ms/step (N trainable
weights)", like the Java command.
"""
import json
import math
import sys
import time

import torch
import torch.nn.functional as F
from torch import nn

VOCAB_SIZE = 64
INITIAL_LOGIT_SCALE = math.log(1 / 0.07)
MAX_LOGIT_SCALE = math.log(100)


def linear(fan_in, fan_out, bias=True):
    layer = nn.Linear(fan_in, fan_out, bias=bias)
    nn.init.normal_(layer.weight, std=fan_in ** -0.5)
    if bias:
        nn.init.zeros_(layer.bias)
    return layer


def conv(fan_in, fan_out, kernel, stride, padding):
    layer = nn.Conv2d(fan_in, fan_out, kernel, stride=stride, padding=padding, bias=False)
    nn.init.normal_(layer.weight, std=math.sqrt(2.0 / (fan_in * kernel * kernel)))
    return layer


class Attention(nn.Module):
    """Explicit multi-head self-attention, op for op as Layers.attention (not nn.MultiheadAttention)."""

    def __init__(self, width, heads):
        super().__init__()
        self.heads = heads
        self.in_proj = linear(width, 3 * width)
        self.out_proj = linear(width, width)

    def forward(self, x, mask):
        batch, tokens, width = x.shape
        head_width = width // self.heads
        qkv = self.in_proj(x).reshape(batch, tokens, 3, self.heads, head_width).permute(2, 0, 3, 1, 4)
        scores = qkv[0].matmul(qkv[1].transpose(2, 3)) * (1.0 / math.sqrt(head_width))
        if mask is not None:
            scores = scores + mask
        mixed = scores.softmax(-1).matmul(qkv[2]).transpose(1, 2).reshape(batch, tokens, width)
        return self.out_proj(mixed)


class ResidualBlock(nn.Module):
    """Pre-LN block: x + attn(ln_1(x)), then x + c_proj(gelu(c_fc(ln_2(x)))), exact GELU."""

    def __init__(self, width, heads, mlp_ratio):
        super().__init__()
        self.ln_1 = nn.LayerNorm(width, eps=1e-5)
        self.attn = Attention(width, heads)
        self.ln_2 = nn.LayerNorm(width, eps=1e-5)
        self.c_fc = linear(width, mlp_ratio * width)
        self.c_proj = linear(mlp_ratio * width, width)

    def forward(self, x, mask=None):
        x = x + self.attn(self.ln_1(x), mask)
        return x + self.c_proj(F.gelu(self.c_fc(self.ln_2(x))))


class VisionTransformer(nn.Module):
    def __init__(self, cfg, embed_dim):
        super().__init__()
        width, patch = cfg["width"], cfg["patch_size"]
        patches = (cfg["size"] // patch) ** 2
        scale = width ** -0.5
        self.width = width
        self.conv1 = conv(3, width, patch, stride=patch, padding=0)
        self.class_embedding = nn.Parameter(torch.randn(width) * scale)
        self.positional_embedding = nn.Parameter(torch.randn(patches + 1, width) * scale)
        self.ln_pre = nn.LayerNorm(width, eps=1e-5)
        self.resblocks = nn.ModuleList(
            ResidualBlock(width, cfg["heads"], cfg["mlp_ratio"]) for _ in range(cfg["layers"]))
        self.ln_post = nn.LayerNorm(width, eps=1e-5)
        self.proj = nn.Parameter(torch.randn(width, embed_dim) * scale)

    def forward(self, images):
        batch = images.shape[0]
        x = self.conv1(images).reshape(batch, self.width, -1).transpose(1, 2)
        class_token = self.class_embedding.reshape(1, 1, self.width).expand(batch, 1, self.width)
        x = torch.cat([class_token, x], dim=1) + self.positional_embedding
        x = self.ln_pre(x)
        for block in self.resblocks:
            x = block(x)
        return self.ln_post(x[:, 0, :]).matmul(self.proj)


class BasicBlock(nn.Module):
    def __init__(self, fan_in, fan_out, stride, project):
        super().__init__()
        self.conv1 = conv(fan_in, fan_out, 3, stride=stride, padding=1)
        self.bn1 = nn.BatchNorm2d(fan_out, eps=1e-5, momentum=0.1)
        self.conv2 = conv(fan_out, fan_out, 3, stride=1, padding=1)
        self.bn2 = nn.BatchNorm2d(fan_out, eps=1e-5, momentum=0.1)
        self.downsample = nn.Sequential(
            conv(fan_in, fan_out, 1, stride=stride, padding=0),
            nn.BatchNorm2d(fan_out, eps=1e-5, momentum=0.1)) if project else None

    def forward(self, x):
        y = F.relu(self.bn1(self.conv1(x)))
        y = self.bn2(self.conv2(y))
        shortcut = self.downsample(x) if self.downsample is not None else x
        return F.relu(y + shortcut)


class ResNetTower(nn.Module):
    def __init__(self, cfg, embed_dim):
        super().__init__()
        widths = cfg["widths"]
        self.stem = nn.Sequential(conv(3, widths[0], 3, stride=1, padding=1),
                                  nn.BatchNorm2d(widths[0], eps=1e-5, momentum=0.1), nn.ReLU())
        stages, fan_in = [], widths[0]
        for i, fan_out in enumerate(widths):
            stages.append(BasicBlock(fan_in, fan_out, 1 if i == 0 else 2, i > 0 or fan_in != fan_out))
            fan_in = fan_out
        self.stages = nn.Sequential(*stages)
        self.proj = linear(fan_in, embed_dim, bias=False)

    def forward(self, images):
        x = self.stages(self.stem(images))
        return self.proj(x.reshape(x.shape[0], x.shape[1], -1).mean(2))


class TextTransformer(nn.Module):
    def __init__(self, cfg, vocab_size, embed_dim):
        super().__init__()
        width, tokens = cfg["width"], cfg["context_length"]
        self.tokens = tokens
        self.token_embedding = nn.Embedding(vocab_size, width)
        nn.init.normal_(self.token_embedding.weight, std=0.02)
        self.positional_embedding = nn.Parameter(torch.randn(tokens, width) * 0.01)
        self.resblocks = nn.ModuleList(
            ResidualBlock(width, cfg["heads"], cfg["mlp_ratio"]) for _ in range(cfg["layers"]))
        self.ln_final = nn.LayerNorm(width, eps=1e-5)
        self.text_projection = nn.Parameter(torch.randn(width, embed_dim) * width ** -0.5)
        self.register_buffer("mask", torch.full((tokens, tokens), float("-inf")).triu(1), persistent=False)

    def forward(self, ids):
        # End-of-text has the highest id; selected with a one-hot product, as the Java code does.
        end_of_text = F.one_hot(ids.argmax(1), self.tokens).to(torch.float32).unsqueeze(2)
        x = self.token_embedding(ids) + self.positional_embedding
        for block in self.resblocks:
            x = block(x, self.mask)
        return (self.ln_final(x) * end_of_text).sum(1).matmul(self.text_projection)


class Clip(nn.Module):
    def __init__(self, config):
        super().__init__()
        image = config["image"]
        tower = VisionTransformer if image["type"] == "vit" else ResNetTower
        self.visual = tower(image, config["embed_dim"])
        self.text = TextTransformer(config["text"], VOCAB_SIZE, config["embed_dim"])
        self.logit_scale = nn.Parameter(torch.tensor(INITIAL_LOGIT_SCALE))

    def contrastive_loss(self, images, ids):
        image_embeddings = F.normalize(self.visual(images), dim=1, eps=1e-12)
        text_embeddings = F.normalize(self.text(ids), dim=1, eps=1e-12)
        logits = image_embeddings.matmul(text_embeddings.t()) * self.logit_scale.exp()
        labels = torch.arange(logits.shape[0])
        return (F.cross_entropy(logits, labels) + F.cross_entropy(logits.t(), labels)) / 2


def loaded_blas():
    with open("/proc/self/maps") as maps:
        paths = {line.split()[-1] for line in maps if "/libblas.so" in line}
    return "BLAS " + (", ".join(sorted(paths)) or "unknown")


def main():
    config_path, batch, steps, warmup, threads = sys.argv[1], *map(int, sys.argv[2:6])
    print(loaded_blas())
    torch.set_num_threads(threads)
    torch.set_num_interop_threads(1)
    torch.manual_seed(0)
    with open(config_path) as f:
        config = json.load(f)
    model = Clip(config).train()
    params = [p for p in model.parameters() if p.requires_grad]
    # As AdamW.java (and OpenCLIP): only weights with two or more dimensions are decayed.
    optimizer = torch.optim.AdamW(
        [{"params": [p for p in params if p.ndim >= 2], "weight_decay": 0.1},
         {"params": [p for p in params if p.ndim < 2], "weight_decay": 0.0}],
        lr=1e-4, betas=(0.9, 0.98), eps=1e-6)
    size, context = config["image"]["size"], config["text"]["context_length"]
    images = torch.randn(batch, 3, size, size)
    ids = torch.randint(1, VOCAB_SIZE - 1, (batch, context))

    started = 0.0
    for step in range(warmup + steps):
        if step == warmup:
            started = time.perf_counter()
        # set_to_none (PyTorch 2's default) skips a memset; AdamW.java zeroes inside its fused update.
        optimizer.zero_grad(set_to_none=True)
        model.contrastive_loss(images, ids).backward()
        torch.nn.utils.clip_grad_norm_(params, 1.0)
        optimizer.step()
        with torch.no_grad():  # as ClipTrainer does after each step (bench-train-step itself does not)
            model.logit_scale.clamp_(0, MAX_LOGIT_SCALE)
    ms_per_step = (time.perf_counter() - started) * 1000 / steps
    print(f"{config['name']} batch {batch} threads {threads}: {ms_per_step:.1f} ms/step "
          f"({sum(p.numel() for p in params):,} trainable weights)")


if __name__ == "__main__":
    main()
