package dev.fastembed.image;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataFormatImpl;
import javax.imageio.stream.ImageInputStream;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Node;

/**
 * Decodes images with ImageIO (JPEG, PNG, GIF's first frame, BMP; CMYK JPEG and WebP through the
 * TwelveMonkeys plugins) and converts them to 8-bit RGB as Pillow's {@code convert("RGB")} does: alpha is
 * dropped without compositing, palettes and grey are expanded. Grey is read from the raster, not through
 * {@code getRGB}, which would apply a colour-space conversion Pillow does not.
 */
public final class ImageDecoder {

    private static final Logger LOG = LoggerFactory.getLogger(ImageDecoder.class);
    private static final String LIBWEBP_READER = "com.luciad.imageio.webp.WebPReader";
    private static final AtomicBoolean WARNED_NO_LIBWEBP = new AtomicBoolean();

    private ImageDecoder() {
    }

    /**
     * An image from any source the facades take: a {@code Path}, {@code File} or path {@code String} (read),
     * {@code byte[]} or {@code InputStream} (decoded) or {@code BufferedImage} (converted).
     *
     * @throws IllegalArgumentException for another type
     */
    public static RgbImage read(Object image) throws IOException {
        if (image instanceof BufferedImage buffered) {
            return toRgb(buffered);
        }
        if (image instanceof byte[] bytes) {
            return decode(bytes);
        }
        if (image instanceof InputStream stream) {
            return decode(stream);
        }
        Path path = image instanceof File file ? file.toPath() : image instanceof String s ? Path.of(s)
                : image instanceof Path p ? p : null;
        if (path == null) {
            throw new IllegalArgumentException("an image is a Path, File, path String, byte[], InputStream or "
                    + "BufferedImage, not a " + (image == null ? "null" : image.getClass().getName()));
        }
        try (InputStream in = Files.newInputStream(path)) {
            return decode(in);
        }
    }

    /**
     * The most pixels an encoded image may declare: Pillow raises {@code DecompressionBombError} above twice its
     * {@code MAX_IMAGE_PIXELS} (1024 * 1024 * 1024 / 4 / 3 = 89,478,485), so fastembed fails on these images, and
     * the check, made on the header before any pixel is decoded, keeps a small file from filling the heap.
     */
    static final long MAX_PIXELS = 2L * (1024 * 1024 * 1024 / 4 / 3);

    /** Decodes the first image of an encoded file. */
    public static RgbImage decode(byte[] encoded) throws IOException {
        List<ImageReader> readers = readers(encoded);
        try {
            ImageReader reader = readers.get(0);
            if (LIBWEBP_READER.equals(reader.getClass().getName())) {
                try {
                    return decode(reader, encoded);
                } catch (LinkageError e) {
                    // libwebp's natives do not load on this platform: TwelveMonkeys' decoder is near, not equal
                    warnNoLibwebp(e);
                    if (readers.size() == 1) {
                        throw new IOException("WebP needs libwebp, which could not be loaded here: " + e, e);
                    }
                    return decode(readers.get(1), encoded);
                }
            }
            return decode(reader, encoded);
        } finally {
            readers.forEach(ImageReader::dispose);
        }
    }

    public static RgbImage decode(InputStream encoded) throws IOException {
        return decode(encoded.readAllBytes());
    }

    /**
     * The readers for the data's format, the one to use first. For WebP that is the libwebp-backed reader
     * (webp-imageio): Pillow decodes with libwebp, whose lossy decoder and fancy upsampling give other pixels than
     * TwelveMonkeys' own decoder (up to 44 levels off; make_decode_references.py's lossy WebP is exact this way).
     */
    private static List<ImageReader> readers(byte[] encoded) throws IOException {
        List<ImageReader> readers = new ArrayList<>();
        try (ImageInputStream input = ImageIO.createImageInputStream(new ByteArrayInputStream(encoded))) {
            if (input == null) {
                throw new IOException("no image stream could be opened");
            }
            ImageIO.getImageReaders(input).forEachRemaining(readers::add);
        }
        if (readers.isEmpty()) {
            throw new IOException("not an image in a known format (JPEG, PNG, GIF, BMP, WebP)");
        }
        readers.sort(Comparator.comparing(reader -> LIBWEBP_READER.equals(reader.getClass().getName()) ? 0 : 1));
        return readers;
    }

