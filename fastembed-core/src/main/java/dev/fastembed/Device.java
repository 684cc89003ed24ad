package dev.fastembed;

/** Where inference runs. */
public enum Device {
    /** CUDA when the ONNX Runtime on the classpath offers it and it loads; otherwise CPU, with one warning. */
    AUTO,
    /** Always the CPU execution provider. */
    CPU,
    /** The CUDA execution provider; fails clearly when it cannot load (needs {@code onnxruntime_gpu}). */
    CUDA
}
