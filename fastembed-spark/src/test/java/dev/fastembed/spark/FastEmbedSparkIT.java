package dev.fastembed.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.fastembed.ImageEmbedding;
import dev.fastembed.LateInteractionTextEmbedding;
import dev.fastembed.MultiVectorEmbedding;
import dev.fastembed.SparseEmbedding;
import dev.fastembed.SparseTextEmbedding;
import dev.fastembed.TextEmbedding;
import dev.fastembed.testing.TinyClipPair;
import dev.fastembed.testing.TinyTextModels;

import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The Transformers in a real SparkSession ({@code local[2]}: two task threads in one executor JVM), on the
 * generated fp32 models, against the single-JVM facades on the same files.
 */
class FastEmbedSparkIT {

    static final StructType TEXT = new StructType().add("id", DataTypes.IntegerType).add("text", DataTypes.StringType);

    @TempDir
    static Path dir;
    static SparkSession spark;
    static Path dense;
    static Path colbert;
    static TinyClipPair clip;
    static List<String> texts;

    @BeforeAll
    static void start() throws IOException {
        dense = TinyTextModels.writeDense(dir);
        colbert = TinyTextModels.writeColbert(dir);
        clip = TinyClipPair.writeTo(dir);
        try (InputStream in = FastEmbedSparkIT.class.getResourceAsStream("/fortunes/short.txt")) {
            texts = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank())
                    .limit(300).toList();
        }
        spark = SparkSession.builder().master("local[2]").appName("fastembed-spark-it")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4").getOrCreate();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    /** The fortunes with a null, an empty and a 100,000-character row among them, as {@code partitions} partitions. */
    static Dataset<Row> fortunes(int partitions) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            rows.add(RowFactory.create(i, texts.get(i)));
        }
        rows.add(RowFactory.create(-1, null));
        rows.add(RowFactory.create(-2, ""));
        rows.add(RowFactory.create(-3, "long ".repeat(20_000)));
        return spark.createDataFrame(rows, TEXT).repartition(partitions);
    }

    static String text(Row row) {
        return row.isNullAt(1) ? null : row.getString(1);
    }

    static float[] floats(Row row, String column) {
        List<Float> list = row.getList(row.fieldIndex(column));
        float[] out = new float[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = list.get(i);
        }
        return out;
    }

    @Test
    void dense_vectors_equal_the_single_jvm_facades_and_the_model_loads_once_per_jvm() {
        TextEmbeddingTransformer stage = new TextEmbeddingTransformer().setInputCol("text").setModel(TinyTextModels.DENSE)
                .setModelPath(dense.toString()).setOffline(true).setBatchSize(16);
        int before = ExecutorModels.loads();
        List<Row> rows = stage.transform(fortunes(8)).collectAsList();
        List<Row> again = stage.transform(fortunes(8).filter("id >= 0")).collectAsList(); // a second job and stages
        assertThat(ExecutorModels.loads() - before).isEqualTo(1); // 8 partitions, 2 jobs, 2 task threads: one load

        assertThat(rows).hasSize(texts.size() + 3);
        assertThat(again).hasSize(texts.size());
        try (TextEmbedding alone = TextEmbedding.builder().model(TinyTextModels.DENSE).modelPath(dense).build()) {
            for (Row row : rows) {
                String text = text(row);
                if (text == null) {
                    assertThat(row.isNullAt(row.fieldIndex("embedding"))).isTrue();
                    continue;
                }
                // fp32: the batch a row lands in changes only the summation order of padded positions
                assertThat(floats(row, "embedding")).as(text.length() > 40 ? text.substring(0, 40) : text)
                        .containsExactly(alone.embed(text), within(1e-6f));
            }
        }
    }

    @Test
    void sparse_vectors_come_in_the_connectors_two_columns_with_fastembeds_ids() {
        SparseTextEmbeddingTransformer stage = new SparseTextEmbeddingTransformer().setInputCol("text")
                .setModel("Qdrant/bm25").setOffline(true);
        Dataset<Row> out = stage.transform(fortunes(4));
        assertThat(out.schema().apply("sparse_indices").dataType())
                .isEqualTo(DataTypes.createArrayType(DataTypes.IntegerType, false));
        assertThat(out.schema().apply("sparse_values").dataType())
                .isEqualTo(DataTypes.createArrayType(DataTypes.FloatType, false));
        try (SparseTextEmbedding bm25 = SparseTextEmbedding.builder().model("Qdrant/bm25").offline(true).build()) {
            for (Row row : out.collectAsList()) {
                String text = text(row);
                if (text == null) {
                    assertThat(row.isNullAt(row.fieldIndex("sparse_indices"))).isTrue();
                    assertThat(row.isNullAt(row.fieldIndex("sparse_values"))).isTrue();
                    continue;
                }
                SparseEmbedding expected = bm25.embed(text);
                List<Integer> indices = row.getList(row.fieldIndex("sparse_indices"));
                assertThat(indices.stream().mapToInt(Integer::intValue).toArray()).containsExactly(expected.indices());
                assertThat(floats(row, "sparse_values")).containsExactly(expected.values());
            }
        }
        // Queries: each distinct stem weighs 1, as fastembed's query_embed.
        Row query = stage.setQuery(true).transform(fortunes(1).filter("id = 0")).first();
        assertThat(floats(query, "sparse_values")).containsOnly(1f);
    }

    @Test
    void late_interaction_rows_are_an_array_of_token_vectors() {
        LateInteractionTextEmbeddingTransformer stage = new LateInteractionTextEmbeddingTransformer()
                .setInputCol("text").setModelPath(colbert.toString()).setOffline(true);
        List<Row> rows = stage.transform(fortunes(3).filter("id >= 0 AND id < 40")).collectAsList();
        assertThat(rows).hasSize(40);
        try (LateInteractionTextEmbedding alone = LateInteractionTextEmbedding.builder().model(TinyTextModels.COLBERT)
                .modelPath(colbert).build()) {
            for (Row row : rows) {
                MultiVectorEmbedding expected = alone.embed(text(row));
                List<Object> matrix = row.getList(row.fieldIndex("multivector"));
                assertThat(matrix).hasSize(expected.rows());
                for (int r = 0; r < expected.rows(); r++) {
                    @SuppressWarnings("unchecked") // Spark gives the inner arrays as Scala sequences
                    List<Object> vector = scala.jdk.javaapi.CollectionConverters.asJava(
                            (scala.collection.Seq<Object>) matrix.get(r));
                    float[] got = new float[vector.size()];
                    for (int d = 0; d < got.length; d++) {
                        got[d] = (Float) vector.get(d);
                    }
                    assertThat(got).containsExactly(expected.row(r), within(1e-6f));
                }
            }
        }
    }

    @Test
    void images_embed_from_a_binary_column_or_a_path_column() throws IOException {
        Path photo = dir.resolve("chelsea.png");
        try (InputStream in = FastEmbedSparkIT.class.getResourceAsStream("/images/chelsea.png")) {
            Files.copy(in, photo);
        }
        byte[] bytes = Files.readAllBytes(photo);
        StructType schema = new StructType().add("image", DataTypes.BinaryType).add("path", DataTypes.StringType);
        Dataset<Row> images = spark.createDataFrame(List.of(RowFactory.create(bytes, photo.toString()),
                RowFactory.create(null, null)), schema);
        ImageEmbeddingTransformer fromBytes = new ImageEmbeddingTransformer().setInputCol("image")
                .setModelPath(clip.vision().toString()).setOffline(true);
        ImageEmbeddingTransformer fromPaths = new ImageEmbeddingTransformer().setInputCol("path").setOutputCol("v")
                .setModelPath(clip.vision().toString()).setOffline(true);
        List<Row> rows = fromPaths.transform(fromBytes.transform(images)).collectAsList();
        try (ImageEmbedding alone = ImageEmbedding.builder().model(TinyClipPair.VISION_MODEL)
                .modelPath(clip.vision()).build()) {
            float[] expected = alone.embed(photo);
            Row first = rows.stream().filter(r -> !r.isNullAt(0)).findFirst().orElseThrow();
            assertThat(floats(first, "embedding")).containsExactly(expected, within(1e-6f));
            assertThat(floats(first, "v")).containsExactly(expected, within(1e-6f));
            Row empty = rows.stream().filter(r -> r.isNullAt(0)).findFirst().orElseThrow();
            assertThat(empty.isNullAt(empty.fieldIndex("embedding"))).isTrue();
        }
    }

    @Test
    void a_pipeline_with_the_stages_saves_and_loads() throws IOException {
        TextEmbeddingTransformer text = new TextEmbeddingTransformer().setInputCol("text").setOutputCol("dense")
                .setModel(TinyTextModels.DENSE).setModelPath(dense.toString()).setOffline(true).setBatchSize(8);
        SparseTextEmbeddingTransformer sparse = new SparseTextEmbeddingTransformer().setInputCol("text")
                .setModel("Qdrant/bm25").setOffline(true);
        Dataset<Row> input = fortunes(2).filter("id >= 0 AND id < 30").orderBy("id");
        PipelineModel fitted = new Pipeline().setStages(new PipelineStage[] {text, sparse}).fit(input);
        Path saved = dir.resolve("pipeline");
        fitted.write().overwrite().save(saved.toString());
        PipelineModel loaded = PipelineModel.load(saved.toString());

        assertThat(loaded.stages()[0]).isInstanceOf(TextEmbeddingTransformer.class);
        TextEmbeddingTransformer reloaded = (TextEmbeddingTransformer) loaded.stages()[0];
        assertThat(reloaded.getOrDefault(reloaded.batchSize())).isEqualTo(8);
        assertThat(reloaded.getOrDefault(reloaded.outputCol())).isEqualTo("dense");
        List<Row> before = fitted.transform(input).collectAsList();
        List<Row> after = loaded.transform(input).collectAsList();
        for (int i = 0; i < before.size(); i++) {
            assertThat(floats(after.get(i), "dense")).containsExactly(floats(before.get(i), "dense"));
            assertThat(floats(after.get(i), "sparse_values")).containsExactly(floats(before.get(i), "sparse_values"));
        }
        try (java.util.stream.Stream<Path> stages = Files.list(saved.resolve("stages"))) {
            Path textStage = stages.filter(p -> p.getFileName().toString().contains("fastembedText")).findFirst()
                    .orElseThrow();
            assertThat(TextEmbeddingTransformer.load(textStage.toString()).getInputCol()).isEqualTo("text");
        }
    }

    @Test
    void schema_errors_name_the_column_and_what_it_must_be() {
        Dataset<Row> numbers = spark.createDataFrame(List.of(RowFactory.create(1, "a")), TEXT);
        assertThatThrownBy(() -> new TextEmbeddingTransformer().setInputCol("missing").transform(numbers))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the input column 'missing' is not in the schema").hasMessageContaining("text");
        assertThatThrownBy(() -> new TextEmbeddingTransformer().setInputCol("id").transform(numbers))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the input column 'id' is int; it must be [string]");
        assertThatThrownBy(() -> new ImageEmbeddingTransformer().setInputCol("id").transform(numbers))
                .hasMessageContaining("it must be [binary, string]");
        assertThatThrownBy(() -> new TextEmbeddingTransformer().setInputCol("text").setOutputCol("id")
                .transform(numbers)).hasMessageContaining("the output column 'id' already exists");
        assertThatThrownBy(() -> new SparseTextEmbeddingTransformer().setInputCol("text").transform(numbers))
                .hasMessageContaining("set the model with setModel(...)");
        assertThatThrownBy(() -> new TextEmbeddingTransformer().transform(numbers))
                .hasMessageContaining("setInputCol");
        assertThatThrownBy(() -> new TextEmbeddingTransformer().setBatchSize(0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_failing_row_fails_the_task_naming_the_row_and_the_reason() {
        StructType schema = new StructType().add("image", DataTypes.BinaryType);
        Dataset<Row> images = spark.createDataFrame(List.of(RowFactory.create((Object) "not an image".getBytes(
                StandardCharsets.UTF_8))), schema);
        ImageEmbeddingTransformer stage = new ImageEmbeddingTransformer().setInputCol("image")
                .setModelPath(clip.vision().toString()).setOffline(true);
        assertThatThrownBy(() -> stage.transform(images).collectAsList())
                .hasStackTraceContaining("fastembed could not embed the row whose input is 12 bytes")
                .hasStackTraceContaining("could not be read as an image");
        TextEmbeddingTransformer unknown = new TextEmbeddingTransformer().setInputCol("text").setModel("no/such-model")
                .setOffline(true);
        assertThatThrownBy(() -> unknown.transform(fortunes(2)).collectAsList())
                .hasStackTraceContaining("Model 'no/such-model' is not");
    }
}
