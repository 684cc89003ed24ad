package dev.fastembed;

import dev.fastembed.image.ImageDecoder;
import dev.fastembed.image.RgbImage;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * An image input with its position in the caller's list or stream, so that an image that is null, of an
 * unsupported type or undecodable is reported by index, the same way by every facade that takes images.
 */
record ImageInput(long index, Object image) {

    /** Checks and numbers a list of images; fails on the first bad one, naming its index. */
    static List<ImageInput> of(List<?> images) {
        List<ImageInput> inputs = new ArrayList<>(images.size());
        for (int i = 0; i < images.size(); i++) {
            inputs.add(new ImageInput(i, require(images.get(i), i)));
        }
        return inputs;
    }

    /** Checks and numbers a stream of images lazily, as it is read. */
    static Stream<ImageInput> of(Stream<?> images) {
        AtomicLong position = new AtomicLong();
        return images.map(image -> {
            long index = position.getAndIncrement();
            return new ImageInput(index, require(image, index));
        });
    }

    /** Decodes a batch of inputs. */
    static List<RgbImage> decode(List<ImageInput> batch) {
        List<RgbImage> decoded = new ArrayList<>(batch.size());
        for (ImageInput input : batch) {
            decoded.add(input.decode());
        }
        return decoded;
    }

    private RgbImage decode() {
        try {
            return ImageDecoder.read(image);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("images[" + index + "] (" + describe() + ") could not be read as an "
                    + "image: " + e.getMessage(), e);
        }
    }

    private static Object require(Object image, long index) {
        if (image == null) {
            throw new IllegalArgumentException("images[" + index + "] is null; filter missing images out first");
        }
        if (!(image instanceof Path || image instanceof File || image instanceof String || image instanceof byte[]
                || image instanceof InputStream || image instanceof BufferedImage)) {
            throw new IllegalArgumentException("images[" + index + "] is a " + image.getClass().getName()
                    + "; pass a Path, File, path String, byte[], InputStream or BufferedImage");
        }
        return image;
    }

    private String describe() {
        if (image instanceof byte[] bytes) {
            return bytes.length + " bytes";
        }
        if (image instanceof BufferedImage buffered) {
            return "BufferedImage " + buffered.getWidth() + "x" + buffered.getHeight();
        }
        return image instanceof InputStream ? "an InputStream" : image.toString();
    }
}
