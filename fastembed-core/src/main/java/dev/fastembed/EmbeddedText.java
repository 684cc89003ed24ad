package dev.fastembed;

/**
 * One text's vector with the tokens it took, from the same tokenization (no second pass for usage figures).
 *
 * @param vector the embedding (the caller's own array)
 * @param tokenCount tokens the model saw: special tokens ([CLS], [SEP]) and the prefix included, padding not,
 *     after truncation, as {@link TextEmbedding#tokenCount}
 * @param textTokenCount the same without special tokens: "hi" is 1 token, as LangChain4j's in-process models
 *     report usage
 */
public record EmbeddedText(float[] vector, int tokenCount, int textTokenCount) {
}
