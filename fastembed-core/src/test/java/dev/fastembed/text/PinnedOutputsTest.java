package dev.fastembed.text;

import ai.onnxruntime.OnnxTensor;

import dev.fastembed.Device;
import dev.fastembed.hub.internal.ModelFiles;
import dev.fastembed.onnx.OnnxSession;
import dev.fastembed.onnx.PinnedFloats;
import dev.fastembed.onnx.SessionSettings;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A pinned output is written by ONNX Runtime into our direct buffer and read there, giving the values an
 * ordinary (copied) output gives; an output ONNX Runtime allocated is copied as before.
 */
class PinnedOutputsTest {

    @Test
    void a_pinned_output_is_read_in_place_with_the_same_values(@TempDir Path dir) throws Exception {
        Path model = copy("/tiny-models/tiny-colbert.onnx", dir.resolve("model.onnx"));
        Path tokenizerFile = copy("/bge-small-en-v1.5-tokenizer.json", dir.resolve("tokenizer.json"));
        ModelFiles files = new ModelFiles(dir, model, tokenizerFile, null, null, null, "test");
        List<String> texts = List.of("pinned outputs", "are written where we read them, with no copy", "");
        try (OnnxSession session = OnnxSession.open(model, new SessionSettings(Device.CPU, null, 1, true));
                TextTokenizer tokenizer = TextTokenizer.load(files, 512, true)) {
            String output = session.outputNames().get(0);
            List<Boolean> direct = new ArrayList<>();
            List<float[]> pinned = TextBatchRunner.runPinned(tokenizer.tokenize(texts), session, 12, output,
                    slice -> new long[] {slice.size(), slice.length(), 128}, (value, slice) -> {
                        FloatBuffer floats = PinnedFloats.floatsOf((OnnxTensor) value);
                        direct.add(floats.isDirect());
                        return rows(floats, slice);
                    });
            List<Boolean> copied = new ArrayList<>();
            List<float[]> plain = TextBatchRunner.run(tokenizer.tokenize(texts), session, 12, output, null,
                    (value, slice) -> {
                        FloatBuffer floats = PinnedFloats.floatsOf((OnnxTensor) value);
                        copied.add(floats.isDirect());
                        return rows(floats, slice);
                    });
            assertThat(direct).isNotEmpty().containsOnly(true);
            assertThat(copied).isNotEmpty().containsOnly(false);
            for (int i = 0; i < texts.size(); i++) {
                assertThat(pinned.get(i)).containsExactly(plain.get(i));
            }
        }
    }

    /** Each row's first token vector. */
    private static List<float[]> rows(FloatBuffer floats, EncodedBatch slice) {
        List<float[]> out = new ArrayList<>();
        for (int row = 0; row < slice.size(); row++) {
            float[] first = new float[128];
            floats.get(row * slice.length() * 128, first);
            out.add(first);
        }
        return out;
    }

    private static Path copy(String resource, Path target) throws Exception {
        try (InputStream in = PinnedOutputsTest.class.getClassLoader().getResourceAsStream(resource.substring(1))) {
            Files.copy(in, target);
        }
        return target;
    }
}
