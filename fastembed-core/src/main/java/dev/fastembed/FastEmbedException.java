package dev.fastembed;

/**
 * Root of every exception this library throws on purpose. Messages say which input or file is at
 * fault and what to do about it.
 */
public class FastEmbedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public FastEmbedException(String message) {
        super(message);
    }

    public FastEmbedException(String message, Throwable cause) {
        super(message, cause);
    }
}
