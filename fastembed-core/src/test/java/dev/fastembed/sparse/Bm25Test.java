package dev.fastembed.sparse;

import dev.fastembed.SparseEmbedding;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** fastembed's BM25, against the worked examples and test facts of spec §6.5 and appendices A and B. */
class Bm25Test {

    static Bm25 bm25(String language) {
        return new Bm25(Bm25::pythonTokens, Stemmers.forLanguage(language), StopWords.bundled(language).orElseThrow(),
                Bm25.DEFAULT_K, Bm25.DEFAULT_B, Bm25.DEFAULT_AVG_LEN, Bm25.DEFAULT_TOKEN_MAX_LENGTH);
    }

    @Test
    void hello_world_gives_the_worked_example_indices_and_values() {
        SparseEmbedding doc = bm25("english").document("Hello World");
        assertThat(doc.indicesAsLongs()).containsExactly(74040069L, 613153351L); // ascending: world, hello
        double expected = 2.2 / (1 + 1.2 * (0.25 + 0.75 * 2 / 256.0)); // 1.6832038254632398
        assertThat((double) doc.value(0)).isCloseTo(expected, within(1e-6));
        assertThat((double) doc.value(1)).isCloseTo(1.6832038254632398, within(1e-6));
    }

    @Test
    void token_ids_are_abs_of_signed_murmur3_as_in_appendix_a() {
        String[] tokens = {"hello", "world", "fear", "mind", "killer", "quick", "brown", "fox", "test", "sentenc",
                "привет", "мир", "über"};
        long[] ids = {613153351, 74040069, 1432942394, 418093614, 627261019, 771291085, 741580288, 1621867415,
                1167338989, 80183211, 993413998, 1235207278, 1610176724};
        for (int i = 0; i < tokens.length; i++) {
            assertThat(TokenHash.id(tokens[i])).as(tokens[i]).isEqualTo(ids[i]);
        }
        assertThat(TokenHash.id("")).isZero();
    }

    @Test
    void an_id_of_two_to_the_31_survives_as_an_unsigned_index() {
        SparseEmbedding vector = SparseEmbedding.of(new long[] {1L << 31, 5}, new float[] {1f, 2f});
        assertThat(vector.indicesAsLongs()).containsExactly(5L, 1L << 31);
        assertThat(vector.index(1)).isEqualTo(2147483648L);
        assertThat(vector.dot(vector)).isEqualTo(5.0);
    }

    @Test
    void queries_weigh_every_distinct_stem_one() {
        SparseEmbedding query = bm25("english").query("I must not fear. Fear is the mind-killer.");
        assertThat(query.values()).containsOnly(1f);
        // i, not, is, the are NLTK stop words; "fear" twice counts once; "must" is not a stop word
        assertThat(query.indicesAsLongs()).hasSize(4).contains(418093614L, 627261019L, 1432942394L)
                .contains(TokenHash.id("must"));
    }

    @Test
    void punctuation_only_text_and_empty_text_give_empty_vectors() {
        Bm25 english = bm25("english");
        assertThat(english.document(".").isEmpty()).isTrue();
        assertThat(english.document("").isEmpty()).isTrue();
        assertThat(english.document("   \t\n").isEmpty()).isTrue();
        assertThat(english.query("?!").isEmpty()).isTrue();
    }

    @Test
    void cyrillic_and_french_give_fastembeds_counts() {
        assertThat(bm25("english").document("привет мир!").indicesAsLongs()).containsExactly(993413998L, 1235207278L);
        Bm25 french = bm25("french");
        assertThat(french.document("Mangez-vous vraiment des grenouilles?").size()).isEqualTo(3);
        assertThat(french.document("Je suis au lit").size()).isEqualTo(1);
        Bm25 english = bm25("english");
        assertThat(english.document("Mangez-vous vraiment des grenouilles?").size()).isEqualTo(5);
        assertThat(english.document("Je suis au lit").size()).isEqualTo(4);
    }

    @Test
    void stemming_drops_stop_words_and_punctuation_and_cuts_sentence_to_sentenc() {
        Bm25 custom = new Bm25(text -> List.of("The", "quick", "brown", "fox", "is", "a", "test", "sentence", ".", "!"),
                Stemmers.forLanguage("english"), Set.of("the", "is", "a"), 1.2, 0.75, 256, 40);
        assertThat(custom.stems("ignored")).containsExactly("quick", "brown", "fox", "test", "sentenc");
        Bm25 unstemmed = new Bm25(text -> List.of("The", "quick", "sentence", "_"), null, Set.of("the"), 1.2, 0.75,
                256, 40);
        assertThat(unstemmed.stems("ignored")).containsExactly("quick", "sentence"); // "_" is the one P* token
    }

    @Test
    void tokens_longer_than_forty_code_points_are_dropped_counting_code_points_not_chars() {
        String emoji40 = "\uD835\uDC00".repeat(40); // 40 code points, 80 UTF-16 chars (MATHEMATICAL BOLD A, Lu)
        Bm25 english = bm25("english");
        assertThat(english.stems("word " + emoji40)).hasSize(2);
        assertThat(english.stems("word " + emoji40 + "\uD835\uDC00")).hasSize(1);
        assertThat(english.stems("word " + "a".repeat(41))).hasSize(1);
    }

    @Test
    void term_frequency_and_document_length_follow_the_bm25_formula() {
        SparseEmbedding doc = bm25("english").document("fox fox fox dog");
        double norm = 1.2 * (1 - 0.75 + 0.75 * 4 / 256.0);
        float fox = (float) (3 * 2.2 / (3 + norm));
        float dog = (float) (1 * 2.2 / (1 + norm));
        assertThat(doc.asMap()).containsEntry(TokenHash.id("fox"), fox).containsEntry(TokenHash.id("dog"), dog);
    }

    @Test
    void token_count_is_words_before_stop_words_and_the_length_limit() {
        assertThat(bm25("english").tokenCount("I must not fear. Fear is the mind-killer.")).isEqualTo(9);
    }
}
