package dev.fastembed.onnx;

import dev.fastembed.Device;

import java.util.Objects;

/**
 * How an ONNX session is made.
 *
 * @param device where it runs
 * @param deviceId the CUDA device, or null for the provider's default
 * @param threads intra- and inter-op threads, or null for the physical cores this JVM may use (never ONNX
 *     Runtime's own default, which pins its threads)
 * @param cpuMemArena ONNX Runtime's CPU memory arena, or null for the default: on for a CPU session, off for a
 *     CUDA one (its tensors live on the GPU; the host arena would only hold memory it keeps)
 */
public record SessionSettings(Device device, Integer deviceId, Integer threads, Boolean cpuMemArena) {

    public SessionSettings {
        Objects.requireNonNull(device, "device");
        if (threads != null && threads <= 0) {
            throw new IllegalArgumentException("threads must be > 0 or null, was " + threads);
        }
        if (deviceId != null && deviceId < 0) {
            throw new IllegalArgumentException("device ids must be >= 0, was " + deviceId);
        }
    }

    public SessionSettings withThreads(Integer threads) {
        return new SessionSettings(device, deviceId, threads, cpuMemArena);
    }

    public SessionSettings withDeviceId(Integer deviceId) {
        return new SessionSettings(device, deviceId, threads, cpuMemArena);
    }
}
