package dev.fastembed;

/** Model files were found but could not be loaded: a corrupt ONNX file, an unreadable tokenizer, a missing runtime. */
public class ModelLoadException extends FastEmbedException {

    private static final long serialVersionUID = 1L;

    public ModelLoadException(String message, Throwable cause) {
        super(message, cause);
    }

    public ModelLoadException(String message) {
        super(message);
    }
}
