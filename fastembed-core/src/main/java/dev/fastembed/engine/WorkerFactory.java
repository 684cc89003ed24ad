package dev.fastembed.engine;

/** Creates the per-worker resource (an ONNX session, say) a {@link BatchFunction} runs on. */
@FunctionalInterface
public interface WorkerFactory<W extends AutoCloseable> {

    /**
     * @param workerIndex -1 for the shared in-caller worker, 0..N-1 for parallel workers
     * @param intraOpThreads the threads this worker may use, or null to let the runtime decide
     */
    W create(int workerIndex, Integer intraOpThreads) throws Exception;
}
