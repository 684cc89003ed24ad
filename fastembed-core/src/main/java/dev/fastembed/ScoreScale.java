package dev.fastembed;

/** How a cross-encoder reports scores. */
public enum ScoreScale {
    /** The model's logit, as fastembed returns it: unbounded, comparable only within one model. */
    RAW,
    /** {@code 1 / (1 + e^-logit)}: in (0, 1), so a fixed threshold such as LangChain4j's {@code minScore} means something. */
    SIGMOID;

    double apply(double logit) {
        return this == RAW ? logit : 1.0 / (1.0 + Math.exp(-logit));
    }
}
