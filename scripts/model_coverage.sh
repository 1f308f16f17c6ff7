#!/usr/bin/env bash
# Generates docs/models.md: exports every torchvision 0.14 classification model (scripts/torchvision_models.py,
# Debian's /usr/bin/python3 with python3-torch and python3-torchvision) into a work folder, then checks each
# export with the compiler's ModelCoverage (import, outputs vs PyTorch, blocks, λ = 0 and merge in ONNX Runtime).
# Usage: scripts/model_coverage.sh [WORK_DIR] [extra arguments for torchvision_models.py, e.g. --only resnet18]
# Re-running skips models already exported and checked (delete WORK_DIR to start over); --opsets 17 exports
# one opset (a missing one is added by a later run). Takes hours for all 80 models on a small machine; the
# large ones need ~10 GB of heap (PRUNE_COVERAGE_HEAP, default 10g). PRUNE_COVERAGE_JAVA_OPTS passes options
# to the check: -Dprune.coverage.chain=false checks imports and outputs only (no λ = 0 / merge),
# -Dprune.coverage.opsets=17 checks only that opset, -Dprune.coverage.opsets= none (the table shows every
# result already measured).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${1:-${TMPDIR:-/tmp}/prune-model-coverage}"
shift || true
/usr/bin/python3 "$root/scripts/torchvision_models.py" "$work" "$@"
cd "$root"
mvn -q -B -ntp -o test-compile -pl compiler -am
mvn -q -B -ntp dependency:build-classpath -pl compiler -Dmdep.includeScope=test -Dmdep.outputFile="$work/classpath.txt"
cd "$root/compiler"  # TestModels reads the std.updp recipe relative to the module
java -Xmx"${PRUNE_COVERAGE_HEAP:-10g}" ${PRUNE_COVERAGE_JAVA_OPTS:-} -cp "target/test-classes:target/classes:$(cat "$work/classpath.txt")" \
  dev.prune.rewrite.ModelCoverage "$work" "$root/docs/models.md"
