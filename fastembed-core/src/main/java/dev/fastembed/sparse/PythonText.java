package dev.fastembed.sparse;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Python's text rules where fastembed's sparse models depend on them. Java's {@code \w} and
 * {@code isWhitespace} differ from Python's (Java's Unicode {@code \w} admits combining marks and all
 * connector punctuation; Python's {@code isspace} admits no-break spaces), so both are explicit code-point
 * predicates here.
 */
public final class PythonText {

    private PythonText() {
    }

    /** Python's {@code \w} on str: {@code isalnum()} (letters L*, numbers Nd/Nl/No) or {@code _}. */
    public static boolean isWordChar(int cp) {
        if (cp == '_') {
            return true;
        }
        return switch (Character.getType(cp)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                    Character.MODIFIER_LETTER, Character.OTHER_LETTER, Character.DECIMAL_DIGIT_NUMBER,
                    Character.LETTER_NUMBER, Character.OTHER_NUMBER -> true;
            default -> false;
        };
    }

    /** Python's {@code str.isspace()} and regex {@code \s}: Zs, Zl, Zp, and the ASCII/C1 separators. */
    public static boolean isSpace(int cp) {
        return switch (cp) {
            case '\t', '\n', 0x0B, '\f', '\r', 0x1C, 0x1D, 0x1E, 0x1F, 0x85 -> true;
            default -> {
                int type = Character.getType(cp);
                yield type == Character.SPACE_SEPARATOR || type == Character.LINE_SEPARATOR
                        || type == Character.PARAGRAPH_SEPARATOR;
            }
        };
    }

    /** Unicode general category P* (what fastembed collects as "punctuation"). */
    public static boolean isPunctuation(int cp) {
        return switch (Character.getType(cp)) {
            case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                    Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION,
                    Character.FINAL_QUOTE_PUNCTUATION, Character.OTHER_PUNCTUATION -> true;
            default -> false;
        };
    }

    /** {@code re.sub(r"[^\w\s]", " ", text)}: every character neither word nor space becomes a space. */
    public static String removeNonAlphanumeric(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            if (isWordChar(cp) || isSpace(cp)) {
                out.appendCodePoint(cp);
            } else {
                out.append(' ');
            }
        });
        return out.toString();
    }

    /** Python's {@code str.lower()}: full Unicode lowercasing, final sigma included. */
    public static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }

    /**
     * fastembed's {@code SimpleTokenizer}: lowercase, then the maximal runs of word characters (Python's
     * {@code re.sub(r"[^\w]", " ")}, collapse, strip, split).
     */
    public static List<String> simpleTokens(String text) {
        String lower = lower(text);
        List<String> tokens = new ArrayList<>();
        int start = -1;
        for (int i = 0; i < lower.length(); ) {
            int cp = lower.codePointAt(i);
            if (isWordChar(cp)) {
                if (start < 0) {
                    start = i;
                }
            } else if (start >= 0) {
                tokens.add(lower.substring(start, i));
                start = -1;
            }
            i += Character.charCount(cp);
        }
        if (start >= 0) {
            tokens.add(lower.substring(start));
        }
        return tokens;
    }

    /** Python's {@code len}: code points, not UTF-16 units. */
    public static int length(String text) {
        return text.codePointCount(0, text.length());
    }

    /** A single character of category P* (fastembed's "token in punctuation" test). */
    public static boolean isSinglePunctuation(String token) {
        return length(token) == 1 && isPunctuation(token.codePointAt(0));
    }
}
