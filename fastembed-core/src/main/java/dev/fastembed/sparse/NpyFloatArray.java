package dev.fastembed.sparse;

import dev.fastembed.ModelLoadException;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A float32 NumPy {@code .npy} array, memory-mapped rather than read (miniCOIL's is 156 MB). Only what
 * {@code numpy.save} writes for a C-ordered little-endian float32 array is accepted; no library reads .npy
 * files in plain Java, and the format is a magic string, a Python-literal header and raw data.
 */
final class NpyFloatArray {

    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private final FloatBuffer data;
    private final int[] shape;

    private NpyFloatArray(FloatBuffer data, int[] shape) {
        this.data = data;
        this.shape = shape;
    }

    static NpyFloatArray map(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            if (channel.size() > Integer.MAX_VALUE) {
                throw new ModelLoadException(file + " is over 2 GB; this reader maps one buffer");
            }
            MappedByteBuffer bytes = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size());
            bytes.order(ByteOrder.LITTLE_ENDIAN);
            byte[] magic = new byte[6];
            bytes.get(magic);
            if (magic[0] != (byte) 0x93 || !new String(magic, 1, 5, StandardCharsets.US_ASCII).equals("NUMPY")) {
                throw new ModelLoadException(file + " is not a .npy file (bad magic)");
            }
            int major = bytes.get() & 0xFF;
            bytes.get(); // minor
            int headerLength = major == 1 ? bytes.getShort() & 0xFFFF : bytes.getInt();
            byte[] header = new byte[headerLength];
            bytes.get(header);
            String text = new String(header, major >= 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
            String descr = group(DESCR, text, file);
            if (!descr.equals("<f4") && !descr.equals("|f4")) {
                throw new ModelLoadException(file + " holds " + descr + " data; miniCOIL expects little-endian float32");
            }
            if (group(FORTRAN, text, file).equals("True")) {
                throw new ModelLoadException(file + " is Fortran-ordered; expected C order");
            }
            int[] shape = Arrays.stream(group(SHAPE, text, file).split(",")).map(String::strip)
                    .filter(s -> !s.isEmpty()).mapToInt(Integer::parseInt).toArray();
            long count = 1;
            for (int dim : shape) {
                count *= dim;
            }
            FloatBuffer floats = bytes.slice().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
            if (floats.remaining() < count) {
                throw new ModelLoadException(file + " is truncated: its header promises " + count + " floats, it holds "
                        + floats.remaining() + "; delete it and fetch the model again");
            }
            return new NpyFloatArray(floats, shape);
        } catch (IOException | RuntimeException e) {
            if (e instanceof ModelLoadException load) {
                throw load;
            }
            throw new ModelLoadException("Could not read " + file + ": " + e.getMessage(), e);
        }
    }

    private static String group(Pattern pattern, String header, Path file) {
        Matcher matcher = pattern.matcher(header);
        if (!matcher.find()) {
            throw new ModelLoadException(file + " has a .npy header without " + pattern.pattern() + ": " + header);
        }
        return matcher.group(1);
    }

    int[] shape() {
        return shape.clone();
    }

    float get(int flatIndex) {
        return data.get(flatIndex);
    }
}
