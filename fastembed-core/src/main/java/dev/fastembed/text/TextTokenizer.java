package dev.fastembed.text;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import ai.djl.util.PairList;

import dev.fastembed.ModelLoadException;
import dev.fastembed.engine.LengthOrder;
import dev.fastembed.hub.internal.ModelFiles;
import dev.fastembed.model.ModelDescription;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A Hugging Face tokenizer with fastembed's truncation and padding. DJL's own padding is off: it would
 * overwrite tokenizer.json's padding strategy and clamp lengths to 512 (spec §10.1), so rows are padded
 * here, straight into flat buffers. Thread-safe.
 */
public final class TextTokenizer implements AutoCloseable {

    private final HuggingFaceTokenizer tokenizer;
    /** Without truncation, for single texts cut on the left here; null when truncation keeps the first tokens. */
    private final HuggingFaceTokenizer untruncated;
    private final TokenizerSettings settings;

    private TextTokenizer(HuggingFaceTokenizer tokenizer, HuggingFaceTokenizer untruncated,
            TokenizerSettings settings) {
        this.tokenizer = tokenizer;
        this.untruncated = untruncated;
        this.settings = settings;
    }

    /**
     * @param graphTakesAttentionMask whether the model's graph has an attention_mask input (see
     *     {@link TokenizerSettings#of})
     */
    public static TextTokenizer load(ModelFiles files, ModelDescription model, boolean graphTakesAttentionMask) {
        return load(files, TokenizerSettings.of(files, model, graphTakesAttentionMask));
    }

    /**
     * For kinds without a dense {@link ModelDescription}: truncation at tokenizer_config.json's limit, else
     * {@code catalogMaxLength}.
     */
    public static TextTokenizer load(ModelFiles files, int catalogMaxLength, boolean graphTakesAttentionMask) {
        return load(files, TokenizerSettings.of(files, catalogMaxLength, false, graphTakesAttentionMask));
    }

    private static TextTokenizer load(ModelFiles files, TokenizerSettings settings) {
        DjlOptOuts.ensure();
        HuggingFaceTokenizer truncating = open(files, settings, true);
        try {
            // DJL sets truncation without a direction (always right), so left truncation happens here, on
            // untruncated single texts; pairs keep longest-first from the right
            HuggingFaceTokenizer untruncated = settings.truncateLeft() ? open(files, settings, false) : null;
            return new TextTokenizer(truncating, untruncated, settings);
        } catch (RuntimeException e) {
            truncating.close();
            throw e;
        }
    }

    private static HuggingFaceTokenizer open(ModelFiles files, TokenizerSettings settings, boolean truncation) {
        String max = Integer.toString(settings.maxLength());
        Map<String, String> options = Map.of(
                "addSpecialTokens", "true",
                "padding", "false",
                "truncation", Boolean.toString(truncation),
                "maxLength", max,
                // DJL clamps maxLength to modelMaxLength, 512 by default: 8k-context models need it raised.
                "modelMaxLength", max);
        try {
            return HuggingFaceTokenizer.newInstance(files.tokenizer(), options);
        } catch (IOException | RuntimeException e) {
            throw new ModelLoadException("Could not load tokenizer " + files.tokenizer().toAbsolutePath() + ": "
                    + e.getMessage() + ". Replace it with the model's original tokenizer.json.", e);
        }
    }

    /**
     * A tokenizer truncating at tokenizer_config.json's limit (else {@code catalogMaxLength}) minus
     * {@code reserved}, leaving room for tokens the model inserts itself (ColBERT's query/document marker).
     */
    public static TextTokenizer load(ModelFiles files, int catalogMaxLength, boolean graphTakesAttentionMask,
            int reserved) {
        return load(files, TokenizerSettings.of(files, catalogMaxLength, false, graphTakesAttentionMask)
                .reserving(reserved));
    }

    /**
     * The id padded positions get: tokenizer.json's padding, else config.json's pad_token_id, else the pad token's
     * id in the vocabulary, else 0 ({@link TokenizerSettings}).
     */
    public long padId() {
        return settings.padding().padId();
    }

    /** The ids of a text without special tokens (no [CLS]/[SEP]), untruncated. */
    public long[] idsWithoutSpecialTokens(String text) {
        return tokenizer.encode(text, false, false).getIds();
    }

    /** Texts are truncated to this many tokens, special tokens included. */
    public int maxLength() {
        return settings.maxLength();
    }

    /** Tokenizes a batch in one native call and pads it into flat buffers, rows in input order. */
    public EncodedBatch encode(List<String> texts) {
        return tokenize(texts).padInOrder();
    }

