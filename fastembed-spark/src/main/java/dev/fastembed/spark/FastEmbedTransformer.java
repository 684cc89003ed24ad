package dev.fastembed.spark;

import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What the four fastembed Transformers share: the input column, the model options as Params, schema checks, and
 * the partition loop. A partition streams through the executor's one model ({@link ExecutorModels}) lazily, so
 * inputs are length-sorted within the engine's read-ahead window and memory stays bounded however large the
 * partition is. A null input gives null outputs. A failing row fails the task with the row's excerpt and the
 * reason. Saved and loaded with Spark ML's default params writer, so a pipeline holding one saves and loads.
 */
public abstract class FastEmbedTransformer<T extends FastEmbedTransformer<T>> extends Transformer
        implements DefaultParamsWritable {

    private static final long serialVersionUID = 1L;

    private final String uid;

    /** The column to embed. */
    private final Param<String> inputCol;
    /** A fastembed catalog id; default: the kind's default model where fastembed has one. */
    private final Param<String> model;
    /** A folder holding the model's files on every executor; default: resolve through the cache. */
    private final Param<String> modelPath;
    /** The cache folder on the executors (a shared file system works); default fastembed's. */
    private final Param<String> cacheDir;
    /** Never download on executors; default false. */
    private final BooleanParam offline;
    /** Inputs per inference run; default the kind's. */
    private final IntParam batchSize;
    /** The token budget per run; default fastembed's. */
    private final IntParam maxBatchTokens;
    /** Intra-op threads per run; default the executor's cores divided by its concurrent tasks. */
    private final IntParam threads;

    protected FastEmbedTransformer(String uid, String defaultModel) {
        this.uid = uid;
        inputCol = new Param<>(this, "inputCol", "the column to embed");
        model = new Param<>(this, "model", "a fastembed catalog id");
        modelPath = new Param<>(this, "modelPath", "a folder with the model's files on every executor");
        cacheDir = new Param<>(this, "cacheDir", "the model cache folder on the executors");
        offline = new BooleanParam(this, "offline", "never download on executors");
        batchSize = new IntParam(this, "batchSize", "inputs per inference run (> 0)", ParamValidators.gt(0));
        maxBatchTokens = new IntParam(this, "maxBatchTokens", "the token budget per run (> 0)", ParamValidators.gt(0));
        threads = new IntParam(this, "threads", "intra-op threads per run (> 0)", ParamValidators.gt(0));
        setDefault(offline, false);
        if (defaultModel != null) {
            setDefault(model, defaultModel);
        }
    }

    /** The column to embed. */
    public Param<String> inputCol() {
        return inputCol;
    }

    /** A fastembed catalog id; default: the kind's default model where fastembed has one. */
    public Param<String> model() {
        return model;
    }

    /** A folder holding the model's files on every executor; default: resolve through the cache. */
    public Param<String> modelPath() {
        return modelPath;
    }

    /** The cache folder on the executors (a shared file system works); default fastembed's. */
    public Param<String> cacheDir() {
        return cacheDir;
    }

    /** Never download on executors; default false. */
    public BooleanParam offline() {
        return offline;
    }

    /** Inputs per inference run; default the kind's. */
    public IntParam batchSize() {
        return batchSize;
    }

    /** The token budget per run; default fastembed's. */
    public IntParam maxBatchTokens() {
        return maxBatchTokens;
    }

    /** Intra-op threads per run; default the executor's cores divided by its concurrent tasks. */
    public IntParam threads() {
        return threads;
    }

    @Override
    public String uid() {
        return uid;
    }

    @Override
    public T copy(ParamMap extra) {
        return defaultCopy(extra);
    }

    @SuppressWarnings("unchecked")
    protected final T self() {
        return (T) this;
    }

    public T setInputCol(String value) {
        set(inputCol, value);
        return self();
    }

    public T setModel(String value) {
        set(model, value);
        return self();
    }

    public T setModelPath(String value) {
        set(modelPath, value);
        return self();
    }

    public T setCacheDir(String value) {
        set(cacheDir, value);
        return self();
    }

    public T setOffline(boolean value) {
        set(offline, value);
        return self();
    }

    public T setBatchSize(int value) {
        set(batchSize, value);
        return self();
    }

    public T setMaxBatchTokens(int value) {
        set(maxBatchTokens, value);
        return self();
    }

    public T setThreads(int value) {
        set(threads, value);
        return self();
    }

    public String getInputCol() {
        return getOrDefault(inputCol);
    }

    /** The output columns this kind adds, in order. */
    protected abstract List<StructField> outputFields();

    /** The input types this kind embeds. */
    protected abstract List<DataType> inputTypes();

    /** The task-side work: turns a partition's rows into rows with the output columns appended. */
    protected abstract PartitionEmbedder embedder(ModelOptions options, int inputIndex);

    protected abstract String kind();

    @Override
    public StructType transformSchema(StructType schema) {
        if (!isDefined(inputCol)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": set the input column with "
                    + "setInputCol(...)");
        }
        if (!isDefined(model)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": set the model with setModel(...); "
                    + "this kind has no default model");
        }
        String column = getInputCol();
        if (!Arrays.asList(schema.fieldNames()).contains(column)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": the input column '" + column
                    + "' is not in the schema; it has " + Arrays.toString(schema.fieldNames()));
        }
        DataType type = schema.apply(column).dataType();
        if (!inputTypes().contains(type)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": the input column '" + column + "' is "
                    + type.simpleString() + "; it must be " + inputTypes().stream().map(DataType::simpleString)
                    .toList());
        }
        List<StructField> fields = new ArrayList<>(Arrays.asList(schema.fields()));
        for (StructField output : outputFields()) {
            if (Arrays.asList(schema.fieldNames()).contains(output.name())) {
                throw new IllegalArgumentException(getClass().getSimpleName() + ": the output column '"
                        + output.name() + "' already exists; choose another name");
            }
            fields.add(output);
        }
        return new StructType(fields.toArray(new StructField[0]));
    }

    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        StructType output = transformSchema(dataset.schema());
        ModelOptions options = new ModelOptions(kind(), getOrDefault(model),
                isDefined(modelPath) ? getOrDefault(modelPath) : null,
                isDefined(cacheDir) ? getOrDefault(cacheDir) : null, (Boolean) getOrDefault(offline),
                isDefined(batchSize) ? (Integer) getOrDefault(batchSize) : null,
                isDefined(maxBatchTokens) ? (Integer) getOrDefault(maxBatchTokens) : null,
                isDefined(threads) ? (Integer) getOrDefault(threads) : null);
        MapPartitionsFunction<Row, Row> function = embedder(options, dataset.schema().fieldIndex(getInputCol()));
        return dataset.toDF().mapPartitions(function, Encoders.row(output));
    }
}
