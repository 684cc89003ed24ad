package dev.fastembed.model;

import java.util.List;

/**
 * The built-in dense text catalog: every model of Python fastembed 0.8.0's {@code TextEmbedding}, in its
 * registry order, plus models fastembed lacks that Maven Central serves ({@code intfloat/e5-small-v2}).
 * Facts (ids, sources, sizes, dimensions) are fastembed's; bundles are LangChain4j's model jars.
 */
final class DenseTextModels {

    static final String LC4J = "1.20.0-beta30";
    static final String BGE_EN_QUERY = "Represent this sentence for searching relevant passages: ";

    private DenseTextModels() {
    }

    /** nomic-embed-text-v1.5 shares its space with nomic-embed-vision-v1.5 (either file). */
    private static final List<String> NOMIC_VISION = List.of("nomic-ai/nomic-embed-vision-v1.5",
            "nomic-ai/nomic-embed-vision-v1.5-Q");

    private static ModelDescription.Builder model(String id, int dim, String hf, String file, String license, double gb) {
        return ModelDescription.builder(id).dimension(dim).source(ModelSource.huggingFace(hf)).modelFile(file)
                .license(license).sizeGb(gb);
    }

    private static ModelSource hfAndArchive(String hf, String url) {
        return new ModelSource(hf, url, true);
    }

    // A. CLS on 3-D outputs (2-D used as is), then L2.
    private static ModelDescription.Builder cls(String id, int dim, String hf, String file, String license, double gb) {
        return model(id, dim, hf, file, license, gb).pooling(Pooling.CLS).normalize(true);
    }

    // D. masked mean, then L2.
    private static ModelDescription.Builder meanNormalized(String id, int dim, String hf, String file, String license,
            double gb) {
        return model(id, dim, hf, file, license, gb).pooling(Pooling.MEAN).normalize(true);
    }

    // E. masked mean, no normalization.
    private static ModelDescription.Builder mean(String id, int dim, String hf, String file, String license, double gb) {
        return model(id, dim, hf, file, license, gb).pooling(Pooling.MEAN).normalize(false);
    }

