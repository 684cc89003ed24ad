package dev.fastembed;

/** Inference failed for a batch of inputs; {@link #inputIndex()} is the first failing input's position. */
public class EmbeddingException extends FastEmbedException {

    private static final long serialVersionUID = 1L;

    private final long inputIndex;

    public EmbeddingException(long inputIndex, String message, Throwable cause) {
        super(message, cause);
        this.inputIndex = inputIndex;
    }

    /** Zero-based position, in the caller's input, of the first input in the failing batch. */
    public long inputIndex() {
        return inputIndex;
    }
}
