package dev.fastembed.model;

import java.util.List;

/** The cross-encoders of spec §2.6, in fastembed's registry order. */
final class RerankerModels {

    private RerankerModels() {
    }

    static List<RerankerModelDescription> all() {
        return List.of(
                entry("Xenova/ms-marco-MiniLM-L-6-v2", 512, "apache-2.0", 0.08,
                        "MiniLM-L6 cross-encoder trained on MS MARCO passage ranking; English."),
                entry("Xenova/ms-marco-MiniLM-L-12-v2", 512, "apache-2.0", 0.12,
                        "MiniLM-L12 cross-encoder trained on MS MARCO passage ranking; English."),
                entry("BAAI/bge-reranker-base", 512, "mit", 1.04, "BGE reranker (XLM-RoBERTa base); English and Chinese."),
                entry("jinaai/jina-reranker-v1-tiny-en", 8192, "apache-2.0", 0.13, "Jina reranker v1 tiny; 8K context."),
                entry("jinaai/jina-reranker-v1-turbo-en", 8192, "apache-2.0", 0.15, "Jina reranker v1 turbo; 8K context."),
                entry("jinaai/jina-reranker-v2-base-multilingual", 1024, "cc-by-nc-4.0", 1.11,
                        "A multi-lingual reranker model for cross-encoder re-ranking with 1K context length"));
    }

    private static RerankerModelDescription entry(String id, int maxLength, String license, double sizeGb,
            String description) {
        return new RerankerModelDescription(id, ModelSource.huggingFace(id), "onnx/model.onnx", List.of(), maxLength,
                license, sizeGb, description);
    }
}
