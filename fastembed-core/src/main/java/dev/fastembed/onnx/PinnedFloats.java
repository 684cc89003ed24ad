package dev.fastembed.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.IdentityHashMap;

/**
 * A float output that ONNX Runtime writes straight into a direct buffer of ours (its "pinned outputs"), so a head
 * reads the model's output where it lies: {@code OnnxTensor.getFloatBuffer()} on an output ONNX Runtime
 * allocated copies the whole of it onto the heap first (SPLADE's logits for 4096 padded tokens: 500 MB of
 * native memory, then 500 MB of heap). Closing frees the native memory at once rather than whenever the garbage
 * collector gets to the buffer.
 */
public final class PinnedFloats implements AutoCloseable {

    /** {@code Unsafe.invokeCleaner(ByteBuffer)} (jdk.unsupported, Java 9+), or null where it is not reachable. */
    private static final MethodHandle CLEANER = cleaner();
    /**
     * The pinned tensors of this thread (a run and its head share the thread), so that {@link #floatsOf} tells
     * them from outputs ONNX Runtime allocated, which have no buffer of ours to read.
     */
    private static final ThreadLocal<IdentityHashMap<OnnxTensor, FloatBuffer>> PINNED =
            ThreadLocal.withInitial(IdentityHashMap::new);

    private final ByteBuffer bytes;
    private final OnnxTensor tensor;
    /** The map of the thread that allocated this, so that {@link #close} on any thread forgets it there. */
    private final IdentityHashMap<OnnxTensor, FloatBuffer> owner;

    private PinnedFloats(ByteBuffer bytes, OnnxTensor tensor, IdentityHashMap<OnnxTensor, FloatBuffer> owner) {
        this.bytes = bytes;
        this.tensor = tensor;
        this.owner = owner;
    }

    /**
     * A zeroed float tensor of {@code shape} on a direct buffer, or null when it is too large for one buffer
     * (2 GB): the run then lets ONNX Runtime allocate the output as usual.
     */
    public static PinnedFloats allocate(OrtEnvironment env, long[] shape) throws OrtException {
        long count = 1;
        for (long dim : shape) {
            if (dim < 0) {
                return null;
            }
            count *= dim;
        }
        if (count * Float.BYTES > Integer.MAX_VALUE) {
            return null;
        }
        ByteBuffer bytes = ByteBuffer.allocateDirect((int) (count * Float.BYTES)).order(ByteOrder.nativeOrder());
        FloatBuffer floats = bytes.asFloatBuffer();
        OnnxTensor tensor = OnnxTensor.createTensor(env, floats, shape.clone());
        IdentityHashMap<OnnxTensor, FloatBuffer> owner = PINNED.get();
        synchronized (owner) { // uncontended: see close()
            owner.put(tensor, floats);
        }
        return new PinnedFloats(bytes, tensor, owner);
    }

    public OnnxTensor tensor() {
        return tensor;
    }

    /** A float output's values: in place when it was pinned, else copied by ONNX Runtime (null if not floats). */
    public static FloatBuffer floatsOf(OnnxTensor tensor) {
        IdentityHashMap<OnnxTensor, FloatBuffer> mine = PINNED.get();
        FloatBuffer pinned;
        synchronized (mine) {
            pinned = mine.get(tensor);
        }
        return pinned != null ? pinned.duplicate() : tensor.getFloatBuffer();
    }

    @Override
    public void close() {
        synchronized (owner) { // closed on another thread than its own, this is the only other thread to touch the map
            owner.remove(tensor);
        }
        tensor.close();
        if (CLEANER != null) {
            try {
                CLEANER.invokeExact(bytes);
            } catch (Throwable ignored) {
                // left to the garbage collector
            }
        }
    }

    private static MethodHandle cleaner() {
        try {
            Class<?> unsafeClass = Class.forName("sun.misc.Unsafe");
            Field field = unsafeClass.getDeclaredField("theUnsafe");
            field.setAccessible(true);
            Object unsafe = field.get(null);
            return MethodHandles.lookup().findVirtual(unsafeClass, "invokeCleaner",
                    MethodType.methodType(void.class, ByteBuffer.class)).bindTo(unsafe);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null; // freed by the garbage collector instead
        }
    }
}
