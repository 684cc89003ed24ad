package dev.fastembed.hub.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The hashes the hub reports for a file: sha256 for LFS content, the git blob sha1 for small files. */
final class Digests {

    private Digests() {
    }

    static String sha256(Path file) throws IOException {
        return hex(file, digest("SHA-256"), null);
    }

    /** {@code sha1("blob <size>\0" + content)}: what git (and the hub's {@code oid}) names a small file by. */
    static String gitBlobSha1(Path file) throws IOException {
        return hex(file, digest("SHA-1"), ("blob " + Files.size(file) + "\0").getBytes(StandardCharsets.US_ASCII));
    }

    /** Whether the file has the content the hub listed. */
    static boolean matches(Path file, HubFile expected) throws IOException {
        String actual = expected.lfs() ? sha256(file) : gitBlobSha1(file);
        return actual.equalsIgnoreCase(expected.blobName());
    }

    private static String hex(Path file, MessageDigest digest, byte[] header) throws IOException {
        if (header != null) {
            digest.update(header);
        }
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is part of every Java runtime", e);
        }
    }
}
