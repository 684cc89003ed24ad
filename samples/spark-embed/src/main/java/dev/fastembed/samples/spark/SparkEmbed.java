package dev.fastembed.samples.spark;

import dev.fastembed.SparseEmbedding;
import dev.fastembed.SparseTextEmbedding;
import dev.fastembed.TextEmbedding;
import dev.fastembed.spark.SparseTextEmbeddingTransformer;
import dev.fastembed.spark.TextEmbeddingTransformer;

import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Step 1: a Spark job (local[2]) embeds the 1000 fortunes with the default dense model and BM25 and writes
 * Parquet with the columns the Qdrant Spark connector takes ({@code embedding}, {@code sparse_indices},
 * {@code sparse_values}). Step 2: the query step ranks the fortunes from that Parquet file by hybrid score
 * (reciprocal-rank fusion of dense cosine and BM25), with no Qdrant needed. Offline: the model comes from a jar.
 */
public final class SparkEmbed {

    private SparkEmbed() {
    }

    public static void main(String[] args) throws IOException {
        String question = args.length > 0 ? String.join(" ", args) : "cats and dogs";
        Path parquet = Files.createTempDirectory("fastembed-spark-embed").resolve("fortunes.parquet");
        SparkSession spark = SparkSession.builder().master("local[2]").appName("fastembed-spark-embed")
                .config("spark.ui.enabled", "false").getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        try {
            List<String> fortunes = fortunes();
            List<Row> rows = new ArrayList<>();
            for (int i = 0; i < fortunes.size(); i++) {
                rows.add(RowFactory.create(i, fortunes.get(i)));
            }
            StructType schema = new StructType().add("id", DataTypes.IntegerType).add("text", DataTypes.StringType);
            Dataset<Row> corpus = spark.createDataFrame(rows, schema).repartition(4);

            Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {
                new TextEmbeddingTransformer().setInputCol("text").setOffline(true),
                new SparseTextEmbeddingTransformer().setInputCol("text").setModel("Qdrant/bm25").setOffline(true)});
            PipelineModel model = pipeline.fit(corpus);
            long start = System.nanoTime();
            model.transform(corpus).write().mode(SaveMode.Overwrite).parquet(parquet.toString());
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "embedded %d rows (dense + BM25) into %s in %.1f s: %.0f rows/s%n",
                    rows.size(), parquet, seconds, rows.size() / seconds);

            rank(spark, parquet, question);
        } finally {
            spark.stop();
        }
    }

    /** The query step: reads the Parquet file and prints the top five by reciprocal-rank fusion. */
    private static void rank(SparkSession spark, Path parquet, String question) {
        float[] dense;
        SparseEmbedding sparse;
        try (TextEmbedding text = TextEmbedding.builder().offline(true).build();
                SparseTextEmbedding bm25 = SparseTextEmbedding.builder().model("Qdrant/bm25").offline(true).build()) {
            dense = text.queryEmbed(question);
            sparse = bm25.queryEmbed(question);
        }
        Map<Integer, Float> queryWeights = new HashMap<>();
        for (int i = 0; i < sparse.indices().length; i++) {
            queryWeights.put(sparse.indices()[i], sparse.values()[i]);
        }
        List<Row> stored = spark.read().parquet(parquet.toString()).collectAsList();
        List<double[]> scores = new ArrayList<>(); // id, dense cosine, BM25
        for (Row row : stored) {
            List<Float> vector = row.getList(row.fieldIndex("embedding"));
            double cosine = 0;
            for (int d = 0; d < dense.length; d++) {
                cosine += dense[d] * vector.get(d);
            }
            List<Integer> indices = row.getList(row.fieldIndex("sparse_indices"));
            List<Float> values = row.getList(row.fieldIndex("sparse_values"));
            double lexical = 0;
            for (int i = 0; i < indices.size(); i++) {
                lexical += values.get(i) * queryWeights.getOrDefault(indices.get(i), 0f);
            }
            scores.add(new double[] {row.getInt(row.fieldIndex("id")), cosine, lexical});
        }
        Map<Integer, Double> fused = new HashMap<>();
        for (int column = 1; column <= 2; column++) {
            int c = column;
            List<double[]> ranked = new ArrayList<>(scores);
            ranked.sort(Comparator.comparingDouble((double[] s) -> -s[c]));
            for (int rank = 0; rank < ranked.size(); rank++) {
                if (ranked.get(rank)[c] > 0) {
                    fused.merge((int) ranked.get(rank)[0], 1.0 / (60 + rank + 1), Double::sum);
                }
            }
        }
        Map<Integer, String> texts = new HashMap<>();
        for (Row row : stored) {
            texts.put(row.getInt(row.fieldIndex("id")), row.getString(row.fieldIndex("text")));
        }
        System.out.println("hybrid ranking for \"" + question + "\" (read back from Parquet):");
        fused.entrySet().stream().sorted(Map.Entry.<Integer, Double>comparingByValue().reversed()).limit(5)
                .forEach(e -> System.out.printf(Locale.ROOT, "  (#%d, hybrid %.4f) %s%n", e.getKey(), e.getValue(),
                        texts.get(e.getKey())));
    }

    private static List<String> fortunes() throws IOException {
        try (InputStream in = SparkEmbed.class.getResourceAsStream("/fortunes.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        }
    }
}
