package dev.fastembed.spark;

import dev.fastembed.TextEmbedding;

import org.apache.spark.ml.param.BooleanParam;
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
 * Dense text embeddings into an {@code array<float>} column (the Qdrant connector's dense shape), with
 * {@link TextEmbedding}: the same vectors as on one machine. Input: a string column. Default model
 * BAAI/bge-small-en-v1.5; {@code query(true)} embeds with the model's query task where it has one
 * (fastembed's {@code query_embed}).
 */
public final class TextEmbeddingTransformer extends FastEmbedTransformer<TextEmbeddingTransformer> {

    private static final long serialVersionUID = 1L;

    /** The vector column; default {@code embedding}. */
    private final Param<String> outputCol;
    /** Embed as queries (fastembed's {@code query_embed}) rather than documents; default false. */
    private final BooleanParam query;

    public TextEmbeddingTransformer() {
        this(Identifiable.randomUID("fastembedText"));
    }

    public TextEmbeddingTransformer(String uid) {
        super(uid, TextEmbedding.DEFAULT_MODEL);
        outputCol = new Param<>(this, "outputCol", "the vector column");
        query = new BooleanParam(this, "query", "embed as queries rather than documents");
        setDefault(outputCol, "embedding");
        setDefault(query, false);
    }

    /** The vector column; default {@code embedding}. */
    public Param<String> outputCol() {
        return outputCol;
    }

    /** Embed as queries (fastembed's {@code query_embed}) rather than documents; default false. */
    public BooleanParam query() {
        return query;
    }

    public static MLReader<TextEmbeddingTransformer> read() {
        return new DefaultParamsReader<>();
    }

    public static TextEmbeddingTransformer load(String path) {
        return read().load(path);
    }

    public TextEmbeddingTransformer setOutputCol(String value) {
        set(outputCol, value);
        return this;
    }

    public TextEmbeddingTransformer setQuery(boolean value) {
        set(query, value);
        return this;
    }

    @Override
    protected String kind() {
        return "dense";
    }

    @Override
    protected List<DataType> inputTypes() {
        return List.of(DataTypes.StringType);
    }

    @Override
    protected List<StructField> outputFields() {
        return List.of(DataTypes.createStructField(getOrDefault(outputCol), DataTypes.createArrayType(
                DataTypes.FloatType, false), true));
    }

    @Override
    protected PartitionEmbedder embedder(ModelOptions options, int inputIndex) {
        boolean queries = (Boolean) getOrDefault(query);
        return new PartitionEmbedder(options, inputIndex, 1) {
            private static final long serialVersionUID = 1L;

            @Override
            Stream<?> embed(AutoCloseable model, Stream<Object> inputs) {
                TextEmbedding text = (TextEmbedding) model;
                Stream<String> texts = inputs.map(String.class::cast);
                return queries ? texts.map(text::queryEmbed) : text.embed(texts);
            }

            @Override
            Object[] columns(Object output) {
                return new Object[] {output};
            }
        };
    }
}
