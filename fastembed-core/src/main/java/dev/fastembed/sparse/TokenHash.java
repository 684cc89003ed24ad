package dev.fastembed.sparse;

import org.apache.commons.codec.digest.MurmurHash3;

import java.nio.charset.StandardCharsets;

/** fastembed's token ids: {@code abs(mmh3.hash(token))}, MurmurHash3 x86_32, seed 0, over UTF-8. */
public final class TokenHash {

    private TokenHash() {
    }

    /** A value in {@code [0, 2^31]}: {@code abs(-2^31)} is 2^31, which no {@code int} holds, so it is a long. */
    public static long id(String token) {
        byte[] bytes = token.getBytes(StandardCharsets.UTF_8);
        return Math.abs((long) MurmurHash3.hash32x86(bytes, 0, bytes.length, 0));
    }
}
