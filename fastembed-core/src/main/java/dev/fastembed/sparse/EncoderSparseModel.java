package dev.fastembed.sparse;

import dev.fastembed.onnx.OnnxSession;
import dev.fastembed.text.TextTokenizer;
import dev.fastembed.text.TokenBudget;

import java.util.List;

/** A sparse model with an ONNX encoder (SPLADE, BM42, miniCOIL): it owns the tokenizer and the token budget. */
abstract class EncoderSparseModel implements SparseTextModel {

    final TextTokenizer tokenizer;
    private final TokenBudget budget;

    EncoderSparseModel(TextTokenizer tokenizer, TokenBudget budget) {
        this.tokenizer = tokenizer;
        this.budget = budget;
    }

    /** The padded tokens one run on {@code session} may take (the per-thread default, or the user's). */
    final int maxBatchTokens(OnnxSession session) {
        return budget.tokens(session);
    }

    @Override
    public final int[] tokenCounts(List<String> texts) {
        return tokenizer.tokenCounts(texts);
    }

    @Override
    public final void close() {
        tokenizer.close();
    }
}
