package dev.fastembed.sparse;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Python's {@code \w}, {@code isspace} and SimpleTokenizer, as appendix B records CPython 3.11. */
class PythonTextTest {

    @Test
    void remove_non_alphanumeric_matches_cpython() {
        assertThat(PythonText.removeNonAlphanumeric("தமிழ்")).isEqualTo("தம ழ ");
        assertThat(PythonText.removeNonAlphanumeric("नमस्ते")).isEqualTo("नमस त ");
        assertThat(PythonText.removeNonAlphanumeric("e\u0301")).isEqualTo("e ");
        assertThat(PythonText.removeNonAlphanumeric("café")).isEqualTo("café");
        assertThat(PythonText.removeNonAlphanumeric("l'élève")).isEqualTo("l élève");
        assertThat(PythonText.removeNonAlphanumeric("Öko-Systeme")).isEqualTo("Öko Systeme");
        assertThat(PythonText.removeNonAlphanumeric("x²")).isEqualTo("x²");
        assertThat(PythonText.removeNonAlphanumeric("_a")).isEqualTo("_a");
        assertThat(PythonText.removeNonAlphanumeric("a‿b")).isEqualTo("a b");
        assertThat(PythonText.removeNonAlphanumeric("漢字テスト")).isEqualTo("漢字テスト");
    }

    @Test
    void simple_tokenizer_matches_cpython() {
        assertThat(Bm25.pythonTokens("I must not fear. Fear is the mind-killer."))
                .containsExactly("i", "must", "not", "fear", "fear", "is", "the", "mind", "killer");
        assertThat(Bm25.pythonTokens("Mangez-vous vraiment des grenouilles?"))
                .containsExactly("mangez", "vous", "vraiment", "des", "grenouilles");
        assertThat(Bm25.pythonTokens("привет мир!")).containsExactly("привет", "мир");
    }

    @Test
    void no_break_spaces_are_python_whitespace_unlike_javas_isWhitespace() {
        assertThat(PythonText.isSpace('\u00A0')).isTrue();
        assertThat(Character.isWhitespace('\u00A0')).isFalse();
        assertThat(PythonText.isSpace('\u202F')).isTrue();
        assertThat(PythonText.isSpace(0x85)).isTrue();
        assertThat(PythonText.isSpace('a')).isFalse();
        assertThat(PythonText.isWordChar('\u0301')).isFalse(); // Mn: a word char for Java's Unicode \w
        assertThat(PythonText.isWordChar('\u203F')).isFalse(); // Pc other than _
    }

    @Test
    void lowercasing_is_full_unicode_with_final_sigma() {
        assertThat(PythonText.lower("ΟΔΟΣ")).isEqualTo("οδος");
        assertThat(Bm25.pythonTokens("İstanbul")).containsExactly("i", "stanbul"); // i + U+0307 (Mn), as CPython
        assertThat(PythonText.length("\uD835\uDC00")).isEqualTo(1);
    }
}
