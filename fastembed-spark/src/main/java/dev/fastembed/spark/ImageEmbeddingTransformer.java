package dev.fastembed.spark;

import dev.fastembed.ImageEmbedding;

import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

import java.util.List;
import java.util.stream.Stream;

/**
 * Image embeddings into an {@code array<float>} column. Input: a binary column of encoded images (JPEG, PNG, WebP,
 * GIF, BMP: what {@code spark.read.format("binaryFile")} gives in its {@code content} column) or a string column
 * of file paths readable on the executors. Default model Qdrant/clip-ViT-B-32-vision.
 */
public final class ImageEmbeddingTransformer extends FastEmbedTransformer<ImageEmbeddingTransformer> {

    private static final long serialVersionUID = 1L;

    /** The vector column; default {@code embedding}. */
    private final Param<String> outputCol;

    public ImageEmbeddingTransformer() {
        this(Identifiable.randomUID("fastembedImage"));
    }

    public ImageEmbeddingTransformer(String uid) {
        super(uid, "Qdrant/clip-ViT-B-32-vision");
        outputCol = new Param<>(this, "outputCol", "the vector column");
        setDefault(outputCol, "embedding");
    }

    /** The vector column; default {@code embedding}. */
    public Param<String> outputCol() {
        return outputCol;
    }

    public static MLReader<ImageEmbeddingTransformer> read() {
        return new DefaultParamsReader<>();
    }

    public static ImageEmbeddingTransformer load(String path) {
        return read().load(path);
    }

    public ImageEmbeddingTransformer setOutputCol(String value) {
        set(outputCol, value);
        return this;
    }

    @Override
    protected String kind() {
        return "image";
    }

    @Override
    protected List<DataType> inputTypes() {
        return List.of(DataTypes.BinaryType, DataTypes.StringType);
    }

    @Override
    protected List<StructField> outputFields() {
        return List.of(DataTypes.createStructField(getOrDefault(outputCol), DataTypes.createArrayType(
                DataTypes.FloatType, false), true));
    }

    @Override
    protected PartitionEmbedder embedder(ModelOptions options, int inputIndex) {
        return new PartitionEmbedder(options, inputIndex, 1) {
            private static final long serialVersionUID = 1L;

            @Override
            Stream<?> embed(AutoCloseable model, Stream<Object> inputs) {
                return ((ImageEmbedding) model).embed(inputs);
            }

            @Override
            Object[] columns(Object output) {
                return new Object[] {output};
            }
        };
    }
}
