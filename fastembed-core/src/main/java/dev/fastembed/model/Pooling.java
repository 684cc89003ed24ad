package dev.fastembed.model;

/** How a dense model's token vectors become one vector per text (used when the selected output is 3-D). */
public enum Pooling {
    /** The first token's vector ({@code [CLS]}). */
    CLS,
    /** The mean of token vectors weighted by the attention mask. */
    MEAN,
    /** The vector of the last position whose attention mask is 1; works for left and right padding. */
    LAST_TOKEN,
    /** The selected output is already one vector per text; it is used as is. */
    DISABLED
}
