#!/usr/bin/python3
"""Writes the ONNX import fixtures: small versions of the zoo's four architectures, exported by PyTorch.

Run with Debian's python (torch 1.13, torchvision 0.14, onnx 1.12):
    /usr/bin/python3 scripts/make_onnx_fixtures.py compiler/src/test/resources/onnx

For each architecture the script builds the model with torchvision's own classes (DeiT: a tiny timm-style
ViT written here with timm's module names), gives it random weights and non-trivial BatchNorm statistics,
and writes, in eval mode and with a dynamic batch, the exports listed in EXPORTS:
  <arch>_op<N>.onnx         opset N, no constant folding, BatchNorm kept (training=PRESERVE)
  <arch>_op<N>_folded.onnx  opset N, torch's defaults: BatchNorm fused into Conv, constants folded
  <arch>.ref                a reference input and PyTorch's output for it (format below)
plus resnet_external.onnx with its weights in resnet_external.onnx.data (save_as_external_data).
Not every combination is written for every architecture: mobilenet_v2's 1280-wide last layer makes each of
its files 1 MB, so it has one; LayerNorm and GELU models (decomposed below opset 17) have all four.

The .ref format: two tensors, input then output, each as int32 rank, int32 dims, float32 data, all
little-endian.

With --full DIR it instead writes full-size torchvision resnet34, mobilenet_v2 and convnext_tiny (random
weights, 224x224, opset 17, folded) into DIR: for a test that must not commit them.
"""
import argparse
import math
import os
import struct
import sys

import numpy as np
import onnx
import torch
import torch.nn as nn
import torch.nn.functional as F
import torchvision
from torchvision.models.convnext import CNBlockConfig, ConvNeXt
from torchvision.models.resnet import BasicBlock, ResNet

CLASSES = 10
IMAGE = (3, 32, 32)


class SmallResNet(ResNet):
    """torchvision's ResNet (its _make_layer, BasicBlock and forward) with stage widths other than 64..512.

    torchvision hard-codes the widths in ResNet.__init__, so this __init__ repeats its few lines with
    `widths`; module names and the forward pass are torchvision's.
    """

    def __init__(self, layers, widths, num_classes):
        nn.Module.__init__(self)
        self._norm_layer = nn.BatchNorm2d
        self.inplanes = widths[0]
        self.dilation = 1
        self.groups = 1
        self.base_width = 64
        self.conv1 = nn.Conv2d(3, widths[0], kernel_size=7, stride=2, padding=3, bias=False)
        self.bn1 = nn.BatchNorm2d(widths[0])
        self.relu = nn.ReLU(inplace=True)
        self.maxpool = nn.MaxPool2d(kernel_size=3, stride=2, padding=1)
        self.layer1 = self._make_layer(BasicBlock, widths[0], layers[0])
        self.layer2 = self._make_layer(BasicBlock, widths[1], layers[1], stride=2)
        self.layer3 = self._make_layer(BasicBlock, widths[2], layers[2], stride=2)
        self.layer4 = self._make_layer(BasicBlock, widths[3], layers[3], stride=2)
        self.avgpool = nn.AdaptiveAvgPool2d((1, 1))
        self.fc = nn.Linear(widths[3], num_classes)


