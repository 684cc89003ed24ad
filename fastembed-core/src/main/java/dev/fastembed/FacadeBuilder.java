package dev.fastembed;

import dev.fastembed.engine.AutoParallelism;
import dev.fastembed.engine.BatchEngine;
import dev.fastembed.engine.SharedResource;
import dev.fastembed.hub.internal.CacheDirectory;
import dev.fastembed.hub.internal.HubAccess;
import dev.fastembed.hub.DownloadListener;
import dev.fastembed.hub.HuggingFaceHub;
import dev.fastembed.hub.internal.ModelFiles;
import dev.fastembed.hub.internal.ModelResolver;
import dev.fastembed.model.ModelFileSet;
import dev.fastembed.onnx.ExecutionProviders;
import dev.fastembed.onnx.OnnxSession;
import dev.fastembed.onnx.SessionSettings;
import dev.fastembed.text.TokenBudget;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The options every facade's builder shares (fastembed's constructor arguments, Java-cased): where the
 * model comes from, where it runs, how inputs are batched. Each facade's builder adds its own.
 *
 * @param <B> the concrete builder, returned by every setter
 */
public abstract class FacadeBuilder<B extends FacadeBuilder<B>> {

    String model;
    Path modelPath;
    Path cacheDir;
    boolean offline;
    Device device = Device.AUTO;
    Integer threads;
    int batchSize;
    Integer parallelism;
    boolean lazyLoad;
    Boolean cpuMemArena; // null: on for CPU sessions, off for CUDA ones
    HuggingFaceHub hub;
    String revision = ModelResolver.DEFAULT_REVISION;
    DownloadListener downloadListener = DownloadListener.NONE;
    List<Integer> deviceIds = List.of();
    Integer maxBatchTokens;

    FacadeBuilder(String defaultModel, int defaultBatchSize) {
        this.model = defaultModel;
        this.batchSize = defaultBatchSize;
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /** A catalog id (see the facade's {@code listSupportedModels()}), matched case-insensitively. */
    public B model(String model) {
        this.model = model;
        return self();
    }

    /** A directory holding the model's files; nothing is searched or downloaded. */
    public B modelPath(Path modelPath) {
        this.modelPath = modelPath;
        return self();
    }

    /** The model cache; default {@code $FASTEMBED_CACHE_PATH}, else {@code ~/.cache/fastembed}. */
    public B cacheDir(Path cacheDir) {
        this.cacheDir = cacheDir;
        return self();
    }

    /** Never touch the network (fastembed's {@code local_files_only}); {@code HF_HUB_OFFLINE=1} also sets it. */
    public B offline(boolean offline) {
        this.offline = offline;
        return self();
    }

    public B device(Device device) {
        this.device = Objects.requireNonNull(device, "device");
        return self();
    }

    /** ONNX Runtime intra- and inter-op threads; default: the runtime's choice (all cores). */
    public B threads(Integer threads) {
        this.threads = threads;
        return self();
    }

    /** Inputs per batch. */
    public B batchSize(int batchSize) {
        this.batchSize = batchSize;
        return self();
    }

    /**
     * CUDA devices (fastembed's {@code device_ids}): the in-caller session uses the first, parallel worker
     * {@code i} uses {@code ids[i % n]}. Default: device 0. Each id must be {@code >= 0}.
     */
    public B deviceIds(List<Integer> deviceIds) {
        // a copy that keeps a null element, so that validate() names it instead of a bare NullPointerException
        this.deviceIds = Collections.unmodifiableList(new ArrayList<>(Objects.requireNonNull(deviceIds,
                "deviceIds")));
        return self();
    }

    /**
     * The most padded tokens (inputs x longest input) one ONNX run takes; a larger batch runs in slices. It
     * bounds memory on long-context models; outputs do not depend on it. Must be {@code > 0}. The default is
     * the kind's: see its builder. Image models have no tokens and ignore it.
     */
    public B maxBatchTokens(int maxBatchTokens) {
        this.maxBatchTokens = maxBatchTokens;
        return self();
    }

    /**
     * 0: one worker per core; N: N workers, each with its own session; null (default): chosen by
     * {@code AutoParallelism} when {@code threads} is unset too (on the CPU, bulk work on one-thread workers, one
     * per core, capped by the model's size; on CUDA, one worker per device id), else the caller's thread.
     */
    public B parallelism(Integer parallelism) {
        this.parallelism = parallelism;
        return self();
    }

    /** Create the ONNX session on first use rather than in {@code build()}. */
    public B lazyLoad(boolean lazyLoad) {
        this.lazyLoad = lazyLoad;
        return self();
    }

    /**
     * ONNX Runtime's CPU memory arena; off stops its memory ratchet at some speed cost. Default: on for CPU
     * sessions, off for CUDA sessions (their tensors live on the GPU).
     */
    public B cpuMemArena(boolean cpuMemArena) {
        this.cpuMemArena = cpuMemArena;
        return self();
    }

    /** Where models download from; default {@link HuggingFaceHub#fromEnvironment()} ({@code HF_ENDPOINT}, {@code HF_TOKEN}). */
    public B hub(HuggingFaceHub hub) {
        this.hub = Objects.requireNonNull(hub, "hub");
        return self();
    }

    /** The model repository's branch, tag or commit sha; default {@code main}. */
    public B revision(String revision) {
        if (revision == null || revision.isBlank()) {
            throw new IllegalArgumentException("revision must not be blank; use \"main\" for the latest");
        }
        this.revision = revision.strip();
        return self();
    }

    /** Told how a download advances, file by file (bytes done, bytes total). */
    public B downloadListener(DownloadListener downloadListener) {
        this.downloadListener = Objects.requireNonNull(downloadListener, "downloadListener");
        return self();
    }

    /**
     * Step 1 of every build, before any file is resolved or anything native loads: checks the options all
     * facades share, with the same messages everywhere.
     *
     * @throws IllegalArgumentException naming the first bad option, its value and what it accepts
     */
    void validate() {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batchSize must be > 0, was " + batchSize);
        }
        if (threads != null && threads <= 0) {
            throw new IllegalArgumentException("threads must be > 0 or null, was " + threads);
        }
        BatchEngine.checkParallelism(parallelism);
        for (Integer id : deviceIds) {
            if (id == null || id < 0) {
                throw new IllegalArgumentException("deviceIds must all be >= 0, was " + deviceIds);
            }
        }
        if (maxBatchTokens != null) {
            TokenBudget.check(maxBatchTokens);
        }
    }

