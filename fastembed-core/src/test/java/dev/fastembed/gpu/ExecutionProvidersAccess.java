package dev.fastembed.gpu;

import dev.fastembed.onnx.ExecutionProviders;

import java.util.List;

/** The CUDA libraries missing on this host, as {@link ExecutionProviders} looks for them. */
final class ExecutionProvidersAccess {

    private ExecutionProvidersAccess() {
    }

    static List<String> missing() {
        return ExecutionProviders.missingCudaLibraries();
    }
}
