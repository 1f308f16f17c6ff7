#!/usr/bin/env bash
# The experiments of examples/experiments, end to end: for each reference architecture (convnext, deit,
# resnet, mobilenet_v2) on Fashion-MNIST, the baseline, UPDP and two ablations; then the full-size speed
# experiment (convnext_tiny and deit_tiny at 224x224). Writes results.json and results.md beside this
# script. Run from anywhere:  bash examples/experiments/run.sh     (about an hour on 2 shared cores)
#
# Needs Debian's Fashion-MNIST:  apt-get install -y dataset-fashion-mnist
#   (/usr/share/datasets/fashion-mnist/{train,t10k}-{images-idx3,labels-idx1}-ubyte.gz)
# and python3 (only to gather the summaries into one table).
#
# Environment: RUNS (where runs are written, default runs/experiments under the repository),
#   ARCHS (default "convnext deit resnet mobilenet_v2"; ConvNeXt first: it carries the targets), SKIP_FULL_SIZE=1 to leave out the speed experiment,
#   PRUNE_BENCH_RUNS (timed runs per model and batch of the full-size experiment, default 10).
#
# The variants and what they share. Every stage of a plan has a content hash of everything it depends on
# (its parameters, the shared settings it uses and its inputs' hashes), and `prune run` reuses a stage
# folder <stage>-<hash12> that holds done.json instead of computing it again. The three variants of one
# architecture differ only late in the plan:
#   updp    <arch>.prune as written: baseline -> supernet -> search evolution -> subnet (λ ramps 0 -> 1)
#   direct  --set train.subnet.progressive=immediate: the subnet stage differs (λ = 1 from the first step,
#           activations removed and norms swapped at once); baseline, supernet AND search are the same,
#           so it prunes the very blocks UPDP chose, starting from the same supernet weights
#   random  <arch>_random.prune (generated here from <arch>.prune: search random { population 1 }, one
#           random draw of the same number of blocks, no search); baseline and supernet are the same
# Epochs, seed and the blocks budget are identical. So the script runs UPDP first, then, before each
# ablation, copies the folders of the stages whose hash the ablation's plan shares (checked with
# `prune plan --json`, not assumed) into the ablation's run directory, where `prune run` finds them done.
# The baseline is thus trained once per architecture and the supernet once.
set -euo pipefail

# The full-size speed experiment: FullSizeSpeedBenchmark (runtime/src/test), tagged benchmark; it writes
# its records as JSON, which gather.py merges into results.json as variant full_size.
full_size() {
  [[ "${SKIP_FULL_SIZE:-0}" == 1 ]] && return 0
  log "full size: convnext_tiny and deit_tiny at 224x224, 6 blocks merged, ONNX Runtime"
  PRUNE_BENCH_JSON="$RUNS/full_size.json" PRUNE_BENCH_RUNS="${PRUNE_BENCH_RUNS:-10}" \
    mvn -q -B test -pl runtime -am -Dtest=FullSizeSpeedBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
      -Dprune.bench.size=full
}

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"
RUNS="${RUNS:-$root/runs/experiments}"
ARCHS="${ARCHS:-convnext deit resnet mobilenet_v2}"
FULL_SIZE_AFTER="${FULL_SIZE_AFTER:-convnext}"   # the speed experiment runs after this architecture
data=/usr/share/datasets/fashion-mnist

for f in train-images-idx3-ubyte.gz train-labels-idx1-ubyte.gz t10k-images-idx3-ubyte.gz t10k-labels-idx1-ubyte.gz; do
  if [[ ! -f "$data/$f" ]]; then
    echo "run.sh: $data/$f is missing; install Debian's Fashion-MNIST: apt-get install -y dataset-fashion-mnist" >&2
    exit 2
  fi
done
command -v python3 >/dev/null || { echo "run.sh: python3 is needed to gather the results" >&2; exit 2; }

./prune --version            # builds once
mkdir -p "$RUNS"
log() { printf '\n=== %s  %s\n' "$(date +%H:%M:%S)" "$*"; }

