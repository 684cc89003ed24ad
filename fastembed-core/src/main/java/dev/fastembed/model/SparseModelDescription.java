package dev.fastembed.model;

import java.util.List;
import java.util.Objects;

/**
 * A sparse text model of the catalog: which algorithm, which files, where from.
 *
 * @param id the catalog id
 * @param kind the algorithm
 * @param vocabSize the id space of SPLADE-style models (0 for hashed ids)
 * @param requiresIdf whether the vectors are meant for an index that applies IDF (Qdrant {@code modifier: idf})
 * @param source where the files download from
 * @param modelFile the ONNX file's repo path, or null (BM25)
 * @param additionalFiles further files the model needs
 * @param maxLength tokens per text for neural models (when tokenizer_config.json gives none)
 * @param license the model's licence
 * @param sizeGb the download size
 * @param description what the model is
 */
public record SparseModelDescription(String id, SparseKind kind, int vocabSize, boolean requiresIdf,
        ModelSource source, String modelFile, List<String> additionalFiles, int maxLength, String license,
        double sizeGb, String description) {

    /** The sparse algorithms fastembed has. */
    public enum SparseKind {
        SPLADE, BM42, BM25, MINICOIL, INFERENCE_FREE_SPLADE;

        /** Whether the kind has an ONNX graph at all (BM25 has none: no files, no session). */
        public boolean hasGraph() {
            return this != BM25;
        }

        /** Whether queries run the graph (SPLADE, miniCOIL) or only the tokenizer and tables (BM25, BM42, IDF). */
        public boolean queriesRunGraph() {
            return this == SPLADE || this == MINICOIL;
        }
    }

    public SparseModelDescription {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(source, "source");
        additionalFiles = List.copyOf(additionalFiles);
    }

    /** The files to resolve, all of them. */
    public ModelFileSet fileSet() {
        return new ModelFileSet(id, source, modelFile, additionalFiles, List.of());
    }

    /** The files to resolve when only some additional files are needed (BM25: one language's stop words). */
    public ModelFileSet fileSet(List<String> onlyThese) {
        return new ModelFileSet(id, source, modelFile, onlyThese, List.of());
    }
}
