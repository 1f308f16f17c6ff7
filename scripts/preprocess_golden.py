#!/usr/bin/python3
"""torchvision's outputs for prune's preprocessing golden test (runtime PreprocessGoldenTest).

Run with Debian's python3-torchvision (0.14, Pillow 9.4):

  /usr/bin/python3 scripts/preprocess_golden.py --images   # write the test images (once; they are committed)
  /usr/bin/python3 scripts/preprocess_golden.py            # write goldens.npz from the committed images
  /usr/bin/python3 scripts/preprocess_golden.py --check    # recompute and compare with the committed goldens.npz
  /usr/bin/python3 scripts/preprocess_golden.py --folder DIR --out X.npy   # the test split of an image folder

Images are loaded as torchvision's ImageFolder loads them (Image.open(f).convert("RGB")), except that the
EXIF orientation is applied first (PIL.ImageOps.exif_transpose), as prune does on purpose.
"""
import argparse
import io
import os
import struct
import sys
import zlib

import numpy as np
import torch
from PIL import Image, ImageOps
from torchvision import transforms as T
from torchvision.transforms import functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
GOLDEN = os.path.join(HERE, "..", "runtime", "src", "test", "resources", "dev", "prune", "data", "golden")

BILINEAR = T.InterpolationMode.BILINEAR
BICUBIC = T.InterpolationMode.BICUBIC
MEAN = [0.485, 0.456, 0.406]
STD = [0.229, 0.224, 0.225]

# Evaluation pipelines: name -> transform on the loaded PIL image, ending in a PIL image (uint8).
PIPELINES = {
    "bilinear": T.Compose([T.Resize(40), T.CenterCrop(32)]),
    "bicubic": T.Compose([T.Resize(40, interpolation=BICUBIC), T.CenterCrop(32)]),
    "upscale": T.Compose([T.Resize(80), T.CenterCrop(64)]),
}


# Kept small: the whole decoded image only for the files javax.imageio alone gets wrong; upscaling on two.
DECODED = ("cmyk", "exif6", "rgb16", "palette")
UPSCALED = ("grey_53x78", "exif8")


def load(path):
    with open(path, "rb") as f:
        img = Image.open(f)
        img = ImageOps.exif_transpose(img)
        return img.convert("RGB")


def chw(img):
    a = np.asarray(img, dtype=np.uint8)
    if a.ndim == 2:
        a = a[:, :, None]
    return np.ascontiguousarray(a.transpose(2, 0, 1))


# ---------------------------------------------------------------- the test images

def pattern(h, w, seed):
    """Smooth colour gradients, sharp edges and a little noise: every resize filter has work to do."""
    rng = np.random.default_rng(seed)
    y, x = np.mgrid[0:h, 0:w].astype(np.float64)
    r = 127 + 120 * np.sin(x / 5.0 + seed)
    g = 127 + 120 * np.cos(y / 7.0 + x / 11.0)
    b = np.where((x // 6 + y // 6) % 2 == 0, 230.0, 25.0)
    img = np.stack([r, g, b], axis=2) + rng.normal(0, 2, (h, w, 3))
    return np.clip(np.rint(img), 0, 255).astype(np.uint8)


def png16(path, rgb16):
    """A 16-bit RGB PNG (Pillow cannot write one)."""
    h, w, _ = rgb16.shape
    raw = b"".join(b"\x00" + rgb16[y].astype(">u2").tobytes() for y in range(h))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n")
        f.write(chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 16, 2, 0, 0, 0)))
        f.write(chunk(b"IDAT", zlib.compress(raw, 9)))
        f.write(chunk(b"IEND", b""))


def with_orientation(img, orientation):
    exif = Image.Exif()
    exif[0x0112] = orientation
    return exif.tobytes()


def make_images(out):
    os.makedirs(out, exist_ok=True)
    Image.fromarray(pattern(61, 97, 1)).save(os.path.join(out, "rgb_61x97.jpg"), quality=90)
    Image.fromarray(pattern(83, 45, 2)).convert("L").save(os.path.join(out, "grey_83x45.jpg"), quality=90)
    Image.fromarray(pattern(53, 78, 3)).convert("L").save(os.path.join(out, "grey_53x78.png"))
    Image.fromarray(pattern(57, 71, 4)).save(os.path.join(out, "rgb_57x71.png"))
    # Stored 50x74; EXIF 6 (rotate clockwise) and 8 (counter-clockwise) turn them upright 74x50.
    Image.fromarray(pattern(50, 74, 5)).save(os.path.join(out, "exif6_50x74.jpg"), quality=90,
                                             exif=with_orientation(None, 6))
    Image.fromarray(pattern(50, 74, 6)).save(os.path.join(out, "exif8_50x74.jpg"), quality=90,
                                             exif=with_orientation(None, 8))
    Image.fromarray(pattern(59, 43, 7)).convert("CMYK").save(os.path.join(out, "cmyk_59x43.jpg"), quality=90)
    rng = np.random.default_rng(8)
    rgb16 = (pattern(37, 46, 8).astype(np.uint16) * 257 + rng.integers(0, 257, (37, 46, 3))).astype(np.uint16)
    png16(os.path.join(out, "rgb16_37x46.png"), rgb16)
    palette = Image.fromarray(pattern(45, 67, 9)).quantize(colors=16)
    palette.save(os.path.join(out, "palette_trns_45x67.png"), transparency=3)
    rgba = np.dstack([pattern(41, 55, 10), np.linspace(0, 255, 41 * 55).reshape(41, 55).astype(np.uint8)])
    Image.fromarray(rgba, "RGBA").save(os.path.join(out, "rgba_41x55.png"))
    grey16 = (np.linspace(0, 65535, 44 * 52).reshape(44, 52)).astype(np.uint16)
    Image.fromarray(grey16.astype(np.int32), "I").save(os.path.join(out, "grey16_44x52.png"))


