package dev.fastembed.hub.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A response body read chunk by chunk with a read timeout, which the JDK client lacks: its request timeout
 * ends when the headers arrive, and a blocked {@code InputStream} read ignores interrupts. A server that
 * stops sending mid-file therefore hangs a plain reader forever; this one gives up after the timeout.
 */
final class TimedBody implements Flow.Subscriber<List<ByteBuffer>>, AutoCloseable {

    private static final List<ByteBuffer> END = List.of();

    private final BlockingQueue<Object> chunks = new LinkedBlockingQueue<>();
    private final Duration readTimeout;
    private volatile Flow.Subscription subscription;
    private boolean ended;

    TimedBody(Flow.Publisher<List<ByteBuffer>> body, Duration readTimeout) {
        this.readTimeout = readTimeout;
        body.subscribe(this);
    }

    /**
     * The next buffers of the body, or null at its end.
     *
     * @throws IOException when the connection failed or nothing came for the read timeout
     */
    @SuppressWarnings("unchecked")
    List<ByteBuffer> next() throws IOException {
        if (ended) {
            return null;
        }
        Object chunk;
        try {
            chunk = chunks.poll(readTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            close();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading a download");
        }
        if (chunk == null) {
            close();
            throw new IOException("no bytes for " + readTimeout.toMillis() + " ms");
        }
        if (chunk instanceof Throwable failure) {
            ended = true;
            throw failure instanceof IOException io ? io : new IOException(failure.getMessage(), failure);
        }
        if (chunk == END) {
            ended = true;
            return null;
        }
        subscription.request(1);
        return (List<ByteBuffer>) chunk;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        subscription.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
        chunks.add(item);
    }

    @Override
    public void onError(Throwable throwable) {
        chunks.add(throwable);
    }

    @Override
    public void onComplete() {
        chunks.add(END);
    }

    /** Stops the body: the connection is released rather than read to its end. */
    @Override
    public void close() {
        Flow.Subscription current = subscription;
        if (current != null && !ended) {
            ended = true;
            current.cancel();
        }
    }
}
