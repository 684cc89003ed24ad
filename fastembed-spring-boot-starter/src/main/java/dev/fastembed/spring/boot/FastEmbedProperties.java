package dev.fastembed.spring.boot;

import dev.fastembed.Device;
import dev.fastembed.ScoreScale;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * fastembed's settings, grouped per model kind as Spring AI's starters group theirs: {@code fastembed.text.*},
 * {@code fastembed.sparse.*}, {@code fastembed.image.*}, {@code fastembed.rerank.*},
 * {@code fastembed.late-interaction.*} and {@code fastembed.multimodal.*}, each with its own model, batch size,
 * threads, parallelism, device ids and lazy load. A kind's unset run setting falls back to the old flat one
 * ({@code fastembed.batch-size}...), then to the kind's own default. The flat names and the
 * {@code fastembed.embedding.*} / {@code fastembed.reranker.*} groups still work and are deprecated.
 */
@ConfigurationProperties(prefix = FastEmbedProperties.PREFIX)
public class FastEmbedProperties {

    public static final String PREFIX = "fastembed";

    /** The dense text model (on unless {@code enabled=false}; default BAAI/bge-small-en-v1.5). */
    private final Text text = new Text();
    /** A sparse model (Qdrant/bm25, SPLADE, BM42, miniCOIL); none unless its model is set. */
    private final Kind sparse = new Kind();
    /** A cross-encoder for re-ranking; none unless its model is set. */
    private final Rerank rerank = new Rerank();
    /** An image model (CLIP, SigLIP, nomic vision...); none unless its model is set. */
    private final Kind image = new Kind();
    /** A late-interaction text model (ColBERT, LateOn); none unless its model is set. */
    private final Kind lateInteraction = new Kind();
    /** A late-interaction multimodal model (ColPali, ColModernVBERT); none unless its model is set. */
    private final Kind multimodal = new Kind();
    /** BGE-M3 (dense, sparse and multi-vector from one pass); none unless enabled=true or its model is set. */
    private final Kind bgeM3 = new Kind();

    /** Deprecated: the dense text model's old group, now {@code fastembed.text}. */
    private final Kind embedding = new Kind();
    /** Deprecated: the re-ranker's old group, now {@code fastembed.rerank}. */
    private final Rerank reranker = new Rerank();

    /** Where models download from. */
    private final Hub hub = new Hub();

    /** The model cache; default $FASTEMBED_CACHE_PATH, else ~/.cache/fastembed. */
    private Path cacheDir;
    /** Never touch the network; models must be in the cache, a model path or a classpath jar. */
    private boolean offline;
    /** Where models run unless a kind says otherwise: AUTO (CUDA when available), CPU or CUDA. */
    private Device device = Device.AUTO;

    /** Deprecated: CUDA devices for every kind; use fastembed.&lt;kind&gt;.device-ids. */
    private List<Integer> deviceIds;
    /** Deprecated: ONNX Runtime threads for every kind; use fastembed.&lt;kind&gt;.threads. */
    private Integer threads;
    /** Deprecated: inputs per batch for every kind (also images); use fastembed.&lt;kind&gt;.batch-size. */
    private Integer batchSize;
    /** Deprecated: workers for every kind; use fastembed.&lt;kind&gt;.parallelism. */
    private Integer parallelism;
    /** Deprecated: lazy loading for every kind; use fastembed.&lt;kind&gt;.lazy-load. */
    private Boolean lazyLoad;

    public Text getText() {
        return text;
    }

    public Kind getSparse() {
        return sparse;
    }

    public Rerank getRerank() {
        return rerank;
    }

    public Kind getImage() {
        return image;
    }

    public Kind getLateInteraction() {
        return lateInteraction;
    }

    public Kind getMultimodal() {
        return multimodal;
    }

    public Kind getBgeM3() {
        return bgeM3;
    }

    public Kind getEmbedding() {
        return embedding;
    }

    public Rerank getReranker() {
        return reranker;
    }

    public Hub getHub() {
        return hub;
    }

    public Path getCacheDir() {
        return cacheDir;
    }

    public void setCacheDir(Path cacheDir) {
        this.cacheDir = cacheDir;
    }

    public boolean isOffline() {
        return offline;
    }

    public void setOffline(boolean offline) {
        this.offline = offline;
    }

    public Device getDevice() {
        return device;
    }

    public void setDevice(Device device) {
        this.device = device;
    }

    public List<Integer> getDeviceIds() {
        return deviceIds;
    }

    public void setDeviceIds(List<Integer> deviceIds) {
        this.deviceIds = deviceIds;
    }

    public Integer getThreads() {
        return threads;
    }

    public void setThreads(Integer threads) {
        this.threads = threads;
    }

    public Integer getBatchSize() {
        return batchSize;
    }

    public void setBatchSize(Integer batchSize) {
        this.batchSize = batchSize;
    }

    public Integer getParallelism() {
        return parallelism;
    }

    public void setParallelism(Integer parallelism) {
        this.parallelism = parallelism;
    }

    public Boolean getLazyLoad() {
        return lazyLoad;
    }

    public void setLazyLoad(Boolean lazyLoad) {
        this.lazyLoad = lazyLoad;
    }

    /** One model kind's settings; unset values fall back to the flat ones, then to the kind's defaults. */
    public static class Kind {

