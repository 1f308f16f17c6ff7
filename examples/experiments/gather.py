#!/usr/bin/env python3
"""Gather the experiments' summaries into results.json and results.md (called by run.sh).

usage: gather.py RUNS_DIR OUT_DIR
Reads RUNS_DIR/{updp,direct}/<arch>/summary.json, RUNS_DIR/random/<arch>_random/summary.json and
RUNS_DIR/full_size.json (written by FullSizeSpeedBenchmark); missing ones are left out, so partial
results can be gathered while a run goes on.
"""
import json
import os
import sys

ARCHS = ["convnext", "deit", "resnet", "mobilenet_v2"]
VARIANTS = [("updp", "updp", "{a}"), ("direct", "direct", "{a}"), ("random", "random", "{a}_random"),
            ("updp_ramp1", "updp_ramp1", "{a}")]  # the last: ConvNeXt only, a second try (see run.sh)
BATCHES = ["1", "32"]


def load(path):
    if not os.path.exists(path):
        return None
    with open(path) as f:
        return json.load(f)


def record(arch, variant, s, baseline=False):
    if baseline:
        return {
            "arch": arch, "variant": "baseline", "top1": s["baseline_top1"], "pruned_blocks": [],
            "macs": s["macs_baseline"], "params": s["params_baseline"],
            "latency_ms": s["latency_ms"]["baseline"], "speedup": {b: 1.0 for b in s["latency_ms"]["baseline"]},
            "stage_seconds": {"baseline": s["stage_seconds"].get("baseline")},
        }
    return {
        "arch": arch, "variant": variant, "top1": s["onnx_top1"], "pruned_blocks": s["pruned_blocks"],
        "macs": s["macs_merged"], "params": s["params_merged"],
        "latency_ms": s["latency_ms"]["merged"], "speedup": s["speedup"],
        # the same run's baseline, timed interleaved with this variant's merged model
        "baseline_latency_ms_same_run": s["latency_ms"]["baseline"],
        "baseline_top1": s["baseline_top1"], "supernet_best_top1": s.get("supernet_best_top1"),
        "subnet_top1": s["subnet_top1"], "merged_top1": s["merged_top1"], "onnx_top1": s["onnx_top1"],
        "macs_baseline": s["macs_baseline"], "params_baseline": s["params_baseline"],
        "verify_passed": s["verify"]["passed"], "stage_folders": s.get("stage_folders"),
        "stage_seconds": s.get("stage_seconds"), "data": s.get("data"),
    }


def pct(x):
    return "—" if x is None else f"{100 * x:.2f}"


def ms(x):
    return "—" if x is None else (f"{x:.3f}" if x < 10 else f"{x:.1f}")


