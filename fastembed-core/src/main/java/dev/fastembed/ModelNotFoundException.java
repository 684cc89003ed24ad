package dev.fastembed;

/** The model is in the catalog, but its files were found nowhere this library was allowed to look. */
public class ModelNotFoundException extends FastEmbedException {

    private static final long serialVersionUID = 1L;

    public ModelNotFoundException(String message) {
        super(message);
    }
}
