package org.cancerstats.core.privacy;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.UnaryOperator;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Replaces a person id by its keyed hash: lower-case hex of HMAC-SHA256(key, UTF-8 bytes of the trimmed id)
 * (RFC 2104, FIPS 198-1). The same id and key always give the same pseudonym, so extracts still join on it;
 * without the key the id cannot be recovered or confirmed by hashing guesses.
 *
 * <p>Not thread-safe ({@link Mac} is not): make one per thread or partition.
 */
public final class Pseudonymiser implements UnaryOperator<String> {

    /** Shortest key accepted: 32 bytes, the output size of SHA-256 (RFC 2104 section 3). */
    public static final int MIN_KEY_BYTES = 32;

    private final Mac mac;

    private Pseudonymiser(byte[] key) {
        try {
            mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable in this JVM", e);
        }
    }

    /**
     * @param key secret key bytes, at least {@value #MIN_KEY_BYTES}
     * @throws IllegalArgumentException if the key is shorter (the message gives the length, never the key)
     */
    public static Pseudonymiser withKey(byte[] key) {
        if (key == null || key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("pseudonymisation key must be at least " + MIN_KEY_BYTES
                    + " bytes; got " + (key == null ? "none" : key.length + " bytes"));
        }
        return new Pseudonymiser(key.clone());
    }

    @Override
    public String apply(String personId) {
        byte[] digest = mac.doFinal(personId.trim().getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest);
    }
}
