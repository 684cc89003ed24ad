package dev.fastembed.sparse;

import dev.fastembed.text.TextTokenizer;

import java.util.List;

/** A sparse model with an ONNX encoder (SPLADE, BM42, miniCOIL): it owns the tokenizer and the token budget. */
abstract class EncoderSparseModel implements SparseTextModel {

    final TextTokenizer tokenizer;
    final int maxBatchTokens;

    EncoderSparseModel(TextTokenizer tokenizer, int maxBatchTokens) {
        this.tokenizer = tokenizer;
        this.maxBatchTokens = maxBatchTokens;
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
