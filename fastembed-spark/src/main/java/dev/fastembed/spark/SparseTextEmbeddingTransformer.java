package dev.fastembed.spark;

import dev.fastembed.SparseEmbedding;
import dev.fastembed.SparseTextEmbedding;

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
 * Sparse text embeddings (BM25, SPLADE, BM42, miniCOIL) into two columns, the Qdrant connector's sparse shape:
 * {@code array<int>} indices and {@code array<float>} values. Indices are fastembed's unsigned 32-bit ids stored
 * in an int with their bits kept (BM25's hashes above 2^31 read as negative ints; reinterpret them with
 * {@code Integer.toUnsignedLong}). Input: a string column. There is no default model, as in fastembed.
 */
public final class SparseTextEmbeddingTransformer extends FastEmbedTransformer<SparseTextEmbeddingTransformer> {

    private static final long serialVersionUID = 1L;

    /** The indices column; default {@code sparse_indices}. */
    private final Param<String> indicesCol;
    /** The values column; default {@code sparse_values}. */
    private final Param<String> valuesCol;
    /** Embed as queries (fastembed's {@code query_embed}: BM25 weighs each distinct stem 1); default false. */
    private final BooleanParam query;

    public SparseTextEmbeddingTransformer() {
        this(Identifiable.randomUID("fastembedSparse"));
    }

    public SparseTextEmbeddingTransformer(String uid) {
        super(uid, null);
        indicesCol = new Param<>(this, "indicesCol", "the sparse indices column");
        valuesCol = new Param<>(this, "valuesCol", "the sparse values column");
        query = new BooleanParam(this, "query", "embed as queries rather than documents");
        setDefault(indicesCol, "sparse_indices");
        setDefault(valuesCol, "sparse_values");
        setDefault(query, false);
    }

    /** The indices column; default {@code sparse_indices}. */
    public Param<String> indicesCol() {
        return indicesCol;
    }

    /** The values column; default {@code sparse_values}. */
    public Param<String> valuesCol() {
        return valuesCol;
    }

    /** Embed as queries (fastembed's {@code query_embed}: BM25 weighs each distinct stem 1); default false. */
    public BooleanParam query() {
        return query;
    }

    public static MLReader<SparseTextEmbeddingTransformer> read() {
        return new DefaultParamsReader<>();
    }

    public static SparseTextEmbeddingTransformer load(String path) {
        return read().load(path);
    }

    public SparseTextEmbeddingTransformer setIndicesCol(String value) {
        set(indicesCol, value);
        return this;
    }

    public SparseTextEmbeddingTransformer setValuesCol(String value) {
        set(valuesCol, value);
        return this;
    }

    public SparseTextEmbeddingTransformer setQuery(boolean value) {
        set(query, value);
        return this;
    }

    @Override
    protected String kind() {
        return "sparse";
    }

    @Override
    protected List<DataType> inputTypes() {
        return List.of(DataTypes.StringType);
    }

    @Override
    protected List<StructField> outputFields() {
        return List.of(
                DataTypes.createStructField(getOrDefault(indicesCol), DataTypes.createArrayType(DataTypes.IntegerType,
                        false), true),
                DataTypes.createStructField(getOrDefault(valuesCol), DataTypes.createArrayType(DataTypes.FloatType,
                        false), true));
    }

    @Override
    protected PartitionEmbedder embedder(ModelOptions options, int inputIndex) {
        boolean queries = (Boolean) getOrDefault(query);
        return new PartitionEmbedder(options, inputIndex, 2) {
            private static final long serialVersionUID = 1L;

            @Override
            Stream<?> embed(AutoCloseable model, Stream<Object> inputs) {
                SparseTextEmbedding sparse = (SparseTextEmbedding) model;
                Stream<String> texts = inputs.map(String.class::cast);
                return queries ? texts.map(sparse::queryEmbed) : sparse.embed(texts);
            }

            @Override
            Object[] columns(Object output) {
                SparseEmbedding vector = (SparseEmbedding) output;
                return new Object[] {vector.indices(), vector.values()};
            }
        };
    }
}