    /** The run settings as set now (read by the facade's constructor: the builder may change after build()). */
    RunSettings runSettings() {
        return runSettings(parallelism);
    }

    /** The run settings with the parallelism the facade chose ({@link #effectiveParallelism}). */
    RunSettings runSettings(Integer effectiveParallelism) {
        return new RunSettings(batchSize, maxBatchTokens, threads, effectiveParallelism, device, deviceIds, lazyLoad,
                cpuMemArena);
    }

    /**
     * {@code parallelism} as set; when neither it nor {@code threads} is set and the model runs on the CPU, the
     * automatic choice for a model of this size ({@link AutoParallelism}): one-thread workers, one per core,
     * for bulk work; a single input still runs in the caller.
     */
    Integer effectiveParallelism(Path modelFile) {
        if (parallelism != null || threads != null || modelFile == null) {
            return parallelism;
        }
        // AUTO with the CPU jar is the CPU, known without loading ONNX Runtime (a lazy model loads nothing now)
        Device resolved = resolved(device);
        if (resolved != Device.CPU) {
            // on a GPU: one worker per device id when there are several (fastembed's device_ids), else the caller
            return deviceIds.size() > 1 ? Integer.valueOf(deviceIds.size()) : parallelism;
        }
        return AutoParallelism.workers(modelFile);
    }

    /** Where a session of {@code device} runs: AUTO resolved (with the CPU jar, the CPU, loading nothing). */
    static Device resolved(Device device) {
        if (device != Device.AUTO) {
            return device;
        }
        return ExecutionProviders.cudaPackaged() ? ExecutionProviders.resolveAuto() : Device.CPU;
    }

    /** The CUDA device of worker {@code index} (-1: the in-caller worker) among {@code ids}; null: the default. */
    static Integer deviceId(List<Integer> ids, int index) {
        return ids.isEmpty() ? null : ids.get(Math.max(index, 0) % ids.size());
    }

    /** Finds the files: modelPath, cache, classpath bundles, then a download unless offline. */
    ModelFiles resolve(ModelFileSet files) {
        return resolver().resolve(files, modelPath, cacheDir(), offline(), revision, downloadListener);
    }

    /** How this facade's ONNX sessions are made (the device id is chosen per worker). */
    SessionSettings sessionSettings() {
        return new SessionSettings(device, null, threads, cpuMemArena);
    }

    /** The one engine, with one session of {@code modelFile} per worker, each on its device. */
    BatchEngine<OnnxSession> sessionEngine(String name, Path modelFile, SessionSettings settings) {
        return sessionEngine(name, modelFile, settings, effectiveParallelism(modelFile));
    }

    /** The same with the parallelism already chosen. */
    BatchEngine<OnnxSession> sessionEngine(String name, Path modelFile, SessionSettings settings,
            Integer effectiveParallelism) {
        List<Integer> ids = deviceIds; // immutable: the builder may change after build()
        return new BatchEngine<>(name, (index, workerThreads) -> OnnxSession.open(modelFile,
                settings.withThreads(workerThreads).withDeviceId(deviceId(ids, index))), threads, effectiveParallelism,
                threads);
    }

    /**
     * Step 5 of every build: unless lazy, loads the shared natives (the tokenizer) and the in-caller session
     * now; a failure closes {@code facade}, releasing what was made, and propagates.
     */
    void warmUpUnlessLazy(BatchEngine<?> engine, AutoCloseable facade, SharedResource<?>... shared) {
        if (lazyLoad) {
            return;
        }
        try {
            for (SharedResource<?> resource : shared) {
                engine.guarded(resource::get);
            }
            engine.warmUp();
        } catch (RuntimeException | Error e) {
            try {
                facade.close();
            } catch (Exception suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    ModelResolver resolver() {
        return new ModelResolver(HubAccess.downloader(hub != null ? hub : HuggingFaceHub.fromEnvironment()));
    }

    Path cacheDir() {
        return cacheDir != null ? cacheDir : CacheDirectory.defaultPath();
    }

    boolean offline() {
        return offline || CacheDirectory.offlineForcedByEnvironment();
    }
}