# hashes FILE [--set ...]: "kind hash12" per stage of the plan
hashes() {
  ./prune plan --json "$@" | python3 -c '
import json, sys
for s in json.load(sys.stdin)["stages"]:
    print(s["kind"].replace("train-", ""), s["hash"][:12])'
}

# share FROM_DIR TO_DIR KIND... -- PLAN ARGS: copy the finished stage folders of KINDs from FROM_DIR
# into TO_DIR when the plan (PLAN ARGS) has a stage of that kind with the same hash; fail otherwise.
share() {
  local from="$1" to="$2"; shift 2
  local kinds=()
  while [[ "$1" != "--" ]]; do kinds+=("$1"); shift; done
  shift
  mkdir -p "$to"
  local plan; plan="$(hashes "$@")"
  for kind in "${kinds[@]}"; do
    local h; h="$(awk -v k="$kind" '$1 == k { print $2 }' <<<"$plan")"
    local dir="$from/$kind-$h"
    if [[ -z "$h" || ! -f "$dir/done.json" ]]; then
      echo "run.sh: no finished $kind stage with hash $h in $from: the variants do not share it" >&2
      exit 1
    fi
    rm -rf "$to/$kind-$h"
    cp -r "$dir" "$to/$kind-$h"
    echo "shared $kind-$h: $from -> $to"
  done
}

for arch in $ARCHS; do
  spec="$here/$arch.prune"
  random_spec="$here/${arch}_random.prune"
  # The random ablation: the same recipe with one random draw instead of the evolutionary search.
  sed -e 's/^recipe '"$arch"' {/recipe '"$arch"'_random {/' \
      -e 's/^  search evolution {/  search random {/' \
      -e 's/^    population 10$/    population 1/' \
      -e '/^    generations /d' \
      -e 's|^// This file is the UPDP variant.*|// GENERATED by run.sh from '"$arch"'.prune: the random block choice ablation (edit that file instead).|' \
      -e 's/export onnx("'"$arch"'.onnx")/export onnx("'"$arch"'_random.onnx")/' \
      "$spec" > "$random_spec"

  log "$arch: UPDP"
  ./prune run "$spec" --out "$RUNS/updp" --set "export.path=\"$RUNS/updp/$arch.onnx\""

  log "$arch: direct pruning (progressive immediate)"
  direct_set=(--set train.subnet.progressive=immediate --set "export.path=\"$RUNS/direct/$arch.onnx\"")
  share "$RUNS/updp/$arch" "$RUNS/direct/$arch" baseline supernet search -- "$spec" "${direct_set[@]}"
  ./prune run "$spec" --out "$RUNS/direct" "${direct_set[@]}"

  log "$arch: random block choice (search random, population 1)"
  random_set=(--set "export.path=\"$RUNS/random/${arch}_random.onnx\"")
  share "$RUNS/updp/$arch" "$RUNS/random/${arch}_random" baseline supernet -- "$random_spec" "${random_set[@]}"
  ./prune run "$random_spec" --out "$RUNS/random" "${random_set[@]}"

  if [[ "$arch" == convnext && "${SKIP_EXTRA:-0}" != 1 ]]; then
    # A second try, added after the first results (UPDP did not beat direct pruning): UPDP with a shorter
    # λ ramp (1 epoch instead of 1.5), so the subnet spends 2 of its 3 epochs in its final form. Only the
    # subnet stage differs: baseline, supernet and search are shared as for direct pruning.
    log "$arch: UPDP with a 1-epoch λ ramp (second try)"
    ramp_set=(--set 'train.subnet.progressive.until=1 epochs' --set "export.path=\"$RUNS/updp_ramp1/$arch.onnx\"")
    share "$RUNS/updp/$arch" "$RUNS/updp_ramp1/$arch" baseline supernet search -- "$spec" "${ramp_set[@]}"
    ./prune run "$spec" --out "$RUNS/updp_ramp1" "${ramp_set[@]}"
  fi

  python3 "$here/gather.py" "$RUNS" "$here"   # results so far
  if [[ "$arch" == "$FULL_SIZE_AFTER" ]]; then full_size; python3 "$here/gather.py" "$RUNS" "$here"; fi
done


python3 "$here/gather.py" "$RUNS" "$here"
log "done: $here/results.json, $here/results.md"
