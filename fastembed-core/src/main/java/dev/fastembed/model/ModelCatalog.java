package dev.fastembed.model;

import dev.fastembed.UnknownModelException;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The dense text models this library knows: the built-in catalog, then models registered at run time.
 * Ids are matched case-insensitively, as in fastembed. Thread-safe.
 */
public final class ModelCatalog {

    private static final List<ModelDescription> BUILT_IN = DenseTextModels.all();
    private static final List<ModelDescription> CUSTOM = new CopyOnWriteArrayList<>();
    private static final Map<String, ModelDescription> BY_ID = new ConcurrentHashMap<>();
    private static final List<SparseModelDescription> SPARSE = SparseTextModels.all();
    private static final String SPLADE_MISSPELLED = "prithvida/splade_pp_en_v1";
    private static final List<ImageModelDescription> IMAGES = ImageModels.all();
    private static final List<LateInteractionModelDescription> LATE = LateInteractionModelDescription.all();
    private static final List<MultimodalModelDescription> MULTIMODAL = MultimodalModelDescription.all();
    private static final List<BgeM3ModelDescription> BGE_M3 = BgeM3ModelDescription.all();
    private static final List<RerankerModelDescription> RERANKERS = new CopyOnWriteArrayList<>(RerankerModels.all());

    static {
        for (ModelDescription model : BUILT_IN) {
            if (BY_ID.putIfAbsent(key(model.id()), model) != null) {
                throw new IllegalStateException("duplicate catalog id " + model.id());
            }
        }
    }

    private ModelCatalog() {
    }

    private static String key(String id) {
        return id.toLowerCase(Locale.ROOT);
    }

    /** Built-in models in catalog order, then custom ones in registration order. */
    public static List<ModelDescription> denseTextModels() {
        List<ModelDescription> all = new ArrayList<>(BUILT_IN);
        all.addAll(CUSTOM);
        return List.copyOf(all);
    }

