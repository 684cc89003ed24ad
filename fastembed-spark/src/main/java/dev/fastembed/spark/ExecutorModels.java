package dev.fastembed.spark;

import dev.fastembed.FacadeBuilder;
import dev.fastembed.ImageEmbedding;
import dev.fastembed.LateInteractionTextEmbedding;
import dev.fastembed.SparseTextEmbedding;
import dev.fastembed.TextEmbedding;

import org.apache.spark.SparkConf;
import org.apache.spark.SparkEnv;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The models loaded in this executor JVM: one per option set, shared by every task thread and kept across tasks
 * and stages (the facades are thread-safe), closed when the JVM exits. Loading a model takes seconds and hundreds
 * of megabytes, so a model per partition, the usual mapPartitions pattern, costs more than the embedding.
 */
final class ExecutorModels {

    private static final Map<ModelOptions, AutoCloseable> MODELS = new ConcurrentHashMap<>();
    private static final AtomicInteger LOADS = new AtomicInteger();
    private static final Pattern LOCAL_MASTER = Pattern.compile("local\\[(\\d+|\\*)(?:,\\d+)?]");

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ExecutorModels::closeAll, "fastembed-spark-close"));
    }

    private ExecutorModels() {
    }

    /** The model for {@code options}, loaded on first use in this JVM. */
    @SuppressWarnings("unchecked")
    static <T extends AutoCloseable> T get(ModelOptions options) {
        return (T) MODELS.computeIfAbsent(options, ExecutorModels::load);
    }

    /** How many models this JVM has loaded: one per option set, whatever the number of partitions and stages. */
    static int loads() {
        return LOADS.get();
    }

    static void closeAll() {
        for (AutoCloseable model : MODELS.values()) {
            try {
                model.close();
            } catch (Exception e) {
                // closing at exit: nothing left to tell
            }
        }
        MODELS.clear();
    }

    private static AutoCloseable load(ModelOptions options) {
        LOADS.incrementAndGet();
        return switch (options.kind()) {
            case "dense" -> configure(TextEmbedding.builder(), options).build();
            case "sparse" -> configure(SparseTextEmbedding.builder(), options).build();
            case "late" -> configure(LateInteractionTextEmbedding.builder(), options).build();
            case "image" -> configure(ImageEmbedding.builder(), options).build();
            default -> throw new IllegalArgumentException("unknown model kind " + options.kind());
        };
    }

    private static <B extends FacadeBuilder<B>> B configure(B builder, ModelOptions options) {
        builder.model(options.model()).offline(options.offline()).threads(options.threads() != null
                ? options.threads() : defaultThreads());
        if (options.modelPath() != null) {
            builder.modelPath(Path.of(options.modelPath()));
        }
        if (options.cacheDir() != null) {
            builder.cacheDir(Path.of(options.cacheDir()));
        }
        if (options.batchSize() != null) {
            builder.batchSize(options.batchSize());
        }
        if (options.maxBatchTokens() != null) {
            builder.maxBatchTokens(options.maxBatchTokens());
        }
        return builder;
    }

    /**
     * Intra-op threads per run: the executor's cores divided by the tasks it runs at once, so that concurrent
     * tasks sharing the model never ask for more threads than there are cores.
     */
    static int defaultThreads() {
        int processors = Runtime.getRuntime().availableProcessors();
        SparkEnv env = SparkEnv.get();
        if (env == null) {
            return processors;
        }
        SparkConf conf = env.conf();
        int cores = conf.getInt("spark.executor.cores", localCores(conf.get("spark.master", ""), processors));
        int concurrentTasks = Math.max(1, cores / Math.max(1, conf.getInt("spark.task.cpus", 1)));
        return Math.max(1, Math.min(processors, cores) / concurrentTasks);
    }

    private static int localCores(String master, int processors) {
        Matcher local = LOCAL_MASTER.matcher(master);
        if (local.matches()) {
            return "*".equals(local.group(1)) ? processors : Integer.parseInt(local.group(1));
        }
        return "local".equals(master) ? 1 : processors;
    }
}
