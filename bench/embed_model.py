"""A ViT-B/32-shaped CLIP image tower with random weights, for the embedding benchmark.

Usage: embed_model.py MODEL_DIR [STATE_DICT]
Writes MODEL_DIR/image.onnx (opset 17, input 'image' [batch,3,224,224], output 'embedding'
[batch,512], not normalised) and MODEL_DIR/model_card.json (schema: ModelCard.avsc), and, if given,
the torch state_dict to STATE_DICT so that the peer runs the very same weights. Checks the ONNX
file against torch with onnxruntime when Python has it.
Architecture as OpenAI's ViT-B/32: patch-32 conv without bias, class token, positional embedding,
ln_pre, 12 pre-LN blocks (width 768, 12 heads, MLP 3072 with QuickGELU), ln_post on the class
token, projection to 512 without bias.
"""
import hashlib
import json
import os
import platform
import sys

import torch
from torch import nn

SEED = 20240601
IMAGE_SIZE, PATCH, WIDTH, LAYERS, HEADS, MLP, EMBED_DIM = 224, 32, 768, 12, 12, 3072, 512
CLIP_MEAN = [0.48145466, 0.4578275, 0.40821073]
CLIP_STD = [0.26862954, 0.26130258, 0.27577711]
IMAGE_MODEL = "image.onnx"


class QuickGELU(nn.Module):
    def forward(self, x):
        return x * torch.sigmoid(1.702 * x)


class Attention(nn.Module):
    """Explicit multi-head self-attention (matmul, softmax), which exports to plain ONNX ops."""

    def __init__(self, width, heads):
        super().__init__()
        self.heads = heads
        self.in_proj = nn.Linear(width, 3 * width)
        self.out_proj = nn.Linear(width, width)

    def forward(self, x):
        batch, tokens, width = x.shape
        head_width = width // self.heads
        qkv = self.in_proj(x).reshape(batch, tokens, 3, self.heads, head_width).permute(2, 0, 3, 1, 4)
        scores = qkv[0].matmul(qkv[1].transpose(2, 3)) * head_width ** -0.5
        mixed = scores.softmax(-1).matmul(qkv[2]).transpose(1, 2).reshape(batch, tokens, width)
        return self.out_proj(mixed)


class Block(nn.Module):
    def __init__(self, width, heads, mlp):
        super().__init__()
        self.ln_1 = nn.LayerNorm(width)
        self.attn = Attention(width, heads)
        self.ln_2 = nn.LayerNorm(width)
        self.mlp = nn.Sequential(nn.Linear(width, mlp), QuickGELU(), nn.Linear(mlp, width))

    def forward(self, x):
        x = x + self.attn(self.ln_1(x))
        return x + self.mlp(self.ln_2(x))


class ImageTower(nn.Module):
    def __init__(self):
        super().__init__()
        scale = WIDTH ** -0.5
        self.conv1 = nn.Conv2d(3, WIDTH, PATCH, stride=PATCH, bias=False)
        self.class_embedding = nn.Parameter(scale * torch.randn(WIDTH))
        self.positional_embedding = nn.Parameter(scale * torch.randn((IMAGE_SIZE // PATCH) ** 2 + 1, WIDTH))
        self.ln_pre = nn.LayerNorm(WIDTH)
        self.blocks = nn.ModuleList(Block(WIDTH, HEADS, MLP) for _ in range(LAYERS))
        self.ln_post = nn.LayerNorm(WIDTH)
        self.proj = nn.Parameter(scale * torch.randn(WIDTH, EMBED_DIM))
        # CLIP's initialisation of the residual blocks.
        proj_std = scale * (2 * LAYERS) ** -0.5
        for block in self.blocks:
            nn.init.normal_(block.attn.in_proj.weight, std=scale)
            nn.init.normal_(block.attn.out_proj.weight, std=proj_std)
            nn.init.normal_(block.mlp[0].weight, std=(2 * WIDTH) ** -0.5)
            nn.init.normal_(block.mlp[2].weight, std=proj_std)

    def forward(self, image):
        x = self.conv1(image).flatten(2).transpose(1, 2)
        class_token = self.class_embedding.expand(x.shape[0], 1, WIDTH)
        x = self.ln_pre(torch.cat([class_token, x], dim=1) + self.positional_embedding)
        for block in self.blocks:
            x = block(x)
        return self.ln_post(x[:, 0, :]).matmul(self.proj)


def build():
    torch.manual_seed(SEED)
    return ImageTower().eval()


def sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def card(model_dir):
    path = os.path.join(model_dir, IMAGE_MODEL)
    architecture = {"name": "ViT-B-32", "image_size": IMAGE_SIZE, "patch_size": PATCH, "width": WIDTH,
                    "layers": LAYERS, "heads": HEADS, "mlp": MLP, "activation": "quick_gelu",
                    "embed_dim": EMBED_DIM, "weights": f"random, torch.manual_seed({SEED})"}
    return {
        "name": "bench-vit-b-32-random",
        "architecture": json.dumps(architecture),
        "image_model": IMAGE_MODEL,
        "text_model": "",
        "tokenizer": "",
        "image_size": IMAGE_SIZE,
        "interpolation": "bicubic",
        "mean": CLIP_MEAN,
        "std": CLIP_STD,
        "embed_dim": EMBED_DIM,
        "context_length": 77,
        "image_activations": [],
        "text_activations": [],
        "files": [{"path": IMAGE_MODEL, "bytes": os.path.getsize(path), "sha256": sha256(path)}],
        "training": {"split_sha256": "", "datasets": [], "examples": 0, "seed": SEED, "epochs": 0,
                     "steps": 0, "final_loss": 0.0, "truncated_captions": 0, "settings": {}},
        "evaluation": {},
        "software": {"torch": torch.__version__, "python": platform.python_version()},
    }


def check_onnx(model, path):
    try:
        import onnxruntime
    except ImportError:
        print("embed_model: onnxruntime is not installed in Python, ONNX check skipped", file=sys.stderr)
        return
    images = torch.randn(4, 3, IMAGE_SIZE, IMAGE_SIZE, generator=torch.Generator().manual_seed(1))
    with torch.inference_mode():
        expected = model(images).numpy()
    session = onnxruntime.InferenceSession(path, providers=["CPUExecutionProvider"])
    got = session.run(["embedding"], {"image": images.numpy()})[0]
    print(f"embed_model onnx_vs_torch max_abs_diff={abs(got - expected).max():.3g} "
          f"max_abs_value={abs(expected).max():.3g}")


def main(model_dir, state_dict=None):
    os.makedirs(model_dir, exist_ok=True)
    model = build()
    if state_dict:
        torch.save(model.state_dict(), state_dict)
    path = os.path.join(model_dir, IMAGE_MODEL)
    torch.onnx.export(model, torch.zeros(1, 3, IMAGE_SIZE, IMAGE_SIZE), path, opset_version=17,
                      input_names=["image"], output_names=["embedding"],
                      dynamic_axes={"image": {0: "batch"}, "embedding": {0: "batch"}})
    with open(os.path.join(model_dir, "model_card.json"), "w") as f:
        json.dump(card(model_dir), f, indent=2)
        f.write("\n")
    check_onnx(model, path)


if __name__ == "__main__":
    main(*sys.argv[1:3])