    /** Tokenizes a batch in one native call, unpadded: pad slices of it with {@link Tokenized#pad}. */
    public Tokenized tokenize(List<String> texts) {
        if (untruncated == null) {
            return Tokenized.of(tokenizer.batchEncode(texts.toArray(new String[0])), settings.padding());
        }
        Encoding[] encodings = untruncated.batchEncode(texts.toArray(new String[0]));
        long[][] ids = new long[encodings.length][];
        long[][] types = new long[encodings.length][];
        int[] textTokens = new int[encodings.length];
        for (int row = 0; row < encodings.length; row++) {
            textTokens[row] = cutLeft(encodings[row], settings.maxLength(), ids, types, row);
        }
        return new Tokenized(ids, types, textTokens, settings.padding());
    }

    /**
     * Left truncation as Hugging Face tokenizers do it for one text: the text's first tokens go, the special
     * tokens the post-processor added stay where they are.
     */
    private static int cutLeft(Encoding encoding, int maxLength, long[][] ids, long[][] types, int row) {
        long[] allIds = encoding.getIds();
        long[] allTypes = encoding.getTypeIds();
        long[] special = encoding.getSpecialTokenMask();
        int excess = allIds.length - maxLength;
        if (excess <= 0) {
            ids[row] = allIds;
            types[row] = allTypes;
            return textTokens(special);
        }
        long[] keptIds = new long[maxLength];
        long[] keptTypes = new long[maxLength];
        int out = 0;
        int text = 0;
        for (int t = 0; t < allIds.length && out < maxLength; t++) {
            if (excess > 0 && special[t] == 0) {
                excess--; // one of the text's first tokens
                continue;
            }
            text += special[t] == 0 ? 1 : 0;
            keptIds[out] = allIds[t];
            keptTypes[out++] = allTypes[t];
        }
        ids[row] = keptIds;
        types[row] = keptTypes;
        return text;
    }

    /** Tokens that are not special tokens ([CLS], [SEP], {@code <s>}...). */
    private static int textTokens(long[] specialTokenMask) {
        int count = 0;
        for (long special : specialTokenMask) {
            count += special == 0 ? 1 : 0;
        }
        return count;
    }

    /**
     * Tokenizes text pairs (query, document) in one native call, keeping their real type ids (0 for the
     * first text, 1 for the second) and truncating the longest first, as cross-encoders expect.
     */
    public EncodedBatch encodePairs(List<String> first, List<String> second) {
        return tokenizePairs(first, second).padInOrder();
    }

    /** Tokenizes text pairs in one native call, unpadded, with real type ids and longest-first truncation. */
    public Tokenized tokenizePairs(List<String> first, List<String> second) {
        if (first.size() != second.size()) {
            throw new IllegalArgumentException("pairs need as many first texts (" + first.size()
                    + ") as second texts (" + second.size() + ")");
        }
        List<String> firstBounded = new ArrayList<>(first);
        List<String> secondBounded = new ArrayList<>(second);
        int cutFrom = 4 * settings.maxLength();
        for (int i = 0; i < first.size(); i++) {
            if (first.get(i).length() > cutFrom || second.get(i).length() > cutFrom) {
                String[] pair = boundedPair(first.get(i), second.get(i), cutFrom);
                firstBounded.set(i, pair[0]);
                secondBounded.set(i, pair[1]);
            }
        }
        return Tokenized.of(tokenizer.batchEncode(new PairList<>(firstBounded, secondBounded)), settings.padding());
    }

    /**
     * A long pair cut after the words its kept tokens come from, so that it tokenizes to the very same truncated
     * tokens. Without the cut, Hugging Face tokenizers truncate a pair by building every combination of the two
     * texts' overflow windows: two 300,000-character texts took over 24 GB and the process was killed
     * (InputFuzzIT). Each text longer than {@code cutFrom} characters is cut at the first whitespace at or after
     * the end of its first {@code maxLength} tokens, a word boundary for every pre-tokenizer in the catalog (BERT,
     * Metaspace, byte-level), so the tokens before it are unchanged. Longest-first truncation then keeps the same
     * counts provided the longer text stays the longer (it gives the odd token to the strictly longer first
     * text), so a cut is extended, word by word, until the two texts compare as the uncut ones do.
     */
    private String[] boundedPair(String first, String second, int cutFrom) {
        int fullFirst = length(first);
        int fullSecond = length(second);
        String a = first.length() > cutFrom ? cutAfterKeptTokens(first) : first;
        String b = second.length() > cutFrom ? cutAfterKeptTokens(second) : second;
        int lengthA = length(a);
        int lengthB = length(b);
        while ((lengthA > lengthB) != (fullFirst > fullSecond)) {
            if (fullFirst > fullSecond) {
                a = extend(first, a);
                lengthA = length(a);
            } else {
                b = extend(second, b);
                lengthB = length(b);
            }
        }
        return new String[] {a, b};
    }

