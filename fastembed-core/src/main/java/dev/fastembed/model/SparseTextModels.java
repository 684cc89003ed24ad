package dev.fastembed.model;

import dev.fastembed.model.SparseModelDescription.SparseKind;

import java.util.List;

/** The sparse text models of spec §2.2, in fastembed's registry order. */
final class SparseTextModels {

    static final List<String> BM25_LANGUAGES = List.of("arabic", "danish", "dutch", "english", "finnish", "french",
            "german", "greek", "hungarian", "italian", "norwegian", "portuguese", "romanian", "russian", "spanish",
            "swedish", "tamil", "turkish");

    private SparseTextModels() {
    }

    static List<SparseModelDescription> all() {
        SparseModelDescription splade = new SparseModelDescription("prithivida/Splade_PP_en_v1", SparseKind.SPLADE,
                30522, false, ModelSource.huggingFace("Qdrant/Splade_PP_en_v1"), "model.onnx", List.of(), 512,
                "apache-2.0", 0.532, "Independent Implementation of SPLADE++ Model for English.");
        return List.of(
                splade,
                new SparseModelDescription("prithvida/Splade_PP_en_v1", SparseKind.SPLADE, 30522, false,
                        splade.source(), "model.onnx", List.of(), 512, "apache-2.0", 0.532,
                        "Deprecated misspelling of prithivida/Splade_PP_en_v1, kept as an alias."),
                new SparseModelDescription("Qdrant/bm42-all-minilm-l6-v2-attentions", SparseKind.BM42, 30522, true,
                        ModelSource.huggingFace("Qdrant/all_miniLM_L6_v2_with_attentions"), "model.onnx",
                        List.of("stopwords.txt"), 512, "apache-2.0", 0.09,
                        "Light sparse embedding model, which assigns an importance score to each token in the text."),
                new SparseModelDescription("Qdrant/bm25", SparseKind.BM25, 0, true,
                        ModelSource.huggingFace("Qdrant/bm25"), null,
                        BM25_LANGUAGES.stream().map(l -> l + ".txt").toList(), 0, "apache-2.0", 0.01,
                        "BM25 as sparse embeddings meant to be used with Qdrant's IDF modifier."),
                new SparseModelDescription("Qdrant/minicoil-v1", SparseKind.MINICOIL, 19125, true,
                        ModelSource.huggingFace("Qdrant/minicoil-v1"), "onnx/model.onnx",
                        List.of("stopwords.txt", "minicoil.triplet.model.npy", "minicoil.triplet.model.vocab"), 512,
                        "apache-2.0", 0.09, "Sparse embedding model, that resolves semantic meaning of the words."),
                new SparseModelDescription("opensearch-project/opensearch-neural-sparse-encoding-doc-v3-gte",
                        SparseKind.INFERENCE_FREE_SPLADE, 30522, false,
                        ModelSource.huggingFace("Qdrant/opensearch-neural-sparse-encoding-doc-v3-gte"), "model.onnx",
                        List.of("idf.json"), 8192, "apache-2.0", 0.55,
                        "Inference-free sparse retrieval: documents are encoded by the model, queries by IDF lookup."));
    }
}