    private static RgbImage decode(ImageReader reader, byte[] encoded) throws IOException {
        boolean jpeg = "jpeg".equalsIgnoreCase(reader.getFormatName());
        try (ImageInputStream input = ImageIO.createImageInputStream(new ByteArrayInputStream(encoded))) {
            reader.setInput(input, true, !jpeg); // a JPEG's metadata says its colour space
            long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
            if (pixels > MAX_PIXELS) {
                throw new IOException(reader.getWidth(0) + "x" + reader.getHeight(0) + " is " + pixels
                        + " pixels, over Pillow's decompression-bomb limit of " + MAX_PIXELS + " (fastembed "
                        + "refuses it too); scale the image down first");
            }
            String space = jpeg ? jpegColourSpace(reader) : null;
            if ("YCbCr".equals(space)) {
                return JpegColour.ycbcrToRgb(reader.readRaster(0, null)); // no ICC conversion, as Pillow
            }
            if ("CMYK".equals(space)) {
                Raster raw = reader.readRaster(0, null);
                if (raw.getNumBands() == 4) {
                    return JpegColour.cmykToRgb(raw, hasAdobeMarker(reader)); // no ICC conversion, as Pillow
                }
            }
            return toRgb(reader.read(0)); // the first frame of a GIF, as Pillow
        } catch (RuntimeException e) {
            throw new IOException("the " + reader.getFormatName() + " data is corrupt or truncated: " + e, e);
        }
    }

    private static void warnNoLibwebp(LinkageError e) {
        if (!WARNED_NO_LIBWEBP.getAndSet(true)) {
            LOG.warn("libwebp could not be loaded ({}); decoding WebP with TwelveMonkeys, whose lossy pixels differ "
                    + "slightly from Pillow's", e.toString());
        }
    }

    /** The colour space a JPEG's metadata declares ({@code YCbCr}, {@code RGB}, {@code GRAY}, {@code CMYK}...). */
    private static String jpegColourSpace(ImageReader reader) throws IOException {
        IIOMetadata metadata = reader.getImageMetadata(0);
        if (metadata == null || !metadata.isStandardMetadataFormatSupported()) {
            return null;
        }
        Node chroma = child(metadata.getAsTree(IIOMetadataFormatImpl.standardMetadataFormatName), "Chroma");
        Node space = chroma == null ? null : child(chroma, "ColorSpaceType");
        Node name = space == null ? null : space.getAttributes().getNamedItem("name");
        return name == null ? null : name.getNodeValue();
    }

    /** Whether the JPEG has an Adobe APP14 marker (in the reader's native metadata tree). */
    private static boolean hasAdobeMarker(ImageReader reader) throws IOException {
        IIOMetadata metadata = reader.getImageMetadata(0);
        String format = metadata == null ? null : metadata.getNativeMetadataFormatName();
        return format != null && find(metadata.getAsTree(format), "app14Adobe") != null;
    }

    private static Node find(Node node, String name) {
        if (name.equals(node.getNodeName())) {
            return node;
        }
        for (Node child = node.getFirstChild(); child != null; child = child.getNextSibling()) {
            Node found = find(child, name);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static Node child(Node parent, String name) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (name.equals(node.getNodeName())) {
                return node;
            }
        }
        return null;
    }

    /** Pillow's {@code convert("RGB")} of an image already in memory. */
    public static RgbImage toRgb(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        byte[] out = new byte[width * height * 3];
        ColorModel model = image.getColorModel();
        Raster raster = image.getRaster();
        boolean indexed = model instanceof IndexColorModel;
        int bits = raster.getSampleModel().getSampleSize(0);
        boolean grey = !indexed && model.getColorSpace().getNumComponents() == 1;
        if (grey) {
            // Pillow opens 16-bit grey as mode I and clips it to 255 when converting to RGB, but 16-bit
            // grey+alpha as LA, keeping each sample's high byte (make_decode_references.py shows both).
            boolean clip = bits > 8 && !model.hasAlpha();
            int shift = clip ? 0 : Math.max(0, bits - 8);
            int[] row = new int[width];
            for (int y = 0; y < height; y++) {
                raster.getSamples(0, y, width, 1, 0, row);
                for (int x = 0; x < width; x++) {
                    byte v = (byte) (clip ? Math.min(row[x], 255) : row[x] >> shift);
                    int o = (y * width + x) * 3;
                    out[o] = v;
                    out[o + 1] = v;
                    out[o + 2] = v;
                }
            }
            return new RgbImage(width, height, out);
        }
        if (!indexed && bits > 8 && raster.getNumBands() >= 3 && model.getColorSpace().isCS_sRGB()) {
            // 16-bit RGB(A): Pillow keeps the high byte of each sample; getRGB would round v * 255 / 65535.
            int shift = bits - 8;
            int[] row = new int[width];
            for (int band = 0; band < 3; band++) {
                for (int y = 0; y < height; y++) {
                    raster.getSamples(0, y, width, 1, band, row);
                    for (int x = 0; x < width; x++) {
                        out[(y * width + x) * 3 + band] = (byte) (row[x] >> shift);
                    }
                }
            }
            return new RgbImage(width, height, out);
        }
        int[] argb = new int[width];
        for (int y = 0; y < height; y++) {
            image.getRGB(0, y, width, 1, argb, 0, width); // non-premultiplied: alpha is simply ignored
            for (int x = 0; x < width; x++) {
                int o = (y * width + x) * 3;
                out[o] = (byte) (argb[x] >> 16);
                out[o + 1] = (byte) (argb[x] >> 8);
                out[o + 2] = (byte) argb[x];
            }
        }
        return new RgbImage(width, height, out);
    }
}
