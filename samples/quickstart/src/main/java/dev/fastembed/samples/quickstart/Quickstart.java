package dev.fastembed.samples.quickstart;

import dev.fastembed.TextEmbedding;

import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Embeds a handful of sentences and a query with the default model (BAAI/bge-small-en-v1.5, served from a
 * jar on the classpath, no network) and prints the sentences ranked by cosine similarity to the query.
 *
 * <p>Run from the repository root: {@code mvn -q -pl samples/quickstart -am compile exec:java}, optionally
 * with {@code -Dexec.args="your own question"}. With {@code -Dmodel=<catalog id>} (for example
 * {@code -Dmodel=BAAI/bge-base-en-v1.5}) it downloads that model from Hugging Face once, with a progress bar,
 * and reuses it from the cache afterwards.
 */
public final class Quickstart {

    // From Debian's fortunes package (see fastembed-core/src/test/resources/fortunes/SOURCE.md).
    private static final List<String> SENTENCES = List.of(
            "Joe Cool always spends the first two weeks at college sailing his frisbee.",
            "There are times when truth is stranger than fiction and lunch time is one of them.",
            "The problem with people who have no vices is that generally you can be pretty sure they're going "
                    + "to have some pretty annoying virtues.",
            "A computer lets you make more mistakes faster than any invention in human history, with the possible "
                    + "exceptions of handguns and tequila.",
            "Cats are intended to teach us that not everything in nature has a function.",
            "The best way to predict the future is to invent it.",
            "Never eat more than you can lift.",
            "Debugging is twice as hard as writing the code in the first place.");

    private Quickstart() {
    }

    public static void main(String[] args) {
        String query = args.length > 0 ? String.join(" ", args) : "What do programmers struggle with?";
        // BGE v1.5 documents an instruction for short queries; the catalog carries it, embed() never adds it.
        String modelId = System.getProperty("model");
        TextEmbedding.Builder builder = modelId == null
                ? TextEmbedding.builder().offline(true) // the default model, from the classpath jar
                : TextEmbedding.builder().model(modelId).downloadListener(new ConsoleProgressBar(System.out));
        try (TextEmbedding model = builder.build()) {
            long start = System.nanoTime();
            List<float[]> vectors = model.embed(SENTENCES);
            float[] q = model.queryEmbed(model.description().queryPrefix() + query);
            long millis = (System.nanoTime() - start) / 1_000_000;

            System.out.printf("Model %s (%d dimensions), loaded from %s%n", model.description().id(),
                    model.dimension(), model.modelSource());
            System.out.printf("Embedded %d sentences and 1 query in %d ms%n%n", SENTENCES.size(), millis);
            System.out.printf("Query: %s%n%n", query);
            IntStream.range(0, SENTENCES.size()).boxed()
                    .sorted(Comparator.comparingDouble(i -> -dot(q, vectors.get(i))))
                    .forEach(i -> System.out.printf("%6.3f  %s%n", dot(q, vectors.get(i)), SENTENCES.get(i)));
        }
    }

    /** The vectors are unit length, so the dot product is the cosine similarity. */
    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * (double) b[i];
        }
        return sum;
    }
}