    /** The number of tokens of a text, special tokens left out: its truncated window plus the overflow windows. */
    private int length(String text) {
        Encoding encoding = tokenizer.encode(text, false, true); // linear in the text, unlike a pair's overflow
        int tokens = encoding.getIds().length;
        for (Encoding window : encoding.getOverflowing()) {
            tokens += window.getIds().length;
        }
        return tokens;
    }

    /** The text up to the first whitespace at or after the end of its first maxLength tokens. */
    private String cutAfterKeptTokens(String text) {
        CharSpan[] spans = tokenizer.encode(text, false, false).getCharTokenSpans();
        int end = 0;
        for (CharSpan span : spans) {
            if (span != null) {
                end = Math.max(end, span.getEnd());
            }
        }
        if (spans.length < settings.maxLength() || end <= 0) {
            return text; // fewer tokens than the limit: the whole text counts (whitespace-heavy texts)
        }
        // Offsets may count code points rather than UTF-16 units: reading them as code points never cuts early.
        int cut = text.offsetByCodePoints(0, Math.min(end, text.codePointCount(0, text.length())));
        return text.substring(0, nextBoundary(text, cut));
    }

    /** {@code prefix} grown to the next word boundary at least 16 characters further (or the whole text). */
    private static String extend(String text, String prefix) {
        return text.substring(0, nextBoundary(text, Math.min(text.length(), prefix.length() + 16)));
    }

    /** The first whitespace at or after {@code from}, at most 1,024 characters further, else that far. */
    private static int nextBoundary(String text, int from) {
        int limit = Math.min(text.length(), from + 1024);
        int cut = from;
        while (cut < limit && !Character.isWhitespace(text.charAt(cut))) {
            cut++;
        }
        return cut;
    }

    /** A tokenized batch before padding. */
    public static final class Tokenized {
        private final long[][] ids;
        private final long[][] types;
        private final int[] textTokens;     // per row, the tokens that are not special tokens
        private final Padding padding;
        private final long inserted;        // a token put at column 1 of every row (ColBERT's marker), or -1
        private final boolean attendPadding; // padded positions get attention 1 (Jina-ColBERT queries)
        private final long[] leading;       // ids written over the start of every row (ColPali's markers), or null

        Tokenized(long[][] ids, long[][] types, int[] textTokens, Padding padding) {
            this(ids, types, textTokens, padding, -1, false, null);
        }

        private Tokenized(long[][] ids, long[][] types, int[] textTokens, Padding padding, long inserted,
                boolean attendPadding, long[] leading) {
            this.ids = ids;
            this.types = types;
            this.textTokens = textTokens;
            this.padding = padding;
            this.inserted = inserted;
            this.attendPadding = attendPadding;
            this.leading = leading;
        }

        /** The encodings' own arrays, not copied. */
        static Tokenized of(Encoding[] encodings, Padding padding) {
            long[][] ids = new long[encodings.length][];
            long[][] types = new long[encodings.length][];
            int[] textTokens = new int[encodings.length];
            for (int row = 0; row < encodings.length; row++) {
                ids[row] = encodings[row].getIds();
                types[row] = encodings[row].getTypeIds();
                textTokens[row] = TextTokenizer.textTokens(encodings[row].getSpecialTokenMask());
            }
            return new Tokenized(ids, types, textTokens, padding);
        }

        /** The same rows with {@code tokenId} inserted at column 1 (after [CLS]), attended. */
        public Tokenized withInsertedToken(long tokenId) {
            return new Tokenized(ids, types, textTokens, padding, tokenId, attendPadding, leading);
        }

        /** The same rows with their first ids replaced by {@code ids} (ColPali's query markers). */
        public Tokenized withLeadingIds(long... ids) {
            return new Tokenized(this.ids, types, textTokens, padding, inserted, attendPadding, ids.clone());
        }

        /**
         * The same rows padded (on the right) to at least {@code length} tokens before any inserted token, with
         * {@code padId}; padded positions are attended when {@code attendPadding}.
         */
        public Tokenized withMinimumLength(int length, long padId, boolean attendPadding) {
            return new Tokenized(ids, types, textTokens, new Padding(false, length, 0, padId, padding.padTypeId()),
                    inserted, attendPadding, leading);
        }

