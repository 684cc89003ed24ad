package dev.fastembed.model;

import java.util.List;
import java.util.Objects;

/**
 * A late-interaction (ColBERT-family) text model of the catalog.
 *
 * @param id the catalog id
 * @param family the tokenization and post-processing rules it was trained with
 * @param dimension the per-token vector length
 * @param source where the files download from
 * @param modelFile the ONNX file's repo path
 * @param additionalFiles further files (external data)
 * @param maxLength tokens per text when tokenizer_config.json gives none
 * @param license the model's licence
 * @param sizeGb the download size
 * @param description fastembed's catalog text
 */
public record LateInteractionModelDescription(String id, Family family, int dimension, ModelSource source,
        String modelFile, List<String> additionalFiles, int maxLength, String license, double sizeGb,
        String description) {

    /**
     * The rules a late-interaction model follows, as fastembed 0.9.1 implements them ({@code colbert.py},
     * {@code jina_colbert.py}, {@code lateon.py}).
     */
    public enum Family {
        /**
         * colbert-ir's ColBERT: markers {@code [unused0]}/{@code [unused1]} (ids 1 and 2) after [CLS], queries
         * padded with unattended {@code [MASK]} to 32 tokens and returned raw, documents without padding and ASCII
         * punctuation, one marker reserved from the max length.
         */
        COLBERT(1, 2, "[MASK]"),
        /** Jina-ColBERT v2: as {@link #COLBERT} with markers 250002/250003, {@code <mask>}, and attended padding. */
        JINA_COLBERT(250002, 250003, "<mask>"),
        /**
         * LightOn's LateOn (PyLate, ModernBERT): markers 50368/50369, no query expansion, the mask id doubles as
         * the padding id so only the attention mask drops padding, no marker reserved (PyLate's
         * {@code model_max_length} already leaves room), every kept row unit length, queries and documents.
         */
        LATE_ON(50368, 50369, "[MASK]"),
        /** mLateOn: as {@link #LATE_ON} with markers 256000/256001, {@code <mask>}, and no punctuation skip list. */
        M_LATE_ON(256000, 256001, "<mask>");

        private final long queryMarkerId;
        private final long documentMarkerId;
        private final String maskToken;

        Family(long queryMarkerId, long documentMarkerId, String maskToken) {
            this.queryMarkerId = queryMarkerId;
            this.documentMarkerId = documentMarkerId;
            this.maskToken = maskToken;
        }

        /** Whether queries are padded with the mask token to a minimum length (ColBERT's query expansion). */
        public boolean expandsQueries() {
            return this == COLBERT || this == JINA_COLBERT;
        }

        /** Whether padding reuses the mask id, so that only the attention mask tells padding apart. */
        public boolean padsWithMask() {
            return this == LATE_ON || this == M_LATE_ON;
        }

        /** Tokens taken off the max length for the marker inserted after tokenization. */
        public int reservedMarkerTokens() {
            return padsWithMask() ? 0 : 1;
        }

        /** Whether documents drop their ASCII punctuation tokens (mLateOn was trained without a skip list). */
        public boolean skipsPunctuation() {
            return this != M_LATE_ON;
        }
    }

    public LateInteractionModelDescription {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(modelFile, "modelFile");
        Objects.requireNonNull(description, "description");
        additionalFiles = List.copyOf(additionalFiles);
    }

    public long queryMarkerId() {
        return family.queryMarkerId;
    }

    public long documentMarkerId() {
        return family.documentMarkerId;
    }

    public String maskToken() {
        return family.maskToken;
    }

    public ModelFileSet fileSet() {
        return new ModelFileSet(id, source, modelFile, additionalFiles, List.of());
    }

    static List<LateInteractionModelDescription> all() {
        return List.of(
                new LateInteractionModelDescription("colbert-ir/colbertv2.0", Family.COLBERT, 128,
                        ModelSource.huggingFace("colbert-ir/colbertv2.0"), "model.onnx", List.of(), 512, "mit", 0.44,
                        "Text embeddings, Unimodal (text), English, 512 input tokens truncation, 2023 year"),
                new LateInteractionModelDescription("answerdotai/answerai-colbert-small-v1", Family.COLBERT, 96,
                        ModelSource.huggingFace("answerdotai/answerai-colbert-small-v1"), "vespa_colbert.onnx",
                        List.of(), 512, "apache-2.0", 0.13,
                        "Text embeddings, Unimodal (text), English, 512 input tokens truncation, 2024 year"),
                new LateInteractionModelDescription("jinaai/jina-colbert-v2", Family.JINA_COLBERT, 128,
                        ModelSource.huggingFace("jinaai/jina-colbert-v2"), "onnx/model.onnx",
                        List.of("onnx/model.onnx_data"), 8192, "cc-by-nc-4.0", 2.24, "New model that expands "
                        + "capabilities of colbert-v1 with multilingual and context length of 8192, 2024 year"),
                new LateInteractionModelDescription("lightonai/LateOn", Family.LATE_ON, 128,
                        ModelSource.huggingFace("lightonai/LateOn"), "model.onnx", List.of(), 300, "apache-2.0",
                        0.616, "Text embeddings, Unimodal (text), English, 300 input tokens truncation, 2026 year"),
                new LateInteractionModelDescription("lightonai/mLateOn", Family.M_LATE_ON, 128,
                        ModelSource.huggingFace("lightonai/mLateOn"), "model.onnx", List.of(), 8192, "apache-2.0",
                        1.25, "Text embeddings, Unimodal (text), Multilingual and code, 8192 input tokens "
                        + "truncation, 2026 year"));
    }
}
