#!/usr/bin/env bash
# The GPU check, one short prepared script for a machine with an NVIDIA GPU (issue 25), run from anywhere:
#   1. builds everything with -Pgpu (onnxruntime_gpu instead of onnxruntime);
#   2. runs dense (bge-small int8 and a generated fp32 graph), sparse (SPLADE, generated), rerank and image
#      models on Device.CUDA and on the CPU with the same inputs: fp32 vectors must agree to cosine 0.9999
#      (GpuCheck; int8 to 0.999, dynamic quantization);
#   3. measures bge-small and MiniLM throughput (short texts, 300 passages) on CUDA beside the CPU;
#   4. writes the tables to benchmarks/target/gpu-check.md (or the file given).
# Where CUDA does not load (no GPU, no CUDA 12 / cuDNN 9 libraries) step 2 says so and names what is missing,
# and step 3 runs the CPU half only. Installs nothing: Maven fetches the GPU jar (642 MB) like any dependency.
set -euo pipefail
cd "$(dirname "$0")/.."
export OPT_OUT_TRACKING=true DJL_OFFLINE=true ORT_DISABLE_TELEMETRY=1
report=${1:-benchmarks/target/gpu-check.md}
started=$(date +%s)
mvn -q -B -Pgpu -pl benchmarks -am package -DskipTests
run() { java -Xmx8g $(cat .mvn/jvm.config) -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" "$@"; }
mkdir -p "$(dirname "$report")"
cuda=yes
run dev.fastembed.benchmarks.GpuCheck "$report" || case $? in
    2) cuda=no ;;
    *) echo "GpuCheck FAILED: CUDA and CPU vectors differ (see $report)" >&2; exit 1 ;;
esac
echo "(build and checks: $(( $(date +%s) - started )) s)"
devices=(cpu)
[ "$cuda" = yes ] && devices+=(cuda)
for device in "${devices[@]}"; do
    for corpus in short passages; do
        {
            echo
            echo "## throughput on $device, $corpus"
            echo
            run dev.fastembed.benchmarks.ThroughputBenchmark --model bge,minilm --corpus "$corpus" --limit 300 \
                --rounds 2 --paths fastembed --device "$device" 2>/dev/null | grep -E '^(\||###)'
        } | tee -a "$report"
    done
done
echo
echo "== tables in $report; all done in $(( $(date +%s) - started )) s (CUDA: $cuda)"
