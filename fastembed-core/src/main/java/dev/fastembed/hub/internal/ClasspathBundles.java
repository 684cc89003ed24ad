package dev.fastembed.hub.internal;

import dev.fastembed.ModelLoadException;
import dev.fastembed.model.ClasspathBundle;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Optional;
import java.util.jar.JarEntry;

/**
 * Serves model files from jars on the classpath. ONNX Runtime loads models from a file path (so external
 * data files resolve and nothing is capped at 2 GB), so a file inside a jar is extracted once into the
 * cache and reused; a file already on disk (an exploded classpath) is used where it is.
 */
public final class ClasspathBundles {

    private static final Logger LOG = LoggerFactory.getLogger(ClasspathBundles.class);

    private ClasspathBundles() {
    }

    static ClassLoader classLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : ClasspathBundles.class.getClassLoader();
    }

    /** The bundle's files on disk, extracting them under {@code cacheDir/bundles} when they sit in a jar. */
    public static Optional<ModelFiles> materialize(ClasspathBundle bundle, Path cacheDir) {
        ClassLoader loader = classLoader();
        URL model = loader.getResource(bundle.modelResource());
        URL tokenizer = loader.getResource(bundle.tokenizerResource());
        if (model == null || tokenizer == null) {
            return Optional.empty();
        }
        try {
            // One folder per bundle version: the ONNX entry's CRC tells two builds of the same jar apart.
            Entry modelEntry = Entry.of(model);
            String folder = bundle.coordinates().replace(':', '_').toLowerCase(Locale.ROOT)
                    + (modelEntry.crc() < 0 ? "" : "-" + Long.toHexString(modelEntry.crc()));
            Path target = cacheDir.resolve("bundles").resolve(folder);
            Path modelFile = onDisk(model, modelEntry, target, bundle);
            Path tokenizerFile = onDisk(tokenizer, Entry.of(tokenizer), target, bundle);
            return Optional.of(new ModelFiles(modelFile.getParent(), modelFile, tokenizerFile, null, null, null,
                    "classpath bundle " + bundle.coordinates()));
        } catch (IOException e) {
            throw new ModelLoadException("Could not extract " + bundle.modelResource() + " from "
                    + bundle.coordinates() + " into " + cacheDir.resolve("bundles")
                    + ": check that the cache directory is writable, or set cacheDir(...). " + e.getMessage(), e);
        }
    }

    /** A resource's size and CRC when it is a jar entry; -1 when unknown. */
    private record Entry(long size, long crc) {
        static Entry of(URL resource) throws IOException {
            if (!"jar".equals(resource.getProtocol())) {
                return new Entry(-1, -1);
            }
            URLConnection connection = resource.openConnection();
            connection.setUseCaches(false);
            if (connection instanceof JarURLConnection jar) {
                JarEntry entry = jar.getJarEntry();
                try (InputStream ignored = jar.getInputStream()) {
                    return new Entry(entry.getSize(), entry.getCrc());
                }
            }
            return new Entry(-1, -1);
        }
    }

    private static Path onDisk(URL resource, Entry entry, Path folder, ClasspathBundle bundle) throws IOException {
        if ("file".equals(resource.getProtocol())) {
            try {
                return Path.of(resource.toURI());
            } catch (URISyntaxException e) {
                throw new IOException("Bad resource URL " + resource, e);
            }
        }
        long size = entry.size();
        String name = resource.getPath().substring(resource.getPath().lastIndexOf('/') + 1);
        Path target = folder.resolve(name);
        if (Files.isRegularFile(target) && (size < 0 || Files.size(target) == size)) {
            return target;
        }
        Files.createDirectories(target.getParent());
        // Write beside the target, then move atomically: a reader never sees a half-written file, and two
        // JVMs extracting at once both end with the same complete file.
        Path temp = Files.createTempFile(target.getParent(), name, ".part");
        try {
            URLConnection connection = resource.openConnection();
            connection.setUseCaches(false);
            try (InputStream in = connection.getInputStream()) {
                long copied = Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
                if (size >= 0 && copied != size) {
                    throw new IOException("Extracted " + copied + " bytes of " + name + ", expected " + size);
                }
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            LOG.info("Extracted {} from {} into {}", name, bundle.coordinates(), target.getParent());
            return target;
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
