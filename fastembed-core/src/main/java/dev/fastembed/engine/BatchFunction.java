package dev.fastembed.engine;

import java.util.List;

/**
 * One model kind's work on one batch: pre-process, run ONNX on the worker's session, post-process.
 * Returns exactly one output per input, in the batch's order.
 */
@FunctionalInterface
public interface BatchFunction<I, O, W> {

    List<O> apply(List<I> batch, W worker) throws Exception;
}