        public int size() {
            return ids.length;
        }

        /** Tokens of row {@code row}, special and inserted tokens included. */
        public int length(int row) {
            return ids[row].length + (inserted >= 0 ? 1 : 0);
        }

        /**
         * Tokens of row {@code row} that are not special tokens (no [CLS], [SEP], {@code <s>}, inserted markers):
         * the count LangChain4j's in-process models report as token usage.
         */
        public int textTokens(int row) {
            return textTokens[row];
        }

        /** {@link #length(int)} of every row, in input order. */
        public int[] lengths() {
            int[] lengths = new int[ids.length];
            for (int row = 0; row < lengths.length; row++) {
                lengths[row] = length(row);
            }
            return lengths;
        }

        /** The token ids of row {@code row}, special and inserted tokens included. */
        public long[] ids(int row) {
            long[] raw = ids[row];
            long[] out = inserted >= 0 ? insert(raw, inserted) : raw.clone();
            if (leading != null) {
                System.arraycopy(leading, 0, out, 0, Math.min(leading.length, out.length));
            }
            return out;
        }

        /** Row positions ordered by token length, shortest first (ties keep input order). */
        public int[] orderByLength() {
            return LengthOrder.ascending(ids.length, this::length);
        }

        /** Pads every row, in input order. */
        public EncodedBatch padInOrder() {
            int[] inOrder = new int[ids.length];
            for (int i = 0; i < inOrder.length; i++) {
                inOrder[i] = i;
            }
            return pad(inOrder, 0, inOrder.length);
        }

        /** Pads rows {@code order[from..to)} into flat buffers, padded to the longest of them. */
        public EncodedBatch pad(int[] order, int from, int to) {
            int longest = 0;
            for (int k = from; k < to; k++) {
                longest = Math.max(longest, ids[order[k]].length);
            }
            int extra = inserted >= 0 ? 1 : 0;
            int length = padding.paddedLength(longest) + extra;
            int size = to - from;
            long[] flatIds = new long[size * length];
            long[] mask = new long[size * length];
            long[] flatTypes = new long[size * length];
            for (int row = 0; row < size; row++) {
                int source = order[from + row];
                long[] rowIds = extra == 0 ? ids[source] : insert(ids[source], inserted);
                if (leading != null) {
                    rowIds = rowIds.clone();
                    System.arraycopy(leading, 0, rowIds, 0, Math.min(leading.length, rowIds.length));
                }
                long[] rowTypes = extra == 0 ? types[source] : insert(types[source], 0);
                int tokens = rowIds.length;
                int rowStart = row * length;
                int first = padding.left() ? rowStart + length - tokens : rowStart;
                Arrays.fill(flatIds, rowStart, rowStart + length, padding.padId());
                Arrays.fill(flatTypes, rowStart, rowStart + length, padding.padTypeId());
                System.arraycopy(rowIds, 0, flatIds, first, tokens);
                System.arraycopy(rowTypes, 0, flatTypes, first, tokens);
                if (attendPadding) {
                    Arrays.fill(mask, rowStart, rowStart + length, 1L);
                } else {
                    Arrays.fill(mask, first, first + tokens, 1L);
                }
            }
            return new EncodedBatch(flatIds, mask, flatTypes, size, length);
        }

        private static long[] insert(long[] ids, long token) {
            long[] out = new long[ids.length + 1];
            out[0] = ids.length > 0 ? ids[0] : token;
            out[1] = token;
            if (ids.length > 1) {
                System.arraycopy(ids, 1, out, 2, ids.length - 1);
            }
            return ids.length == 0 ? new long[] {token} : out;
        }
    }

    /** Tokens per text after truncation, special tokens included, padding excluded. */
    public int[] tokenCounts(List<String> texts) {
        return tokenize(texts).lengths();
    }

    /**
     * Makes what will own {@code tokenizer} (a kind's model) with {@code make}; if that fails, the tokenizer is
     * closed before the failure propagates, so nothing native leaks, not even when a lazy model retries on
     * every call.
     */
    public static <T> T handTo(TextTokenizer tokenizer, Function<TextTokenizer, T> make) {
        try {
            return make.apply(tokenizer);
        } catch (RuntimeException | Error e) {
            tokenizer.close();
            throw e;
        }
    }

    @Override
    public void close() {
        tokenizer.close();
        if (untruncated != null) {
            untruncated.close();
        }
    }
}