    static List<ModelDescription> all() {
        return List.of(
                cls("BAAI/bge-base-en", 768, "Qdrant/fast-bge-base-en", "model_optimized.onnx", "mit", 0.42)
                        .source(hfAndArchive("Qdrant/fast-bge-base-en",
                                "https://storage.googleapis.com/qdrant-fastembed/fast-bge-base-en.tar.gz"))
                        .prefixes(BGE_EN_QUERY, "")
                        .description("Text embeddings, Unimodal (text), English, 512 input tokens truncation, "
                                + "Prefixes for queries/documents: necessary, 2023 year.")
                        .build(),
                cls("BAAI/bge-base-en-v1.5", 768, "qdrant/bge-base-en-v1.5-onnx-q", "model_optimized.onnx", "mit", 0.21)
                        .source(hfAndArchive("qdrant/bge-base-en-v1.5-onnx-q",
                                "https://storage.googleapis.com/qdrant-fastembed/fast-bge-base-en-v1.5.tar.gz"))
                        .prefixes(BGE_EN_QUERY, "")
                        .description("Text embeddings, Unimodal (text), English, 512 input tokens truncation, "
                                + "Prefixes for queries/documents: not so necessary, 2023 year.")
                        .build(),
                cls("BAAI/bge-large-en-v1.5", 1024, "qdrant/bge-large-en-v1.5-onnx", "model.onnx", "mit", 1.20)
                        .prefixes(BGE_EN_QUERY, "")
                        .description("Text embeddings, Unimodal (text), English, 512 input tokens truncation, "
                                + "Prefixes for queries/documents: not so necessary, 2023 year.")
                        .build(),
                cls("BAAI/bge-small-en", 384, "Qdrant/bge-small-en", "model_optimized.onnx", "mit", 0.13)
                        .source(hfAndArchive("Qdrant/bge-small-en",
                                "https://storage.googleapis.com/qdrant-fastembed/BAAI-bge-small-en.tar.gz"))
                        .prefixes(BGE_EN_QUERY, "")
                        .description("Text embeddings, Unimodal (text), English, 512 input tokens truncation, "
                                + "Prefixes for queries/documents: necessary, 2023 year.")
                        .build(),
                // The default model. fastembed serves an int8 export, so the int8 bundle comes first.
                cls("BAAI/bge-small-en-v1.5", 384, "qdrant/bge-small-en-v1.5-onnx-q", "model_optimized.onnx", "mit",
                        0.067)
                        .bundles(List.of(
                                ClasspathBundle.langchain4j("bge-small-en-v15-q", LC4J, "bge-small-en-v1.5-q", true),
                                ClasspathBundle.langchain4j("bge-small-en-v15", LC4J, "bge-small-en-v1.5", false)))
                        .prefixes(BGE_EN_QUERY, "")
                        .description("Text embeddings, Unimodal (text), English, 512 input tokens truncation, "
                                + "Prefixes for queries/documents: not so necessary, 2023 year.")
                        .build(),
                cls("BAAI/bge-small-zh-v1.5", 512, "Qdrant/bge-small-zh-v1.5", "model_optimized.onnx", "mit", 0.09)
                        .source(hfAndArchive("Qdrant/bge-small-zh-v1.5",
                                "https://storage.googleapis.com/qdrant-fastembed/fast-bge-small-zh-v1.5.tar.gz"))
                        .bundles(List.of(
                                ClasspathBundle.langchain4j("bge-small-zh-v15", LC4J, "bge-small-zh-v1.5", false),
                                // the int8 jar stopped at 1.11.0-beta19 on Maven Central
                                ClasspathBundle.langchain4j("bge-small-zh-v15-q", "1.11.0-beta19", "bge-small-zh-v1.5-q",
                                        true)))
                        .prefixes("为这个句子生成表示以用于检索相关文章：", "")
                        .description("Text embeddings, Unimodal (text), Chinese, 512 input tokens truncation, "
                                + "Prefixes for queries/documents: not so necessary, 2023 year.")
                        .build(),
                cls("mixedbread-ai/mxbai-embed-large-v1", 1024, "mixedbread-ai/mxbai-embed-large-v1", "onnx/model.onnx",
                        "apache-2.0", 0.64)
                        .prefixes(BGE_EN_QUERY, "")
                        .matryoshkaDimensions(List.of(512)) // model card: Matryoshka, 512 dimensions
                        .description("Text embeddings, Unimodal (text), English, 512 input tokens truncation, "
                                + "Prefixes for queries/documents: necessary, 2024 year.")
                        .build(),
                cls("snowflake/snowflake-arctic-embed-xs", 384, "snowflake/snowflake-arctic-embed-xs", "onnx/model.onnx",
                        "apache-2.0", 0.09)
                        .prefixes(BGE_EN_QUERY, "")
                        .description("Text embeddings, Unimodal (text), English, 512 input tokens truncation, "
                                + "Prefixes for queries/documents: necessary, 2024 year.")
                        .build(),
                cls("snowflake/snowflake-arctic-embed-s", 384, "snowflake/snowflake-arctic-embed-s", "onnx/model.onnx",
                        "apache-2.0", 0.13)
                        .prefixes(BGE_EN_QUERY, "")
                        .description("Text embeddings, Unimodal (text), English, 512 input tokens truncation, "
                                + "Prefixes for queries/documents: necessary, 2024 year.")
                        .build(),
                cls("snowflake/snowflake-arctic-embed-m", 768, "Snowflake/snowflake-arctic-embed-m", "onnx/model.onnx",
                        "apache-2.0", 0.43)
                        .prefixes(BGE_EN_QUERY, "")
                        .description("Text embeddings, Unimodal (text), English, 512 input tokens truncation, "
                                + "Prefixes for queries/documents: necessary, 2024 year.")
                        .build(),
                cls("snowflake/snowflake-arctic-embed-m-long", 768, "snowflake/snowflake-arctic-embed-m-long",
                        "onnx/model.onnx", "apache-2.0", 0.54)
                        .maxLength(2048)
                        .prefixes(BGE_EN_QUERY, "")
                        .description("Text embeddings, Unimodal (text), English, 2048 input tokens truncation, "
                                + "Prefixes for queries/documents: necessary, 2024 year.")
                        .build(),
                cls("snowflake/snowflake-arctic-embed-l", 1024, "snowflake/snowflake-arctic-embed-l", "onnx/model.onnx",
                        "apache-2.0", 1.02)
                        .prefixes(BGE_EN_QUERY, "")
                        .description("Text embeddings, Unimodal (text), English, 512 input tokens truncation, "
                                + "Prefixes for queries/documents: necessary, 2024 year.")
                        .build(),
                cls("jinaai/jina-clip-v1", 768, "jinaai/jina-clip-v1", "onnx/text_model.onnx", "apache-2.0", 0.55)
                        .maxLength(8192).imageModels(List.of("jinaai/jina-clip-v1"))
                        .description("Text embeddings, Multimodal (text&image), English, Prefixes for "
                                + "queries/documents: not necessary, 2024 year")
                        .build(),
                // B. CLIP text tower: the graph's output is returned untouched.
                model("Qdrant/clip-ViT-B-32-text", 512, "Qdrant/clip-ViT-B-32-text", "model.onnx", "mit", 0.25)
                        .pooling(Pooling.DISABLED).normalize(false).maxLength(77)
                        .imageModels(List.of("Qdrant/clip-ViT-B-32-vision"))
                        .description("Text embeddings, Multimodal (text&image), English, 77 input tokens truncation, "
                                + "Prefixes for queries/documents: not necessary, 2021 year")
                        .build(),
                // C. SigLIP text tower: pooler_output, padded to exactly 64 tokens, then L2.
                model("google/siglip2-base-patch16-224", 768, "onnx-community/siglip2-base-patch16-224-ONNX",
                        "onnx/text_model.onnx", "apache-2.0", 1.13)
                        .pooling(Pooling.DISABLED).normalize(true).outputName("pooler_output").maxLength(64)
                        .padToMaxLength(true).imageModels(List.of("google/siglip2-base-patch16-224"))
                        .description("Text embeddings, Multimodal (text&image), Multilingual, 64 input tokens "
                                + "truncation, Prefixes for queries/documents: not necessary, 2025 year")
                        .build(),
                // D. mean + L2
                meanNormalized("sentence-transformers/all-MiniLM-L6-v2", 384, "qdrant/all-MiniLM-L6-v2-onnx",
                        "model.onnx", "apache-2.0", 0.09)
                        .source(hfAndArchive("qdrant/all-MiniLM-L6-v2-onnx",
                                "https://storage.googleapis.com/qdrant-fastembed/"
                                        + "sentence-transformers-all-MiniLM-L6-v2.tar.gz"))
                        .bundles(List.of(
                                ClasspathBundle.langchain4j("all-minilm-l6-v2", LC4J, "all-minilm-l6-v2", false),
                                ClasspathBundle.langchain4j("all-minilm-l6-v2-q", LC4J, "all-minilm-l6-v2-q", true)))
                        .maxLength(256)
                        .description("Text embeddings, Unimodal (text), English, 256 input tokens truncation, "
                                + "Prefixes for queries/documents: not necessary, 2021 year.")
                        .build(),
                jinaV2("jinaai/jina-embeddings-v2-base-en", 768, "xenova/jina-embeddings-v2-base-en", 0.52, "English"),
                jinaV2("jinaai/jina-embeddings-v2-small-en", 512, "xenova/jina-embeddings-v2-small-en", 0.12, "English"),
                jinaV2("jinaai/jina-embeddings-v2-base-de", 768, "jinaai/jina-embeddings-v2-base-de", 0.64,
                        "German and English"),
                jinaV2("jinaai/jina-embeddings-v2-base-code", 768, "jinaai/jina-embeddings-v2-base-code", 0.64,
                        "English and 30 programming languages"),
                jinaV2("jinaai/jina-embeddings-v2-base-zh", 768, "jinaai/jina-embeddings-v2-base-zh", 0.64,
                        "Chinese and English"),
                jinaV2("jinaai/jina-embeddings-v2-base-es", 768, "jinaai/jina-embeddings-v2-base-es", 0.64,
                        "Spanish and English"),
                meanNormalized("thenlper/gte-base", 768, "thenlper/gte-base", "onnx/model.onnx", "mit", 0.44)
                        .description("General text embeddings, Unimodal (text), English, 512 input tokens truncation, "
                                + "Prefixes for queries/documents: not necessary, 2023 year.")
                        .build(),
                meanNormalized("thenlper/gte-large", 1024, "qdrant/gte-large-onnx", "model.onnx", "mit", 1.20)
                        .description("Text embeddings, Unimodal (text), English, 512 input tokens truncation, "
                                + "Prefixes for queries/documents: not necessary, 2023 year.")
                        .build(),
                // E. mean, not normalized
                mean("nomic-ai/nomic-embed-text-v1.5", 768, "nomic-ai/nomic-embed-text-v1.5", "onnx/model.onnx",
                        "apache-2.0", 0.52)
                        .maxLength(8192).prefixes("search_query: ", "search_document: ")
                        .matryoshkaDimensions(List.of(512, 256, 128, 64)).imageModels(NOMIC_VISION)
                        .description("Text embeddings, Multimodal (text, image), English, 8192 input tokens "
                                + "truncation, Prefixes for queries/documents: necessary, 2024 year.")
                        .build(),
                mean("nomic-ai/nomic-embed-text-v1.5-Q", 768, "nomic-ai/nomic-embed-text-v1.5",
                        "onnx/model_quantized.onnx", "apache-2.0", 0.13)
                        .maxLength(8192).prefixes("search_query: ", "search_document: ")
                        .matryoshkaDimensions(List.of(512, 256, 128, 64)).imageModels(NOMIC_VISION)
                        .description("Text embeddings, Multimodal (text, image), English, 8192 input tokens "
                                + "truncation, Prefixes for queries/documents: necessary, 2024 year.")
                        .build(),
                mean("nomic-ai/nomic-embed-text-v1", 768, "nomic-ai/nomic-embed-text-v1", "onnx/model.onnx",
                        "apache-2.0", 0.52)
                        .maxLength(8192).prefixes("search_query: ", "search_document: ")
                        .description("Text embeddings, Multimodal (text, image), English, 8192 input tokens "
                                + "truncation, Prefixes for queries/documents: necessary, 2024 year.")
                        .build(),
                mean("sentence-transformers/paraphrase-multilingual-MiniLM-L12-v2", 384,
                        "qdrant/paraphrase-multilingual-MiniLM-L12-v2-onnx-Q", "model_optimized.onnx", "apache-2.0", 0.22)
                        .description("Text embeddings, Unimodal (text), Multilingual (~50 languages), 128 input tokens "
                                + "truncation, Prefixes for queries/documents: not necessary, 2019 year.")
                        .build(),
                mean("sentence-transformers/paraphrase-multilingual-mpnet-base-v2", 768,
                        "xenova/paraphrase-multilingual-mpnet-base-v2", "onnx/model.onnx", "apache-2.0", 1.00)
                        .maxLength(384)
                        .description("Text embeddings, Unimodal (text), Multilingual (~50 languages), 512 input tokens "
                                + "truncation, Prefixes for queries/documents: not necessary, 2021 year.")
                        .build(),
                mean("intfloat/multilingual-e5-large", 1024, "qdrant/multilingual-e5-large-onnx", "model.onnx", "mit",
                        2.24)
                        .source(hfAndArchive("qdrant/multilingual-e5-large-onnx",
                                "https://storage.googleapis.com/qdrant-fastembed/fast-multilingual-e5-large.tar.gz"))
                        .additionalFiles(List.of("model.onnx_data"))
                        .prefixes("query: ", "passage: ")
                        .description("Text embeddings, Unimodal (text), Multilingual (~100 languages), 512 input tokens "
                                + "truncation, Prefixes for queries/documents: necessary, 2024 year.")
                        .build(),
                // F. Jina v3: mean + L2, with a scalar task_id input.
                meanNormalized("jinaai/jina-embeddings-v3", 1024, "jinaai/jina-embeddings-v3", "onnx/model.onnx",
                        "cc-by-nc-4.0", 2.29)
                        .additionalFiles(List.of("onnx/model.onnx_data"))
                        .maxLength(8192)
                        .task("retrieval.query", 0).task("retrieval.passage", 1).task("separation", 2)
                        .task("classification", 3).task("text-matching", 4).defaultTask("retrieval.passage")
                        .matryoshkaDimensions(List.of(768, 512, 256, 128, 64, 32))
                        .description("Multi-task unimodal (text) embedding model, multi-lingual (~100), 8192 input "
                                + "tokens truncation. Prefixes for queries/documents: not necessary, 2024 year.")
                        .build(),
                // G. EmbeddingGemma: the graph's own sentence embedding, output #1, raw.
                model("google/embeddinggemma-300m", 768, "onnx-community/embeddinggemma-300m-ONNX", "onnx/model.onnx",
                        "gemma", 1.24)
                        .additionalFiles(List.of("onnx/model.onnx_data"))
                        .pooling(Pooling.DISABLED).normalize(false).outputIndex(1).maxLength(2048)
                        .prefixes("task: search result | query: ", "title: none | text: ")
                        .matryoshkaDimensions(List.of(512, 256, 128))
                        .description("Text embeddings, Unimodal (text), multilingual, 2048 input tokens truncation, "
                                + "Prefixes for queries/documents: necessary, 2025 year.")
                        .build(),
                // H. Qwen3: last real token, then L2.
                model("Qwen/Qwen3-Embedding-0.6B", 1024, "Qdrant/Qwen3-Embedding-0.6B-onnx", "onnx/model.onnx",
                        "apache-2.0", 2.38)
                        .additionalFiles(List.of("onnx/model.onnx_data"))
                        .pooling(Pooling.LAST_TOKEN).normalize(true).maxLength(32768)
                        .prefixes(QWEN_QUERY, "")
                        .description("Text embeddings, Unimodal (text), multilingual, 32768 input tokens truncation, "
                                + "Prefixes for queries: necessary, 2025 year.")
                        .build(),
                model("Qwen/Qwen3-Embedding-0.6B-Q", 1024, "Qdrant/Qwen3-Embedding-0.6B-onnx",
                        "onnx/model_quantized.onnx", "apache-2.0", 1.12)
                        .pooling(Pooling.LAST_TOKEN).normalize(true).maxLength(32768)
                        .prefixes(QWEN_QUERY, "")
                        .description("Text embeddings, Unimodal (text), multilingual, 32768 input tokens truncation, "
                                + "int8 MatMulNBits (needs ONNX Runtime >= 1.23), 2025 year.")
                        .build(),
                // Not in fastembed; served here by LangChain4j's jars.
                meanNormalized("intfloat/e5-small-v2", 384, "intfloat/e5-small-v2", "onnx/model.onnx", "mit", 0.13)
                        .bundles(List.of(
                                ClasspathBundle.langchain4j("e5-small-v2", LC4J, "e5-small-v2", false),
                                ClasspathBundle.langchain4j("e5-small-v2-q", LC4J, "e5-small-v2-q", true)))
                        .prefixes("query: ", "passage: ")
                        .description("Text embeddings, Unimodal (text), English, 512 input tokens truncation, "
                                + "Prefixes for queries/documents: necessary, 2022 year.")
                        .build());
    }

    static final String QWEN_QUERY =
            "Instruct: Given a web search query, retrieve relevant passages that answer the query\nQuery:";

    private static ModelDescription jinaV2(String id, int dim, String hf, double gb, String languages) {
        return meanNormalized(id, dim, hf, "onnx/model.onnx", "apache-2.0", gb)
                .maxLength(8192)
                .description("Text embeddings, Unimodal (text), " + languages + ", 8192 input tokens truncation, "
                        + "Prefixes for queries/documents: not necessary, 2024 year.")
                .build();
    }
}
