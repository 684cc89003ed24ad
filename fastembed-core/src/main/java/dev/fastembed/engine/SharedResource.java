package dev.fastembed.engine;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * A native resource every worker of a model shares (its tokenizer and what is built on it), made on first use
 * and closed once. With {@code lazyLoad} nothing native exists until the first call; without it the facade
 * asks for it while it builds. Use it only inside the engine's lifecycle guard (a batch function or
 * {@link BatchEngine#guarded}), so that {@link #close()} never frees it under a caller.
 */
public final class SharedResource<T extends AutoCloseable> implements AutoCloseable {

    private final String name;
    private final Supplier<T> factory;
    private T value;
    private boolean closed;

    /**
     * @param name what it serves (a model id), for the closed error
     * @param factory makes the resource; a failure is thrown to the caller and retried on the next use
     */
    public SharedResource(String name, Supplier<T> factory) {
        this.name = Objects.requireNonNull(name, "name");
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    /** The resource, made now if this is the first use. */
    public synchronized T get() {
        if (closed) {
            throw new IllegalStateException(name + " is closed; build a new instance");
        }
        if (value == null) {
            value = factory.get();
        }
        return value;
    }

    /** Closes the resource if it was made; later {@link #get()} calls throw the closed error. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (value != null) {
            try {
                value.close();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("Closing " + name + "'s " + value + " failed: " + e.getMessage(), e);
            }
        }
    }
}
