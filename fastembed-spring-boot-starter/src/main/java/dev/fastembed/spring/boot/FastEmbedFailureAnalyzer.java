package dev.fastembed.spring.boot;

import dev.fastembed.FastEmbedException;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a fastembed bean that cannot start (an unknown model id, missing files, CUDA without a CUDA runtime,
 * a bad batch size, an unwritable cache) into Boot's startup report: what failed and which property to change.
 */
public class FastEmbedFailureAnalyzer extends AbstractFailureAnalyzer<BeanCreationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, BeanCreationException cause) {
        Throwable problem = ourProblem(cause);
        if (problem == null) {
            return null;
        }
        String bean = cause.getBeanName() != null ? cause.getBeanName() : "a fastembed bean";
        return new FailureAnalysis("fastembed could not start " + bean + ": " + problem.getMessage(),
                "Check the fastembed.* properties: the model ids (fastembed.embedding.model, fastembed.sparse.model, "
                        + "fastembed.reranker.model, fastembed.image.model; the error lists close ids), "
                        + "fastembed.cache-dir (must be writable), fastembed.offline and fastembed.embedding.model-path "
                        + "(the files must be there), fastembed.device (cuda needs the onnxruntime_gpu artifact and a "
                        + "CUDA runtime; auto falls back to cpu) and fastembed.batch-size / threads / parallelism "
                        + "(positive numbers).", problem);
    }

    /** The deepest cause thrown by fastembed itself, or null when the failure is someone else's. */
    private static Throwable ourProblem(Throwable failure) {
        Throwable found = null;
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof FastEmbedException || (t instanceof IllegalArgumentException
                    && t.getStackTrace().length > 0 && t.getStackTrace()[0].getClassName().startsWith("dev.fastembed."))) {
                found = t;
            }
        }
        return found;
    }
}
