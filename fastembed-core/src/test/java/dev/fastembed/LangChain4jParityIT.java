package dev.fastembed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15.BgeSmallEnV15EmbeddingModel;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.Executor;

/**
 * Cross-check against an independent implementation: LangChain4j's in-process model runs the same ONNX file
 * and tokenizer one text at a time; our batched, length-sorted, padded runs must give the same vectors.
 */
class LangChain4jParityIT {

    static {
        TestSupport.init();
    }

    private static final Executor IN_CALLER = Runnable::run;

    @Test
    void all_minilm_l6_v2_mean_pooling_matches_langchain4j_on_the_same_file() {
        assertParity(TestSupport.MINILM, new AllMiniLmL6V2EmbeddingModel(IN_CALLER));
    }

    @Test
    void bge_small_en_v15_cls_pooling_matches_langchain4j_on_the_same_file() {
        assertParity(TestSupport.BGE_FP32, new BgeSmallEnV15EmbeddingModel(IN_CALLER));
    }

    private static void assertParity(String modelId, EmbeddingModel reference) {
        // short.txt holds 10-30 word pieces per line: neither side truncates (MiniLM's jar tokenizer cuts at 128)
        List<String> texts = TestSupport.shortTexts().subList(0, 300);
        try (TextEmbedding model = TextEmbedding.builder().model(modelId).batchSize(64).build()) {
            List<float[]> ours = model.embed(texts);
            List<Embedding> theirs = reference.embedAll(texts.stream().map(TextSegment::from).toList()).content();
            double worst = 1;
            for (int i = 0; i < texts.size(); i++) {
                worst = Math.min(worst, TestSupport.cosine(ours.get(i), theirs.get(i).vector()));
            }
            assertThat(worst).as("lowest cosine over %d texts", texts.size()).isGreaterThanOrEqualTo(0.9999);
            // LangChain4j's own token usage: text tokens without [CLS]/[SEP] ("hi" is 1), what textTokenCount gives
            for (String text : List.of("hi", texts.get(0), texts.get(1))) {
                assertThat(model.embedWithTokenCounts(List.of(text), InputType.TEXT, 0).get(0).textTokenCount())
                        .as(text).isEqualTo(reference.embed(text).tokenUsage().inputTokenCount());
            }
        }
    }
}
