package dev.fastembed.benchmarks;

import dev.fastembed.LateInteractionTextEmbedding;
import dev.fastembed.SparseTextEmbedding;

import java.nio.file.Path;
import java.util.List;

/**
 * The kinds whose graphs give large outputs, for peak RSS: SPLADE's logits are [batch, tokens, 30,522] floats
 * (about 500 MB at the default token budget), ColBERT's [batch, tokens, 128]. Generated graphs
 * (make_tiny_models.py) with the real output shapes and bge's tokenizer, so the outputs are real-sized.
 */
final class LargeOutputPath implements BenchPath {

    private final SparseTextEmbedding splade;
    private final LateInteractionTextEmbedding colbert;

    private LargeOutputPath(SparseTextEmbedding splade, LateInteractionTextEmbedding colbert) {
        this.splade = splade;
        this.colbert = colbert;
    }

    static LargeOutputPath splade(Path folder) {
        return new LargeOutputPath(SparseTextEmbedding.builder().model("prithivida/Splade_PP_en_v1")
                .modelPath(folder).build(), null);
    }

    static LargeOutputPath colbert(Path folder) {
        return new LargeOutputPath(null, LateInteractionTextEmbedding.builder().model("colbert-ir/colbertv2.0")
                .modelPath(folder).build());
    }

    @Override
    public String name() {
        return splade != null ? "SPLADE documents (generated graph)" : "ColBERT documents (generated graph)";
    }

    @Override
    public List<float[]> embed(List<String> texts) {
        if (splade != null) {
            return splade.embed(texts).stream().map(SparseEmbeddingValues::of).toList();
        }
        return colbert.embed(texts).stream().map(m -> m.values()).toList();
    }

    /** A sparse vector's values, so that the result is kept like the dense paths' vectors. */
    private static final class SparseEmbeddingValues {
        static float[] of(dev.fastembed.SparseEmbedding embedding) {
            return embedding.values();
        }
    }

    @Override
    public void close() {
        if (splade != null) {
            splade.close();
        }
        if (colbert != null) {
            colbert.close();
        }
    }
}
