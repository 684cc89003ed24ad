#!/usr/bin/env bash
# Builds the benchmarks (skipping tests) and runs them from the repository root. Options: see README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
# fastembed switches both off by itself; the peers (LangChain4j, Spring AI, plain ONNX Runtime) start ONNX
# Runtime and DJL on their own, so the variables guard them too.
export OPT_OUT_TRACKING=true DJL_OFFLINE=true ORT_DISABLE_TELEMETRY=1
mvn -q -B -pl benchmarks -am package -DskipTests
# Spark 4 (--spark) on Java 17 needs the opens spark-submit passes; they change nothing for the other paths.
exec java -Xmx8g ${BENCH_JAVA_OPTS:-} $(cat .mvn/jvm.config) -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
    dev.fastembed.benchmarks.ThroughputBenchmark "$@"
