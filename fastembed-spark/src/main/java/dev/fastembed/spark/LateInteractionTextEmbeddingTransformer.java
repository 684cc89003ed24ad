package dev.fastembed.spark;

import dev.fastembed.LateInteractionTextEmbedding;
import dev.fastembed.MultiVectorEmbedding;

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
 * Late-interaction (ColBERT) embeddings into an {@code array<array<float>>} column, one row per kept token, the
 * Qdrant connector's multi-vector shape. Input: a string column. Default model colbert-ir/colbertv2.0.
 */
public final class LateInteractionTextEmbeddingTransformer
        extends FastEmbedTransformer<LateInteractionTextEmbeddingTransformer> {

    private static final long serialVersionUID = 1L;

    /** The multi-vector column; default {@code multivector}. */
    private final Param<String> outputCol;
    /** Embed as queries (mask-padded to 32 rows, fastembed's {@code query_embed}); default false. */
    private final BooleanParam query;

    public LateInteractionTextEmbeddingTransformer() {
        this(Identifiable.randomUID("fastembedLate"));
    }

    public LateInteractionTextEmbeddingTransformer(String uid) {
        super(uid, "colbert-ir/colbertv2.0");
        outputCol = new Param<>(this, "outputCol", "the multi-vector column");
        query = new BooleanParam(this, "query", "embed as queries rather than documents");
        setDefault(outputCol, "multivector");
        setDefault(query, false);
    }

    /** The multi-vector column; default {@code multivector}. */
    public Param<String> outputCol() {
        return outputCol;
    }

    /** Embed as queries (mask-padded to 32 rows, fastembed's {@code query_embed}); default false. */
    public BooleanParam query() {
        return query;
    }

    public static MLReader<LateInteractionTextEmbeddingTransformer> read() {
        return new DefaultParamsReader<>();
    }

    public static LateInteractionTextEmbeddingTransformer load(String path) {
        return read().load(path);
    }

    public LateInteractionTextEmbeddingTransformer setOutputCol(String value) {
        set(outputCol, value);
        return this;
    }

    public LateInteractionTextEmbeddingTransformer setQuery(boolean value) {
        set(query, value);
        return this;
    }

    @Override
    protected String kind() {
        return "late";
    }

    @Override
    protected List<DataType> inputTypes() {
        return List.of(DataTypes.StringType);
    }

    @Override
    protected List<StructField> outputFields() {
        return List.of(DataTypes.createStructField(getOrDefault(outputCol), DataTypes.createArrayType(
                DataTypes.createArrayType(DataTypes.FloatType, false), false), true));
    }

    @Override
    protected PartitionEmbedder embedder(ModelOptions options, int inputIndex) {
        boolean queries = (Boolean) getOrDefault(query);
        return new PartitionEmbedder(options, inputIndex, 1) {
            private static final long serialVersionUID = 1L;

            @Override
            Stream<?> embed(AutoCloseable model, Stream<Object> inputs) {
                LateInteractionTextEmbedding late = (LateInteractionTextEmbedding) model;
                Stream<String> texts = inputs.map(String.class::cast);
                return queries ? texts.map(late::queryEmbed) : late.embed(texts);
            }

            @Override
            Object[] columns(Object output) {
                MultiVectorEmbedding matrix = (MultiVectorEmbedding) output;
                float[][] rows = new float[matrix.rows()][];
                for (int r = 0; r < rows.length; r++) {
                    rows[r] = matrix.row(r);
                }
                return new Object[] {rows};
            }
        };
    }
}
