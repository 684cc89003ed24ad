package dev.fastembed;

/** The one-text entry points' argument check, shared by the text facades. */
final class Texts {

    private Texts() {
    }

    /** Returns {@code text}, refusing null with what to pass instead. */
    static String requireText(String text) {
        if (text == null) {
            throw new IllegalArgumentException("text must not be null; pass an empty string to embed nothing");
        }
        return text;
    }
}