def main():
    runs, out = sys.argv[1], sys.argv[2]
    records = []
    for arch in ARCHS:
        for variant, sub, name in VARIANTS:
            s = load(os.path.join(runs, sub, name.format(a=arch), "summary.json"))
            if s is None:
                continue
            if variant == "updp":
                records.append(record(arch, "baseline", s, baseline=True))
            records.append(record(arch, variant, s))
    full = load(os.path.join(runs, "full_size.json")) or []
    records.extend(full)

    with open(os.path.join(out, "results.json"), "w") as f:
        json.dump(records, f, indent=2)
        f.write("\n")

    md = ["# Results (written by run.sh; do not edit)", "",
          "## Fashion-MNIST (28×28, 10 classes)", "",
          "Top-1 on the full t10k test split (10,000 images), of the exported ONNX model in ONNX Runtime. "
          "Training used 29,000 images of the train split (`max_train: 30000`; 1,000 more held out for "
          "validation and search). Training ran on one thread (`runtime { threads 1 }`); ONNX Runtime at its defaults (all cores). Latency: ONNX Runtime, CPU, median of 30 interleaved runs per batch, "
          "ms per batch; speed-up = the same run's baseline / merged. Δ = top-1 minus the baseline's, in points.", "",
          "| arch | variant | pruned blocks | top-1 % | Δ | MACs | params | ms @1 | ms @32 | speed-up @1 | speed-up @32 |",
          "|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in records:
        if r["variant"] == "full_size":
            continue
        base = next((b for b in records if b["arch"] == r["arch"] and b["variant"] == "baseline"), None)
        delta = "" if r["variant"] == "baseline" or base is None else f"{100 * (r['top1'] - base['top1']):+.2f}"
        md.append("| {arch} | {v} | {blocks} | {top1} | {d} | {macs:.2f} M | {params:,} | {l1} | {l32} | {s1} | {s32} |".format(
            arch=r["arch"], v=r["variant"], blocks=", ".join(r["pruned_blocks"]) or "—", top1=pct(r["top1"]), d=delta,
            macs=r["macs"] / 1e6, params=r["params"], l1=ms(r["latency_ms"].get("1")), l32=ms(r["latency_ms"].get("32")),
            s1=f"{r['speedup'].get('1', float('nan')):.2f}×", s32=f"{r['speedup'].get('32', float('nan')):.2f}×"))
    # The targets, checked against the numbers above.
    conv = {r["variant"]: r for r in records if r["arch"] == "convnext"}
    if "baseline" in conv and "updp" in conv:
        loss = 100 * (conv["baseline"]["top1"] - conv["updp"]["top1"])
        said = f"loses {loss:.2f} points against" if loss >= 0 else f"is {-loss:.2f} points above"
        line = f"- ConvNeXt, 4 blocks pruned: UPDP {said} its baseline (target: loses ≤ 1.0: " \
               f"{'met' if loss <= 1.0 else 'MISSED'})"
        if "direct" in conv:
            gap = 100 * (conv["updp"]["top1"] - conv["direct"]["top1"])
            line += f"; UPDP − direct pruning = {gap:+.2f} points (target > 0: {'met' if gap > 0 else 'MISSED'})"
        if "updp_ramp1" in conv:
            r1 = conv["updp_ramp1"]
            line += "; second try, UPDP with a 1-epoch λ ramp (updp_ramp1): {:+.2f} points against the baseline, " \
                    "{:+.2f} against direct pruning".format(100 * (r1["top1"] - conv["baseline"]["top1"]),
                                                           100 * (r1["top1"] - conv["direct"]["top1"]) if "direct" in conv else float("nan"))
        md += ["", "Targets:", "", line + "."]

    if full:
        md += ["", "## Full size (224×224, 1000 classes, random weights), 6 blocks merged", "",
               "ONNX Runtime, CPU provider, baseline and merged runs interleaved, medians of "
               f"{full[0]['runs']} timed runs after {full[0]['warmup']} warm-up runs, ms per batch. "
               "The MACs ratio (baseline / merged) is the ideal speed-up.", "",
               "| model | pruned blocks | GMACs baseline → merged | MACs ratio | params baseline → merged | ms @1 baseline → merged | "
               "ms @32 baseline → merged | speed-up @1 | speed-up @32 | @32 as % of MACs ratio |",
               "|---|---|---|---|---|---|---|---|---|---|"]
        for r in full:
            lb, lm, sp = r["latency_ms"]["baseline"], r["latency_ms"]["merged"], r["speedup"]
            md.append("| {m} | {b} | {mb:.3f} → {mm:.3f} | {mr:.3f}× | {pb:.2f} M → {pm:.2f} M | {b1} → {m1} | {b32} → {m32} | "
                      "{s1:.3f}× | {s32:.3f}× | {of:.0f} % |".format(
                          m=r["arch"], b=", ".join(r["pruned_blocks"]), mb=r["macs"]["baseline"] / 1e9,
                          mm=r["macs"]["merged"] / 1e9, mr=r["macs_ratio"], pb=r["params"]["baseline"] / 1e6,
                          pm=r["params"]["merged"] / 1e6, b1=ms(lb["1"]), m1=ms(lm["1"]), b32=ms(lb["32"]),
                          m32=ms(lm["32"]), s1=sp["1"], s32=sp["32"], of=100 * sp["32"] / r["macs_ratio"]))
        ct = next((r for r in full if r["arch"] == "convnext_tiny"), None)
        if ct:
            s32 = ct["speedup"]["32"]
            of = s32 / ct["macs_ratio"]
            md += ["", "Target: convnext_tiny, 6 blocks merged, batch 32: speed-up {:.3f}× (≥ 1.3×: {}), {:.0f} % of the "
                   "MACs ratio (≥ 90 %: {}).".format(s32, "met" if s32 >= 1.3 else "MISSED", 100 * of,
                                                     "met" if of >= 0.9 else "MISSED")]
    with open(os.path.join(out, "results.md"), "w") as f:
        f.write("\n".join(md) + "\n")
    print(f"gather: {len(records)} records -> {out}/results.json, results.md")


if __name__ == "__main__":
    main()
