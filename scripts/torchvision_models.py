#!/usr/bin/python3
"""Exports torchvision 0.14's classification models to ONNX, for the coverage table (docs/models.md).

Run with Debian's python (torch 1.13, torchvision 0.14, onnx 1.12):
    /usr/bin/python3 scripts/torchvision_models.py OUT [--size 224] [--opsets 13 17] [--only NAME ...]

For each classification builder of torchvision.models (list_models(module=torchvision.models) in 0.14, or
the builders below when list_models is missing) the script builds the model with random weights, gives its
BatchNorm layers non-trivial running statistics (so a BatchNorm that were dropped or mis-folded would show
in the outputs) and random values to weights the builder zeroes (ViT's head), and writes into OUT, in eval mode, with a dynamic batch and torch's default export settings
(BatchNorm fused, constants folded):
  <name>_op<N>.onnx   opset N
  <name>.ref          a reference input (batch 2) and PyTorch's output for it: per tensor int32 rank,
                      int32 dims, float32 data, little-endian (the format of make_onnx_fixtures.py)
  <name>.status       "ok", or the first line of the exception that stopped the build or the export
Models are written smallest first (by parameter count known from torchvision's weight tables), so a run
cut short still covers the most models. --size sets the input's height and width (the ViTs and MaxViT
take it as their image size) and --classes the classifier's width; the tests (ModelCoverageTest,
TorchvisionRunTest) export a subset at --size 32 --classes 10.
"""
import argparse
import os
import struct
import sys
import traceback

import torch
import torchvision
import torchvision.models as tvm

FALLBACK_BUILDERS = [
    "alexnet", "convnext_tiny", "convnext_small", "convnext_base", "convnext_large",
    "densenet121", "densenet161", "densenet169", "densenet201",
    *["efficientnet_b%d" % i for i in range(8)], "efficientnet_v2_s", "efficientnet_v2_m", "efficientnet_v2_l",
    "googlenet", "inception_v3", "maxvit_t", "mnasnet0_5", "mnasnet0_75", "mnasnet1_0", "mnasnet1_3",
    "mobilenet_v2", "mobilenet_v3_large", "mobilenet_v3_small",
    *["regnet_x_" + s for s in ("400mf", "800mf", "1_6gf", "3_2gf", "8gf", "16gf", "32gf")],
    *["regnet_y_" + s for s in ("400mf", "800mf", "1_6gf", "3_2gf", "8gf", "16gf", "32gf", "128gf")],
    "resnet18", "resnet34", "resnet50", "resnet101", "resnet152",
    "resnext50_32x4d", "resnext101_32x8d", "resnext101_64x4d",
    "shufflenet_v2_x0_5", "shufflenet_v2_x1_0", "shufflenet_v2_x1_5", "shufflenet_v2_x2_0",
    "squeezenet1_0", "squeezenet1_1", "swin_t", "swin_s", "swin_b", "swin_v2_t", "swin_v2_s", "swin_v2_b",
    "vgg11", "vgg11_bn", "vgg13", "vgg13_bn", "vgg16", "vgg16_bn", "vgg19", "vgg19_bn",
    "vit_b_16", "vit_b_32", "vit_l_16", "vit_l_32", "vit_h_14", "wide_resnet50_2", "wide_resnet101_2",
]


def builders():
    if hasattr(tvm, "list_models"):
        return list(tvm.list_models(module=tvm))
    return FALLBACK_BUILDERS


def parameter_count(name):
    """Parameters from the builder's default weights' metadata, without building the model."""
    try:
        weights = tvm.get_model_weights(name)
        return list(weights)[0].meta["num_params"]
    except Exception:
        return 10 ** 12


def build(name, size, classes):
    kwargs = {"weights": None, "num_classes": classes}
    if name.startswith("vit_") or name.startswith("maxvit"):
        kwargs["image_size" if name.startswith("vit_") else "input_size"] = (
            size if name.startswith("vit_") else (size, size))
    if name in ("googlenet", "inception_v3"):
        kwargs["aux_logits"] = False
        kwargs["init_weights"] = True
    return getattr(tvm, name)(**kwargs)


