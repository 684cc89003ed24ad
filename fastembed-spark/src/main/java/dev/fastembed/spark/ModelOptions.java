package dev.fastembed.spark;

import java.io.Serializable;

/**
 * What a task needs to build (or find) its executor's model: the kind and the model options, shipped to executors
 * with each task. Equal options share one loaded model per executor JVM.
 *
 * @param kind dense, sparse, late or image
 * @param model a catalog id
 * @param modelPath a folder with the model's files on every executor, or null to resolve through the cache
 * @param cacheDir the cache folder on the executors, or null for fastembed's default
 * @param offline whether executors may download (false) or must find the files locally (true)
 * @param batchSize inputs per inference run, or null for the kind's default
 * @param maxBatchTokens the token budget per run, or null for the default
 * @param threads intra-op threads per run, or null for the executor's cores divided by its concurrent tasks
 */
record ModelOptions(String kind, String model, String modelPath, String cacheDir, boolean offline, Integer batchSize,
        Integer maxBatchTokens, Integer threads) implements Serializable {
}
