package dev.fastembed.spring.boot;

import dev.fastembed.Device;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** fastembed's settings: which models to load and how they run. */
@ConfigurationProperties(prefix = FastEmbedProperties.PREFIX)
public class FastEmbedProperties {

    public static final String PREFIX = "fastembed";

    /** The dense text model. */
    private final Model embedding = new Model("BAAI/bge-small-en-v1.5");
    /** A sparse model (Qdrant/bm25, SPLADE, BM42, miniCOIL); none unless set. */
    private final Model sparse = new Model(null);
    /** A cross-encoder for re-ranking; none unless set. */
    private final Reranker reranker = new Reranker();
    /** An image model (CLIP, SigLIP, nomic vision...); none unless set. */
    private final Model image = new Model(null);

    /** Where models download from. */
    private final Hub hub = new Hub();

    /** The model cache; default $FASTEMBED_CACHE_PATH, else ~/.cache/fastembed. */
    private Path cacheDir;
    /** Never touch the network; models must be in the cache, a model path or a classpath jar. */
    private boolean offline;
    /** Where models run: AUTO (CUDA when available), CPU or CUDA. */
    private Device device = Device.AUTO;
    /** CUDA devices for parallel workers. */
    private List<Integer> deviceIds = new ArrayList<>();
    /** ONNX Runtime threads per session; default: the runtime's choice. */
    private Integer threads;
    /** Inputs per batch; default: each kind's own (256 text, 64 pairs, 16 images). */
    private Integer batchSize;
    /** Worker threads, each with its own session: unset runs in the caller, 0 one per core. */
    private Integer parallelism;
    /** Load ONNX sessions on first use rather than at startup. */
    private boolean lazyLoad;

    public Model getEmbedding() {
        return embedding;
    }

    public Model getSparse() {
        return sparse;
    }

    public Reranker getReranker() {
        return reranker;
    }

    public Model getImage() {
        return image;
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

    public boolean isLazyLoad() {
        return lazyLoad;
    }

    public void setLazyLoad(boolean lazyLoad) {
        this.lazyLoad = lazyLoad;
    }

    /** One model kind's settings. */
    public static class Model {

        /** A fastembed catalog id. */
        private String model;
        /** A directory holding the model's files (no cache, no download). */
        private Path modelPath;

        Model(String model) {
            this.model = model;
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
    }

    /** The re-ranker's settings. */
    public static class Reranker extends Model {

        /** Scores as raw logits (fastembed's) or through a sigmoid, in (0, 1). */
        private dev.fastembed.ScoreScale scale = dev.fastembed.ScoreScale.RAW;
        /** Documents the Spring AI post-processor keeps. */
        private int topK = 5;
        /** Documents scoring below this are dropped by the Spring AI post-processor; default: none dropped. */
        private double minScore = Double.NEGATIVE_INFINITY;

        Reranker() {
            super(null);
        }

        public dev.fastembed.ScoreScale getScale() {
            return scale;
        }

        public void setScale(dev.fastembed.ScoreScale scale) {
            this.scale = scale;
        }

        public int getTopK() {
            return topK;
        }

        public void setTopK(int topK) {
            this.topK = topK;
        }

        public double getMinScore() {
            return minScore;
        }

        public void setMinScore(double minScore) {
            this.minScore = minScore;
        }
    }

    /** The Hugging Face hub (or a mirror) models download from. */
    public static class Hub {

        /** The hub's base URL; default $HF_ENDPOINT, else https://huggingface.co. */
        private java.net.URI endpoint;
        /** A token for gated or private repositories; default $HF_TOKEN. */
        private String token;
        /** The model repositories' branch, tag or commit sha. */
        private String revision = "main";

        public java.net.URI getEndpoint() {
            return endpoint;
        }

        public void setEndpoint(java.net.URI endpoint) {
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