def randomize_batchnorm(model, seed):
    g = torch.Generator().manual_seed(seed)
    # Some builders zero their last layer (ViT's head): with it the outputs are all zero and compare nothing.
    for p in model.parameters():
        if p.dim() >= 2 and not p.detach().abs().max() > 0:
            p.data.copy_(torch.randn(p.shape, generator=g) * 0.02)
    for m in model.modules():
        if isinstance(m, torch.nn.modules.batchnorm._BatchNorm):
            n = m.num_features
            m.running_mean.copy_(torch.randn(n, generator=g) * 0.1)
            m.running_var.copy_(torch.rand(n, generator=g) * 0.5 + 0.75)
            m.weight.data.copy_(torch.rand(n, generator=g) * 0.5 + 0.75)
            m.bias.data.copy_(torch.randn(n, generator=g) * 0.1)


def write_tensor(f, t):
    a = t.detach().contiguous().float().numpy()
    f.write(struct.pack("<i", a.ndim))
    f.write(struct.pack("<%di" % a.ndim, *a.shape))
    f.write(a.astype("<f4").tobytes())


def export_one(name, out, size, opsets, classes):
    """Writes the reference and every opset not yet exported (the builds are seeded, so an opset added later
    belongs to the same weights as the reference already there)."""
    torch.manual_seed(0)
    model = build(name, size, classes).eval()
    with torch.no_grad():
        randomize_batchnorm(model, 1)
        x = torch.randn(2, 3, size, size, generator=torch.Generator().manual_seed(2))
        y = model(x)
    with open(os.path.join(out, name + ".ref"), "wb") as f:
        write_tensor(f, x)
        write_tensor(f, y)
    for opset in opsets:
        if os.path.exists(onnx_file(out, name, opset)):
            continue
        torch.onnx.export(model, x, onnx_file(out, name, opset), opset_version=opset,
                          input_names=["input"], output_names=["logits"],
                          dynamic_axes={"input": {0: "N"}, "logits": {0: "N"}})


def onnx_file(out, name, opset):
    return os.path.join(out, "%s_op%d.onnx" % (name, opset))


def zero_symbolic(g, self):
    """torch 1.13 cannot export in-place `zero_` (Swin V2 zeroes the key's slice of its qkv bias at run time);
    as a new tensor of zeros of the same shape and type it exports (and folds, the bias being a constant)."""
    return g.op("Mul", self, g.op("Constant", value_t=torch.tensor(0, dtype=torch.float32)))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("out")
    p.add_argument("--size", type=int, default=224)
    p.add_argument("--opsets", type=int, nargs="+", default=[13, 17])
    p.add_argument("--classes", type=int, default=1000)
    p.add_argument("--only", nargs="*")
    p.add_argument("--largest-first", action="store_true",
                   help="start with the largest models (a second process filling OUT from the other end)")
    args = p.parse_args()
    os.makedirs(args.out, exist_ok=True)
    torch.set_num_threads(1)
    torch.onnx.register_custom_op_symbolic("aten::zero", zero_symbolic, 13)
    names = args.only or builders()
    names = sorted(names, key=lambda n: (parameter_count(n), n))
    # --only in a folder that already has a list adds to it (fills rows of the table) and keeps the list
    models_file = os.path.join(args.out, "models.txt")
    if args.largest_first:
        names.reverse()
    elif not (args.only and os.path.exists(models_file)):
        with open(models_file, "w") as f:
            f.write("\n".join(names) + "\n")
    print("torch", torch.__version__, "torchvision", torchvision.__version__, len(names), "models", flush=True)
    for name in names:
        status = os.path.join(args.out, name + ".status")
        if os.path.exists(status) and (open(status).read().strip() != "ok"
                                        or all(os.path.exists(onnx_file(args.out, name, o)) for o in args.opsets)):
            continue
        try:
            export_one(name, args.out, args.size, args.opsets, args.classes)
            message = "ok"
        except Exception as e:
            message = (type(e).__name__ + ": " + str(e)).splitlines()[0][:300]
            traceback.print_exc()
        with open(status, "w") as f:
            f.write(message + "\n")
        print(name, message, flush=True)


if __name__ == "__main__":
    sys.exit(main())