def image_files(folder):
    return sorted(f for f in os.listdir(folder) if f.lower().endswith((".jpg", ".jpeg", ".png")))


# ---------------------------------------------------------------- the goldens

def goldens(folder):
    """name -> array; every array of the test, from the images in folder."""
    out = {}
    for name in image_files(folder):
        if name.startswith("grey16"):
            continue  # Pillow clips 16-bit grey to 255 (mode I); prune reads it correctly: no torchvision golden
        img = load(os.path.join(folder, name))
        if name.startswith(DECODED):
            out["decoded/" + name] = chw(img)
        for pipeline, transform in PIPELINES.items():
            if pipeline != "upscale" or name.startswith(UPSCALED):
                out[pipeline + "/" + name] = chw(transform(img))
    img = load(os.path.join(folder, "rgb_61x97.jpg"))
    eval_tensor = T.Compose([T.Resize(40), T.CenterCrop(32), T.ToTensor(), T.Normalize(MEAN, STD)])(img)
    out["normalize/rgb_61x97.jpg"] = eval_tensor.numpy().astype(np.float32)
    # random_resized_crop: torchvision's windows (its random draws), each with the crop resized to 32x32,
    # flipped for the hflip check; the Java test cuts the same windows.
    torch.manual_seed(0)
    boxes = []
    for k in range(4):
        i, j, h, w = T.RandomResizedCrop.get_params(img, scale=(0.08, 1.0), ratio=(3 / 4, 4 / 3))
        boxes.append([i, j, h, w])
        interpolation = BILINEAR if k % 2 == 0 else BICUBIC
        out["rrc%d/rgb_61x97.jpg" % k] = chw(F.resized_crop(img, i, j, h, w, [32, 32], interpolation))
        if k == 0:
            out["rrc0_flip/rgb_61x97.jpg"] = chw(F.hflip(F.resized_crop(img, i, j, h, w, [32, 32], interpolation)))
    out["rrc_boxes"] = np.array(boxes, dtype=np.int32)
    # The fallback window for very wide and very tall images (ten failed tries): its central crop.
    fallback = []
    for h, w in [(10, 100), (100, 10), (30, 35), (7, 5)]:
        in_ratio = w / h
        if in_ratio < 3 / 4:
            cw, ch = w, int(round(w / (3 / 4)))
        elif in_ratio > 4 / 3:
            ch, cw = h, int(round(h * (4 / 3)))
        else:
            cw, ch = w, h
        fallback.append([h, w, (h - ch) // 2, (w - cw) // 2, ch, cw])
    out["rrc_fallback"] = np.array(fallback, dtype=np.int32)
    return out


def folder_test_split(root):
    """The test split (val/) of an image folder through the 'bilinear' pipeline, normalized, as torchvision's
    ImageFolder gives it (with the EXIF-aware loader): N x 3 x 32 x 32 float32, labels."""
    from torchvision.datasets import ImageFolder
    transform = T.Compose([PIPELINES["bilinear"], T.ToTensor(), T.Normalize(MEAN, STD)])
    data = ImageFolder(os.path.join(root, "val"), transform=transform, loader=load)
    images = np.stack([data[i][0].numpy() for i in range(len(data))]).astype(np.float32)
    labels = np.array([data[i][1] for i in range(len(data))], dtype=np.int64)
    return images, labels


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--images", action="store_true", help="write the test images")
    parser.add_argument("--check", action="store_true", help="compare with the committed goldens.npz")
    parser.add_argument("--folder", help="an image folder whose val/ split to transform")
    parser.add_argument("--out", help="with --folder: the .npy file to write")
    args = parser.parse_args()
    images = os.path.join(GOLDEN, "images")
    if args.folder:
        x, y = folder_test_split(args.folder)
        np.save(args.out, x)
        np.save(os.path.splitext(args.out)[0] + "_labels.npy", y)
        return 0
    if args.images:
        make_images(images)
        return 0
    arrays = goldens(images)
    path = os.path.join(GOLDEN, "goldens.npz")
    if args.check:
        committed = np.load(path)
        bad = [k for k in arrays if k not in committed.files or not np.array_equal(arrays[k], committed[k])]
        bad += [k for k in committed.files if k not in arrays]
        if bad:
            print("goldens.npz differs from this torchvision's outputs: " + ", ".join(sorted(bad)), file=sys.stderr)
            return 1
        print("goldens.npz: %d arrays, identical to this torchvision's outputs" % len(arrays))
        return 0
    np.savez_compressed(path, **arrays)
    print("wrote %s (%d arrays)" % (path, len(arrays)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
