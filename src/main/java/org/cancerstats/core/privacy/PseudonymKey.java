package org.cancerstats.core.privacy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * Where the pseudonymisation key comes from. Never from the configuration file or the command line's
 * value, so that it cannot end up in a config dump, a shell history or a log:
 * <ol>
 *   <li>a key file named by {@code --key-file} or by the environment variable {@value #FILE_ENV};</li>
 *   <li>the environment variable {@value #VALUE_ENV} holding the key itself;</li>
 *   <li>only in development mode ({@code --dev}, for the bundled synthetic sample), a fixed public key,
 *       announced on every run. Pseudonyms made with it protect nothing.</li>
 * </ol>
 * The key is the file's or variable's bytes (UTF-8 for the variable), trailing line breaks removed, at least
 * {@value Pseudonymiser#MIN_KEY_BYTES} bytes.
 */
public final class PseudonymKey {

    public static final String VALUE_ENV = "CANCERSTATS_PSEUDONYM_KEY";
    public static final String FILE_ENV = "CANCERSTATS_PSEUDONYM_KEY_FILE";

    private static final byte[] DEVELOPMENT_KEY =
            "cancerstats development key: synthetic data only".getBytes(StandardCharsets.UTF_8);

    private final byte[] key;
    private final String source;

    private PseudonymKey(byte[] key, String source) {
        this.key = key;
        this.source = source;
    }

    /**
     * Finds the key.
     *
     * @param keyFile     a key file given on the command line, or null
     * @param environment the process environment
     * @param development whether the development key may be used when no key is configured
     * @throws IllegalStateException when no key is configured outside development mode
     */
    public static PseudonymKey resolve(Path keyFile, Map<String, String> environment, boolean development) {
        Path file = keyFile != null ? keyFile
                : environment.get(FILE_ENV) != null ? Path.of(environment.get(FILE_ENV)) : null;
        if (file != null) {
            try {
                return checked(stripLineBreaks(Files.readAllBytes(file)), "key file " + file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the pseudonymisation key file " + file, e);
            }
        }
        String value = environment.get(VALUE_ENV);
        if (value != null && !value.isEmpty()) {
            return checked(stripLineBreaks(value.getBytes(StandardCharsets.UTF_8)), "environment variable " + VALUE_ENV);
        }
        if (development) {
            return new PseudonymKey(DEVELOPMENT_KEY.clone(), "the built-in DEVELOPMENT key (synthetic data only)");
        }
        throw new IllegalStateException("no pseudonymisation key: set " + VALUE_ENV + " or " + FILE_ENV
                + ", or pass --key-file; only the synthetic sample may run with --dev");
    }

    private static PseudonymKey checked(byte[] key, String source) {
        Pseudonymiser.withKey(key); // validates the length, message without the key
        return new PseudonymKey(key, source);
    }

    private static byte[] stripLineBreaks(byte[] bytes) {
        int end = bytes.length;
        while (end > 0 && (bytes[end - 1] == '\n' || bytes[end - 1] == '\r')) {
            end--;
        }
        return Arrays.copyOf(bytes, end);
    }

    /** The key bytes, to hand to executors inside a closure; never print them. */
    public byte[] bytes() {
        return key.clone();
    }

    /** Where the key came from, safe to log. */
    public String source() {
        return source;
    }

    public boolean development() {
        return source.contains("DEVELOPMENT");
    }

    @Override
    public String toString() {
        return "PseudonymKey[" + source + "]";
    }
}