class Attention(nn.Module):
    """timm's Attention (unfused): qkv → heads → softmax(q·kᵀ·scale)·v → proj.

    `unbind` picks how q, k and v are taken apart: timm's current qkv.unbind(0) (Split + Squeeze in ONNX)
    or its older qkv[0], qkv[1], qkv[2] (Gather), so that one fixture covers both exports.
    """

    def __init__(self, dim, heads, unbind):
        super().__init__()
        self.num_heads = heads
        self.scale = (dim // heads) ** -0.5
        self.qkv = nn.Linear(dim, dim * 3)
        self.proj = nn.Linear(dim, dim)
        self.unbind = unbind

    def forward(self, x):
        B, N, C = x.shape
        qkv = self.qkv(x).reshape(B, N, 3, self.num_heads, C // self.num_heads).permute(2, 0, 3, 1, 4)
        if self.unbind:
            q, k, v = qkv.unbind(0)
        else:
            q, k, v = qkv[0], qkv[1], qkv[2]
        attn = (q @ k.transpose(-2, -1)) * self.scale
        attn = attn.softmax(dim=-1)
        x = (attn @ v).transpose(1, 2).reshape(B, N, C)
        return self.proj(x)


class Mlp(nn.Module):
    def __init__(self, dim, hidden):
        super().__init__()
        self.fc1 = nn.Linear(dim, hidden)
        self.act = nn.GELU()
        self.fc2 = nn.Linear(hidden, dim)

    def forward(self, x):
        return self.fc2(self.act(self.fc1(x)))


class Block(nn.Module):
    def __init__(self, dim, heads, unbind):
        super().__init__()
        self.norm1 = nn.LayerNorm(dim, eps=1e-6)
        self.attn = Attention(dim, heads, unbind)
        self.norm2 = nn.LayerNorm(dim, eps=1e-6)
        self.mlp = Mlp(dim, 4 * dim)

    def forward(self, x):
        x = x + self.attn(self.norm1(x))
        return x + self.mlp(self.norm2(x))


class PatchEmbed(nn.Module):
    def __init__(self, patch, dim):
        super().__init__()
        self.proj = nn.Conv2d(3, dim, kernel_size=patch, stride=patch)

    def forward(self, x):
        return self.proj(x).flatten(2).transpose(1, 2)


class TinyDeiT(nn.Module):
    """timm's VisionTransformer as DeiT uses it, with timm's module names; class-token head."""

    def __init__(self, depth, dim, heads, patch, num_classes):
        super().__init__()
        tokens = (IMAGE[1] // patch) * (IMAGE[2] // patch)
        self.cls_token = nn.Parameter(torch.zeros(1, 1, dim))
        self.pos_embed = nn.Parameter(torch.zeros(1, tokens + 1, dim))
        self.patch_embed = PatchEmbed(patch, dim)
        self.blocks = nn.Sequential(*[Block(dim, heads, unbind=i % 2 == 0) for i in range(depth)])
        self.norm = nn.LayerNorm(dim, eps=1e-6)
        self.head = nn.Linear(dim, num_classes)

    def forward(self, x):
        x = self.patch_embed(x)
        x = torch.cat((self.cls_token.expand(x.shape[0], -1, -1), x), dim=1)
        x = x + self.pos_embed
        x = self.blocks(x)
        x = self.norm(x)
        return self.head(x[:, 0])


def models():
    """Architecture name → model; the zoo arguments that build the same graph are in ImportFixturesTest."""
    return {
        "resnet": lambda: SmallResNet([2, 2, 2, 2], [8, 16, 24, 32], CLASSES),
        "mobilenet_v2": lambda: torchvision.models.mobilenet_v2(width_mult=0.25, num_classes=CLASSES),
        "convnext": lambda: ConvNeXt([CNBlockConfig(8, 16, 1), CNBlockConfig(16, 24, 1), CNBlockConfig(24, 32, 2),
                                      CNBlockConfig(32, None, 1)], num_classes=CLASSES),
        "deit": lambda: TinyDeiT(depth=2, dim=32, heads=2, patch=8, num_classes=CLASSES),
    }


# (opset, folded) per architecture: together they cover opsets 13 and 17, folded and not, on every lifter.
EXPORTS = {
    "resnet": [(13, False), (17, True)],
    "mobilenet_v2": [(13, True)],
    "convnext": [(13, False), (13, True), (17, False), (17, True)],
    "deit": [(13, False), (13, True), (17, False), (17, True)],
}


def randomize(model, seed):
    """Random weights everywhere, BatchNorm statistics and affine terms far from identity, layer scale ~ 1."""
    torch.manual_seed(seed)
    with torch.no_grad():
        for name, p in model.named_parameters():
            if name.endswith("layer_scale"):
                p.uniform_(0.5, 1.5)
            elif name.endswith("bias"):
                p.normal_(0, 0.1)
            elif p.dim() == 1:  # norm weights
                p.uniform_(0.5, 1.5)
            elif name in ("cls_token", "pos_embed"):
                p.normal_(0, 0.5)
            else:
                fan_in = p[0].numel()
                p.normal_(0, math.sqrt(2.0 / fan_in))
        for m in model.modules():
            if isinstance(m, nn.BatchNorm2d):
                m.running_mean.normal_(0, 0.2)
                m.running_var.uniform_(0.5, 2.0)
    return model.eval()


def export(model, x, path, opset, folded):
    torch.onnx.export(model, x, path, opset_version=opset, input_names=["input"], output_names=["logits"],
                      dynamic_axes={"input": {0: "N"}, "logits": {0: "N"}}, do_constant_folding=folded,
                      training=torch.onnx.TrainingMode.EVAL if folded else torch.onnx.TrainingMode.PRESERVE)
    onnx.checker.check_model(onnx.load(path), full_check=True)


def write_tensor(f, t):
    a = np.ascontiguousarray(t.detach().numpy().astype("<f4"))
    f.write(struct.pack("<i", a.ndim))
    f.write(struct.pack("<%di" % a.ndim, *a.shape))
    f.write(a.tobytes())


def fixtures(out):
    os.makedirs(out, exist_ok=True)
    for i, (arch, make) in enumerate(models().items()):
        model = randomize(make(), seed=i)
        torch.manual_seed(100 + i)
        x = torch.randn(2, *IMAGE)
        with torch.no_grad():
            y = model(x)
        with open(os.path.join(out, arch + ".ref"), "wb") as f:
            write_tensor(f, x)
            write_tensor(f, y)
        for opset, folded in EXPORTS[arch]:
            name = "%s_op%d%s.onnx" % (arch, opset, "_folded" if folded else "")
            export(model, x, os.path.join(out, name), opset, folded)
        if arch == "resnet":
            external(model, x, out)
    total = 0
    for f in sorted(os.listdir(out)):
        size = os.path.getsize(os.path.join(out, f))
        total += size
        print("%8d  %s" % (size, f))
    print("%8d  total" % total)


def external(model, x, out):
    """resnet_external.onnx: resnet_op17_folded's graph, every tensor over 64 bytes in one side file."""
    tmp = os.path.join(out, "resnet_external.tmp.onnx")
    export(model, x, tmp, 17, True)
    m = onnx.load(tmp)
    os.remove(tmp)
    onnx.save_model(m, os.path.join(out, "resnet_external.onnx"), save_as_external_data=True,
                    all_tensors_to_one_file=True, location="resnet_external.onnx.data", size_threshold=64)


def full(out):
    os.makedirs(out, exist_ok=True)
    x = torch.randn(1, 3, 224, 224)
    for name, make in (("resnet34", torchvision.models.resnet34), ("mobilenet_v2", torchvision.models.mobilenet_v2),
                       ("convnext_tiny", torchvision.models.convnext_tiny)):
        model = randomize(make(), seed=0)
        export(model, x, os.path.join(out, name + ".onnx"), 17, True)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", nargs="?", default="compiler/src/test/resources/onnx")
    parser.add_argument("--full", action="store_true", help="write full-size models instead of the fixtures")
    args = parser.parse_args()
    full(args.out) if args.full else fixtures(args.out)
