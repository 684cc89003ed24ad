package dev.fastembed.text;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtSession;
import dev.fastembed.Device;
import dev.fastembed.hub.internal.ModelFiles;
import dev.fastembed.onnx.OnnxSession;
import dev.fastembed.onnx.PinnedFloats;
import dev.fastembed.onnx.SessionSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An output whose shape the graph declares (fixed, or tied by name to the input's rows and tokens) is written by
 * ONNX Runtime into our direct buffer and read there, with the values ONNX Runtime gives when it allocates the
 * output itself; an output with a dimension of its own is copied as before.
 */
class PinnedOutputsTest {

    private static final List<String> TEXTS = List.of("pinned outputs", "are written where we read them", "",
            "with no copy of the whole output onto the heap");

    @Test
    void a_declared_output_is_read_in_place_with_the_values_onnx_runtime_gives(@TempDir Path dir) throws Exception {
        Path model = copy("/tiny-models/tiny-colbert.onnx", dir.resolve("model.onnx"));
        try (OnnxSession session = OnnxSession.open(model, new SessionSettings(Device.CPU, null, 1, true));
                TextTokenizer tokenizer = tokenizer(dir)) {
            String output = session.outputNames().get(0);
            List<Boolean> direct = new ArrayList<>();
            List<Integer> slices = new ArrayList<>();
            TextBatchRunner.run(tokenizer.tokenize(TEXTS), session, 24, output, null, (value, slice) -> {
                FloatBuffer inPlace = PinnedFloats.floatsOf((OnnxTensor) value);
                direct.add(inPlace.isDirect());
                slices.add(slice.size());
                float[] pinned = new float[inPlace.remaining()];
                inPlace.get(pinned);
                assertThat(pinned).containsExactly(unpinned(session, output, slice));
                return new ArrayList<>(java.util.Collections.nCopies(slice.size(), (Void) null));
            });
            assertThat(slices).hasSizeGreaterThan(1); // several slices, each pinned at its own shape
            assertThat(direct).containsOnly(true);
        }
    }

    @Test
    void an_output_with_a_dimension_of_its_own_is_copied_and_the_declared_ones_beside_it_are_pinned(
            @TempDir Path dir) throws Exception {
        // BGE-M3's graph: dense_vecs [batch, 1024], sparse_vecs [batch, seq, 1], colbert_vecs [batch, seq_minus_1, 1024]
        Path model = copy("/tiny-models/tiny-bge-m3.onnx", dir.resolve("model.onnx"));
        try (OnnxSession session = OnnxSession.open(model, new SessionSettings(Device.CPU, null, 1, true));
                TextTokenizer tokenizer = tokenizer(dir)) {
            Map<String, Boolean> direct = new HashMap<>();
            List<String> outputs = List.of("dense_vecs", "sparse_vecs", "colbert_vecs");
            TextBatchRunner.run(tokenizer.tokenize(TEXTS), session, 512, outputs, (values, slice) -> {
                for (int i = 0; i < outputs.size(); i++) {
                    direct.put(outputs.get(i), PinnedFloats.floatsOf((OnnxTensor) values.get(i)).isDirect());
                }
                return new ArrayList<>(java.util.Collections.nCopies(slice.size(), (Void) null));
            });
            assertThat(direct).containsExactlyInAnyOrderEntriesOf(
                    Map.of("dense_vecs", true, "sparse_vecs", true, "colbert_vecs", false));
        }
    }

    /** The slice's output as ONNX Runtime allocates it, copied by getFloatBuffer. */
    private static float[] unpinned(OnnxSession session, String output, EncodedBatch slice)
            throws ai.onnxruntime.OrtException {
        long[] shape = {slice.size(), slice.length()};
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put("input_ids", OnnxTensor.createTensor(session.environment(),
                    LongBuffer.wrap(slice.inputIds), shape));
            inputs.put("attention_mask", OnnxTensor.createTensor(session.environment(),
                    LongBuffer.wrap(slice.attentionMask), shape));
            if (session.hasInput("token_type_ids")) {
                inputs.put("token_type_ids", OnnxTensor.createTensor(session.environment(),
                        LongBuffer.wrap(slice.typeIds), shape));
            }
            try (OrtSession.Result result = session.run(inputs, Set.of(output))) {
                FloatBuffer copied = ((OnnxTensor) result.get(0)).getFloatBuffer();
                assertThat(copied.isDirect()).isFalse();
                float[] values = new float[copied.remaining()];
                copied.get(values);
                return values;
            }
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    private static TextTokenizer tokenizer(Path dir) throws Exception {
        Path model = dir.resolve("model.onnx");
        Path tokenizerFile = copy("/bge-small-en-v1.5-tokenizer.json", dir.resolve("tokenizer.json"));
        return TextTokenizer.load(new ModelFiles(dir, model, tokenizerFile, null, null, null, "test"), 512, true);
    }

    private static Path copy(String resource, Path target) throws Exception {
        try (InputStream in = PinnedOutputsTest.class.getClassLoader().getResourceAsStream(resource.substring(1))) {
            Files.copy(in, target);
        }
        return target;
    }
}
