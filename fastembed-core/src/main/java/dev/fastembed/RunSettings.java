package dev.fastembed;

import java.util.List;

/**
 * How a model instance runs, as its builder set it: for health pages, logs and configuration checks.
 *
 * @param batchSize inputs per batch
 * @param maxBatchTokens padded tokens per ONNX run, or null for the kind's default
 * @param threads ONNX Runtime intra-op threads per session, or null for the default (the physical cores)
 * @param parallelism null: in the caller; 0: one worker per core; N: N workers
 * @param device where sessions run, as asked ({@code AUTO} unresolved)
 * @param deviceIds the CUDA devices workers are spread over (empty: the default device)
 * @param lazyLoad whether sessions load on first use
 * @param cpuMemArena whether ONNX Runtime's CPU memory arena is on, or null for the default (on for CPU
 *     sessions, off for CUDA ones)
 */
public record RunSettings(int batchSize, Integer maxBatchTokens, Integer threads, Integer parallelism, Device device,
        List<Integer> deviceIds, boolean lazyLoad, Boolean cpuMemArena) {

    public RunSettings {
        deviceIds = List.copyOf(deviceIds);
    }
}
