package dev.fastembed.benchmarks;

import java.util.List;

/** One way of turning texts into vectors, measured on the same files as the others. */
interface BenchPath extends AutoCloseable {

    String name();

    List<float[]> embed(List<String> texts) throws Exception;

    @Override
    void close() throws Exception;
}
