#!/usr/bin/env bash
# Builds the benchmarks (skipping tests) and runs them from the repository root. Options: see README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
export OPT_OUT_TRACKING=true DJL_OFFLINE=true
mvn -q -B -pl benchmarks -am package -DskipTests
# An argument file, not a long -cp: ONNX Runtime 1.29.0 crashes the JVM when the command line passes ~4 KB.
echo "-cp benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" > benchmarks/target/java.args
exec java -Xmx8g @benchmarks/target/java.args dev.fastembed.benchmarks.ThroughputBenchmark "$@"
