package dev.fastembed.hub;

import dev.fastembed.model.ClasspathBundle;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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
final class ClasspathBundles {

    private static final Logger LOG = LoggerFactory.getLogger(ClasspathBundles.class);

    private ClasspathBundles() {
    }

    static ClassLoader classLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : ClasspathBundles.class.getClassLoader();
    }

    static boolean isPresent(ClasspathBundle bundle) {
        ClassLoader loader = classLoader();
        return loader.getResource(bundle.modelResource()) != null
                && loader.getResource(bundle.tokenizerResource()) != null;
    }

    /** The bundle's files on disk, extracting them under {@code cacheDir/bundles} when they sit in a jar. */
    static Optional<ModelFiles> materialize(ClasspathBundle bundle, Path cacheDir) {
        ClassLoader loader = classLoader();
        URL model = loader.getResource(bundle.modelResource());
        URL tokenizer = loader.getResource(bundle.tokenizerResource());
        if (model == null || tokenizer == null) {
            return Optional.empty();
        }
        try {
            Path modelFile = onDisk(model, bundle, cacheDir);
            Path tokenizerFile = onDisk(tokenizer, bundle, cacheDir);
            return Optional.of(new ModelFiles(modelFile, tokenizerFile, null, null, null,
                    "classpath bundle " + bundle.coordinates()));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not extract " + bundle.modelResource() + " from "
                    + bundle.coordinates() + " into " + cacheDir.resolve("bundles")
                    + ": check that the cache directory is writable, or set cacheDir(...)", e);
        }
    }

    private static Path onDisk(URL resource, ClasspathBundle bundle, Path cacheDir) throws IOException {
        if ("file".equals(resource.getProtocol())) {
            try {
                return Path.of(resource.toURI());
            } catch (URISyntaxException e) {
                throw new IOException("Bad resource URL " + resource, e);
            }
        }
        URLConnection connection = resource.openConnection();
        connection.setUseCaches(false);
        long size = -1;
        String version = "";
        if (connection instanceof JarURLConnection jar) {
            JarEntry entry = jar.getJarEntry();
            size = entry.getSize();
            version = Long.toHexString(entry.getCrc());
        }
        String name = resource.getPath().substring(resource.getPath().lastIndexOf('/') + 1);
        String folder = bundle.coordinates().replace(':', '_').toLowerCase(Locale.ROOT)
                + (version.isEmpty() ? "" : "-" + version);
        Path target = cacheDir.resolve("bundles").resolve(folder).resolve(name);
        if (Files.isRegularFile(target) && (size < 0 || Files.size(target) == size)) {
            return target;
        }
        Files.createDirectories(target.getParent());
        // Write beside the target, then move atomically: a reader never sees a half-written file, and two
        // JVMs extracting at once both end with the same complete file.
        Path temp = Files.createTempFile(target.getParent(), name, ".part");
        try {
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
