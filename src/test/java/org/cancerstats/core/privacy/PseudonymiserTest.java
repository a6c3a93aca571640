package org.cancerstats.core.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PseudonymiserTest {

    /** RFC 4231 section 4.7, test case 6: a 131-byte key of 0xaa. */
    @Test
    void matchesRfc4231TestCase6() {
        byte[] key = new byte[131];
        Arrays.fill(key, (byte) 0xaa);
        assertThat(Pseudonymiser.withKey(key).apply("Test Using Larger Than Block-Size Key - Hash Key First"))
                .isEqualTo("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
    }

    @Test
    void sameIdSameKeyGivesSamePseudonymAndTrimsTheId() {
        Pseudonymiser p = Pseudonymiser.withKey(new byte[32]);
        assertThat(p.apply(" 0101701234 ")).isEqualTo(p.apply("0101701234")).hasSize(64).doesNotContain("0101701234");
        assertThat(Pseudonymiser.withKey(key('x')).apply("0101701234")).isNotEqualTo(p.apply("0101701234"));
    }

    @Test
    void refusesShortKeysWithoutPrintingThem() {
        assertThatThrownBy(() -> Pseudonymiser.withKey("short-secret".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("12 bytes").hasMessageNotContaining("short-secret");
    }

    @Test
    void keyComesFromFileThenEnvironmentAndDevelopmentOnlyWhenAllowed(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("key");
        Files.write(file, (new String(key('f'), StandardCharsets.UTF_8) + "\n").getBytes(StandardCharsets.UTF_8));
        Map<String, String> env = Map.of(PseudonymKey.VALUE_ENV, new String(key('e'), StandardCharsets.UTF_8));

        assertThat(PseudonymKey.resolve(file, env, false).bytes()).isEqualTo(key('f'));
        assertThat(PseudonymKey.resolve(null, env, false).bytes()).isEqualTo(key('e'));
        assertThat(PseudonymKey.resolve(null, Map.of(), true).development()).isTrue();
        assertThatThrownBy(() -> PseudonymKey.resolve(null, Map.of(), false))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(PseudonymKey.VALUE_ENV);
        assertThat(PseudonymKey.resolve(null, env, false).toString()).doesNotContain(new String(key('e'), StandardCharsets.UTF_8));
    }

    private static byte[] key(char c) {
        byte[] key = new byte[40];
        Arrays.fill(key, (byte) c);
        return key;
    }
}