    /**
     * The model with this id, matched case-insensitively.
     *
     * @throws UnknownModelException naming the closest ids when there is none
     */
    public static ModelDescription denseTextModel(String id) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("model id must not be blank; the default is BAAI/bge-small-en-v1.5");
        }
        ModelDescription model = BY_ID.get(key(id.strip()));
        if (model == null) {
            List<String> ids = denseTextModels().stream().map(ModelDescription::id).toList();
            throw new UnknownModelException(id, nearest(id, ids, 3));
        }
        return model;
    }

    /**
     * Registers a model so that builders accept its id.
     *
     * @throws IllegalArgumentException if a model with the same id (any case) is already known
     */
    public static synchronized void addDenseTextModel(ModelDescription model) {
        if (BY_ID.putIfAbsent(key(model.id()), model) != null) {
            throw new IllegalArgumentException("Model '" + model.id() + "' is already in the catalog; "
                    + "pick another id for a custom model.");
        }
        CUSTOM.add(model);
    }

    /** The sparse text models, in fastembed's registry order. */
    public static List<SparseModelDescription> sparseTextModels() {
        return SPARSE;
    }

    /**
     * The sparse model with this id, matched case-insensitively. fastembed's misspelled SPLADE id
     * ({@code prithvida/...}) resolves to {@code prithivida/Splade_PP_en_v1}, as in fastembed.
     *
     * @throws UnknownModelException naming the closest ids when there is none
     */
    public static SparseModelDescription sparseTextModel(String id) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("model id must not be blank; sparse models have no default, choose "
                    + "one of " + SPARSE.stream().map(SparseModelDescription::id).toList());
        }
        String wanted = key(id.strip());
        if (wanted.equals(SPLADE_MISSPELLED)) {
            wanted = "prithivida/splade_pp_en_v1";
        }
        for (SparseModelDescription model : SPARSE) {
            if (key(model.id()).equals(wanted)) {
                return model;
            }
        }
        throw new UnknownModelException(id, nearest(id, SPARSE.stream().map(SparseModelDescription::id).toList(), 3));
    }

    /** The late-interaction (ColBERT) text models, in fastembed's order. */
    public static List<LateInteractionModelDescription> lateInteractionModels() {
        return LATE;
    }

    /**
     * The late-interaction model with this id, matched case-insensitively.
     *
     * @throws UnknownModelException naming the closest ids when there is none
     */
    public static LateInteractionModelDescription lateInteractionModel(String id) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("model id must not be blank; late-interaction models have no default, "
                    + "choose one of " + LATE.stream().map(LateInteractionModelDescription::id).toList());
        }
        for (LateInteractionModelDescription model : LATE) {
            if (key(model.id()).equals(key(id.strip()))) {
                return model;
            }
        }
        throw new UnknownModelException(id, nearest(id, LATE.stream().map(LateInteractionModelDescription::id).toList(), 3));
    }

    /** The BGE-M3 models (dense, sparse and multi-vector output from one pass). */
    public static List<BgeM3ModelDescription> bgeM3Models() {
        return BGE_M3;
    }

    /**
     * The BGE-M3 model with this id, matched case-insensitively.
     *
     * @throws UnknownModelException naming the closest ids when there is none
     */
    public static BgeM3ModelDescription bgeM3Model(String id) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("model id must not be blank; the default is BAAI/bge-m3");
        }
        for (BgeM3ModelDescription model : BGE_M3) {
            if (key(model.id()).equals(key(id.strip()))) {
                return model;
            }
        }
        throw new UnknownModelException(id, nearest(id, BGE_M3.stream().map(BgeM3ModelDescription::id).toList(), 3));
    }

    /** The late-interaction multimodal models (ColPali family), in fastembed's order. */
    public static List<MultimodalModelDescription> multimodalModels() {
        return MULTIMODAL;
    }

    /**
     * The multimodal model with this id, matched case-insensitively.
     *
     * @throws UnknownModelException naming the closest ids when there is none
     */
    public static MultimodalModelDescription multimodalModel(String id) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("model id must not be blank; multimodal models have no default, choose "
                    + "one of " + MULTIMODAL.stream().map(MultimodalModelDescription::id).toList());
        }
        for (MultimodalModelDescription model : MULTIMODAL) {
            if (key(model.id()).equals(key(id.strip()))) {
                return model;
            }
        }
        throw new UnknownModelException(id, nearest(id, MULTIMODAL.stream().map(MultimodalModelDescription::id).toList(), 3));
    }

    /** The image models, in fastembed's order. */
    public static List<ImageModelDescription> imageModels() {
        return IMAGES;
    }

    /**
     * The image model with this id, matched case-insensitively.
     *
     * @throws UnknownModelException naming the closest ids when there is none
     */
    public static ImageModelDescription imageModel(String id) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("model id must not be blank; image models have no default, choose one "
                    + "of " + IMAGES.stream().map(ImageModelDescription::id).toList());
        }
        for (ImageModelDescription model : IMAGES) {
            if (key(model.id()).equals(key(id.strip()))) {
                return model;
            }
        }
        throw new UnknownModelException(id, nearest(id, IMAGES.stream().map(ImageModelDescription::id).toList(), 3));
    }

    /** The cross-encoders: built-in in fastembed's order, then custom ones. */
    public static List<RerankerModelDescription> rerankerModels() {
        return List.copyOf(RERANKERS);
    }

    /**
     * The cross-encoder with this id, matched case-insensitively.
     *
     * @throws UnknownModelException naming the closest ids when there is none
     */
    public static RerankerModelDescription rerankerModel(String id) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("model id must not be blank; rerankers have no default, choose one of "
                    + RERANKERS.stream().map(RerankerModelDescription::id).toList());
        }
        for (RerankerModelDescription model : RERANKERS) {
            if (key(model.id()).equals(key(id.strip()))) {
                return model;
            }
        }
        throw new UnknownModelException(id, nearest(id, RERANKERS.stream().map(RerankerModelDescription::id).toList(), 3));
    }

    /**
     * Registers a cross-encoder of your own.
     *
     * @throws IllegalArgumentException if the id is taken (compared case-insensitively, unlike fastembed)
     */
    public static synchronized void addRerankerModel(RerankerModelDescription model) {
        for (RerankerModelDescription known : RERANKERS) {
            if (key(known.id()).equals(key(model.id()))) {
                throw new IllegalArgumentException("Reranker '" + model.id() + "' is already in the catalog; pick "
                        + "another id for a custom model.");
            }
        }
        RERANKERS.add(model);
    }

    /** The {@code limit} candidates nearest to {@code id} by edit distance, on the full id or its name part. */
    static List<String> nearest(String id, List<String> candidates, int limit) {
        String wanted = key(id.strip());
        String wantedName = wanted.substring(wanted.lastIndexOf('/') + 1);
        record Scored(String id, int distance) {
        }
        return candidates.stream()
                .map(c -> {
                    String k = key(c);
                    String name = k.substring(k.lastIndexOf('/') + 1);
                    return new Scored(c, Math.min(editDistance(wanted, k), editDistance(wantedName, name)));
                })
                .sorted(Comparator.comparingInt(Scored::distance).thenComparing(Scored::id))
                .limit(limit)
                .map(Scored::id)
                .toList();
    }

    static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
