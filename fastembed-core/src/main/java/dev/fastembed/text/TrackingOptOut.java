package dev.fastembed.text;

/**
 * DJL's tokenizer reports usage to the AWS instance metadata address unless opted out. Our users must never
 * be tracked, so the opt-out is set before the first tokenizer loads, unless the user chose a value.
 */
final class TrackingOptOut {

    static final String PROPERTY = "OPT_OUT_TRACKING";

    private TrackingOptOut() {
    }

    static void ensure() {
        if (System.getenv(PROPERTY) == null && System.getProperty(PROPERTY) == null) {
            System.setProperty(PROPERTY, "true");
        }
    }
}
