package dev.fastembed.benchmarks;

import dev.fastembed.TextEmbedding;
import dev.fastembed.spark.TextEmbeddingTransformer;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The Spark stage's overhead: rows/s of {@code TextEmbeddingTransformer} in {@code local[N]} (N = the cores) against
 * {@code TextEmbedding.embed} on the same texts, model and cores, in one JVM, alternating rounds. The Spark side
 * counts the rows of the transformed Dataset (the embedding is computed; nothing is collected to the driver) over
 * 2N partitions of a cached input; the facade embeds the same list. Rounds give min-max.
 */
final class SparkBenchmark {

    private SparkBenchmark() {
    }

    static void run(List<String> corpus, int copies, int rounds) {
        List<String> texts = new ArrayList<>(corpus.size() * copies);
        for (int i = 0; i < copies; i++) {
            texts.addAll(corpus);
        }
        int cores = Runtime.getRuntime().availableProcessors();
        SparkSession spark = SparkSession.builder().master("local[" + cores + "]").appName("fastembed-spark-bench")
                .config("spark.ui.enabled", "false").getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        try (TextEmbedding facade = TextEmbedding.builder().offline(true).build()) {
            List<Row> rows = new ArrayList<>(texts.size());
            for (int i = 0; i < texts.size(); i++) {
                rows.add(RowFactory.create(i, texts.get(i)));
            }
            StructType schema = new StructType().add("id", DataTypes.IntegerType).add("text", DataTypes.StringType);
            Dataset<Row> input = spark.createDataFrame(rows, schema).repartition(2 * cores).cache();
            input.count();
            TextEmbeddingTransformer stage = new TextEmbeddingTransformer().setInputCol("text").setOffline(true);
            // warm-up: loads the executor's model and the facade's session
            stage.transform(input.limit(64)).agg(functions.count("embedding")).collectAsList();
            facade.embed(texts.subList(0, 64));
            List<Double> sparkRates = new ArrayList<>();
            List<Double> facadeRates = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                long t0 = System.nanoTime();
                long counted = stage.transform(input).agg(functions.count("embedding")).first().getLong(0);
                sparkRates.add(counted / ((System.nanoTime() - t0) / 1e9));
                long t1 = System.nanoTime();
                int embedded = facade.embed(texts).size();
                facadeRates.add(embedded / ((System.nanoTime() - t1) / 1e9));
                if (counted != texts.size() || embedded != texts.size()) {
                    throw new IllegalStateException("counted " + counted + " and " + embedded + " of " + texts.size());
                }
            }
            double spark1 = median(sparkRates);
            double facade1 = median(facadeRates);
            System.out.printf(Locale.ROOT, "%d texts, %d cores, %d rounds (median, min-max)%n", texts.size(), cores,
                    rounds);
            System.out.println("| path | texts/s |");
            System.out.println("|---|---|");
            System.out.printf(Locale.ROOT, "| TextEmbedding.embed (in the caller) | %.0f (%.0f-%.0f) |%n", facade1,
                    Collections.min(facadeRates), Collections.max(facadeRates));
            System.out.printf(Locale.ROOT, "| TextEmbeddingTransformer, local[%d] | %.0f (%.0f-%.0f) |%n", cores,
                    spark1, Collections.min(sparkRates), Collections.max(sparkRates));
            System.out.printf(Locale.ROOT, "Spark stage / facade: %.2f (overhead %.0f%%)%n", spark1 / facade1,
                    (1 - spark1 / facade1) * 100);
        } finally {
            spark.stop();
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