        /** Whether this kind's bean is made (it also needs a model, except the text kind). */
        private Boolean enabled;
        /** A fastembed catalog id. */
        private String model;
        /** A directory holding the model's files (no cache, no download). */
        private Path modelPath;
        /** Where this kind runs: AUTO, CPU or CUDA; default fastembed.device. */
        private Device device;
        /** CUDA devices its parallel workers are spread over (fastembed's device_ids). */
        private List<Integer> deviceIds;
        /** ONNX Runtime intra-op threads per session; default: the physical cores. */
        private Integer threads;
        /** Inputs per batch; default the kind's own (256 texts, 64 pairs, 16 images). */
        private Integer batchSize;
        /** Padded tokens per ONNX run; default the kind's own. */
        private Integer maxBatchTokens;
        /** Worker threads, each with its own session: unset runs in the caller, 0 one per core. */
        private Integer parallelism;
        /** Load ONNX sessions on first use rather than at startup. */
        private Boolean lazyLoad;

        public Boolean getEnabled() {
            return enabled;
        }

        public void setEnabled(Boolean enabled) {
            this.enabled = enabled;
        }

        public String getModel() {
            return model;
        }

        public void setModel(String model) {
            this.model = model;
        }

        public Path getModelPath() {
            return modelPath;
        }

        public void setModelPath(Path modelPath) {
            this.modelPath = modelPath;
        }

        public Device getDevice() {
            return device;
        }

        public void setDevice(Device device) {
            this.device = device;
        }

        public List<Integer> getDeviceIds() {
            return deviceIds;
        }

        public void setDeviceIds(List<Integer> deviceIds) {
            this.deviceIds = deviceIds;
        }

        public Integer getThreads() {
            return threads;
        }

        public void setThreads(Integer threads) {
            this.threads = threads;
        }

        public Integer getBatchSize() {
            return batchSize;
        }

        public void setBatchSize(Integer batchSize) {
            this.batchSize = batchSize;
        }

        public Integer getMaxBatchTokens() {
            return maxBatchTokens;
        }

        public void setMaxBatchTokens(Integer maxBatchTokens) {
            this.maxBatchTokens = maxBatchTokens;
        }

        public Integer getParallelism() {
            return parallelism;
        }

        public void setParallelism(Integer parallelism) {
            this.parallelism = parallelism;
        }

        public Boolean getLazyLoad() {
            return lazyLoad;
        }

        public void setLazyLoad(Boolean lazyLoad) {
            this.lazyLoad = lazyLoad;
        }
    }

    /** The dense text model's settings. */
    public static class Text extends Kind {

        /** Whether queries and documents get the model's documented prefixes (e5's "query: "...). */
        private boolean prefixes = true;
        /** The vectors' length: the model's, or one of its Matryoshka lengths (nomic v1.5: 512, 256...). */
        private Integer dimension;
        /** Which document metadata Spring AI embeds with the text: ALL, EMBED, INFERENCE or NONE. */
        private String metadataMode = "EMBED";
        /** Tokens per batch of the Spring AI BatchingStrategy bean (counted with the model's tokenizer). */
        private int batchingMaxTokens = 16_384;

        public boolean isPrefixes() {
            return prefixes;
        }

        public void setPrefixes(boolean prefixes) {
            this.prefixes = prefixes;
        }

        public Integer getDimension() {
            return dimension;
        }

        public void setDimension(Integer dimension) {
            this.dimension = dimension;
        }

        public String getMetadataMode() {
            return metadataMode;
        }

        public void setMetadataMode(String metadataMode) {
            this.metadataMode = metadataMode;
        }

        public int getBatchingMaxTokens() {
            return batchingMaxTokens;
        }

        public void setBatchingMaxTokens(int batchingMaxTokens) {
            this.batchingMaxTokens = batchingMaxTokens;
        }
    }

    /** The re-ranker's settings. */
    public static class Rerank extends Kind {

        /** Scores as raw logits (fastembed's) or through a sigmoid, in (0, 1). */
        private ScoreScale scale;
        /** Documents the Spring AI post-processor keeps; default 5. */
        private Integer topK;
        /** Documents scoring below this are dropped by the Spring AI post-processor; default: none dropped. */
        private Double minScore;

        public ScoreScale getScale() {
            return scale;
        }

        public void setScale(ScoreScale scale) {
            this.scale = scale;
        }

        public Integer getTopK() {
            return topK;
        }

        public void setTopK(Integer topK) {
            this.topK = topK;
        }

        public Double getMinScore() {
            return minScore;
        }

        public void setMinScore(Double minScore) {
            this.minScore = minScore;
        }
    }

    /** The Hugging Face hub (or a mirror) models download from. */
    public static class Hub {

        /** The hub's base URL; default $HF_ENDPOINT, else https://huggingface.co. */
        private URI endpoint;
        /** A token for gated or private repositories; default $HF_TOKEN. */
        private String token;
        /** The model repositories' branch, tag or commit sha. */
        private String revision = "main";

        public URI getEndpoint() {
            return endpoint;
        }

        public void setEndpoint(URI endpoint) {
            this.endpoint = endpoint;
        }

        public String getToken() {
            return token;
        }

        public void setToken(String token) {
            this.token = token;
        }

        public String getRevision() {
            return revision;
        }

        public void setRevision(String revision) {
            this.revision = revision;
        }
    }
}
