package dev.weft.examples.effective;

import static dev.weft.examples.ExampleConsole.linesOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.weft.examples.ExampleConsole;
import dev.weft.examples.effective.EncryptWithEnvPassword.Encryptor;
import dev.weft.examples.effective.EncryptWithEnvPassword.OpensslCompatible;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The timing listings: the results and the lines are checked, never the speed. The subprocess
 * listings: the children's real output (decrypted, hashed) and exit statuses. */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class EffectiveExamplesTest {

    private static final String TOOK = "Took \\d+\\.\\d{3} seconds";

    /** The factors of the book's numbers, 2139079, 218502, 589213 and 789123. */
    private static final List<List<Integer>> FACTORS = List.of(
            List.of(1, 101, 21179, 2139079),
            List.of(1, 2, 3, 6, 9, 18, 61, 122, 183, 199, 366, 398, 549, 597, 1098, 1194, 1791, 3582,
                    12139, 24278, 36417, 72834, 109251, 218502),
            List.of(1, 589213),
            List.of(1, 3, 17, 51, 15473, 46419, 263041, 789123));

    @Test
    void item37_factorizeSerialVsThreads() throws Exception {
        var console = new ExampleConsole();
        FactorizeSerialVsThreads.Factors factors = FactorizeSerialVsThreads.run(console.out());
        assertThat(factors.serial()).isEqualTo(FACTORS);
        assertThat(factors.threads()).isEqualTo(FACTORS);
        assertThat(console.lines()).hasSize(2).allMatch(l -> l.matches(TOOK));
    }

    @Test
    void item37_slowSystemCallThreads() throws Exception {
        assertThat(linesOf(SlowSystemCallThreads::run)).hasSize(2).allMatch(l -> l.matches(TOOK));
    }

    @Test
    void item37_slowSystemCallsOnLoop() throws Exception {
        assertThat(linesOf(SlowSystemCallsOnLoop::run)).singleElement().matches(l -> l.matches(TOOK));
    }

    @Test
    void item38_counterDataRace() throws Exception {
        List<String> lines = linesOf(CounterDataRace::run);
        assertThat(lines).hasSize(2);
        // Without the lock the count may be anything up to 500000 (even right, by chance).
        assertThat(lines.get(0)).matches("Counter should be 500000, found \\d+, time: \\d+\\.\\d{3}");
        // With it, it is exact.
        assertThat(lines.get(1)).matches("Locking Counter should be 500000, found 500000, time: \\d+\\.\\d{3}");
    }

    @Test
    void item36_echoAndPoll() throws Exception {
        var console = new ExampleConsole();
        assertThat(EchoAndPoll.run(console.out())).isZero();
        assertThat(console.lines()).containsExactly(
                "Hello from the child", "starting", "started", "communicated", "Exit status 0");
    }

    @Test
    void item36_parallelSleeps() throws Exception {
        var console = new ExampleConsole();
        assertThat(ParallelSleeps.run(console.out())).hasSize(10).containsOnly(0);
        assertThat(console.lines()).singleElement().asString().matches("Finished in \\d+\\.\\d{3} seconds");
    }

    /** The JVM fallback runs everywhere; openssl only where it is installed. */
    private static void assumeAvailable(Encryptor encryptor) throws InterruptedException {
        assumeTrue(encryptor == Encryptor.JVM || Encryptor.detect() == Encryptor.OPENSSL,
                "openssl (with -pbkdf2) is not installed here");
    }

    @ParameterizedTest
    @EnumSource(Encryptor.class)
    void item36_encryptWithEnvPassword(Encryptor encryptor) throws Exception {
        assumeAvailable(encryptor);
        var console = new ExampleConsole();
        List<EncryptWithEnvPassword.Encrypted> results = EncryptWithEnvPassword.run(console.out(), encryptor);
        assertThat(results).hasSize(3);
        List<String> lines = console.lines();
        assertThat(lines).hasSize(4);
        assertThat(lines.getFirst()).isEqualTo("encrypting with: " + encryptor.describe());
        for (int i = 0; i < 3; i++) {
            byte[] output = results.get(i).output();
            // The password reached the child through the environment: the output decrypts to the data.
            assertThat(decrypt(output)).isEqualTo(results.get(i).data());
            assertThat(lines.get(i + 1)).isEqualTo(HexFormat.of().formatHex(output, output.length - 10, output.length));
        }
    }

    @Test
    void item36_theFallbackIsWhatOpensslWrites() throws Exception {
        byte[] data = "weft".getBytes(StandardCharsets.US_ASCII);
        byte[] salt = HexFormat.of().parseHex("0102030405060708");
        byte[] out = OpensslCompatible.encrypt(EncryptWithEnvPassword.PASSWORD, salt, data);
        assertThat(Arrays.copyOfRange(out, 8, 16)).isEqualTo(salt);
        assertThat(decrypt(out)).isEqualTo(data);
        // PBKDF2-HMAC-SHA256, RFC 7914 section 11's vector: P="passwd", S="salt", c=1, dkLen=64.
        assertThat(HexFormat.of().formatHex(OpensslCompatible.pbkdf2HmacSha256(
                "passwd".getBytes(StandardCharsets.US_ASCII), "salt".getBytes(StandardCharsets.US_ASCII), 1, 64)))
                .isEqualTo("55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc"
                        + "49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783");
    }

    @ParameterizedTest
    @EnumSource(Encryptor.class)
    void item36_encryptAndHash(Encryptor encryptor) throws Exception {
        assumeAvailable(encryptor);
        List<byte[]> inputs = IntStream.rangeClosed(1, 3)
                .mapToObj(i -> ("data " + i).getBytes(StandardCharsets.US_ASCII)).toList();
        // Without a salt, each hash is a function of the data: what openssl (or the fallback) writes for it.
        List<String> expected = inputs.stream().map(EffectiveExamplesTest::sha256OfUnsaltedCiphertext).toList();
        var console = new ExampleConsole();
        List<String> hashes = EncryptAndHash.run(console.out(), encryptor, inputs, false);
        assertThat(hashes).containsExactly(expected.get(0), expected.get(1), expected.get(2), expected.get(0));
        assertThat(console.lines()).containsExactly(
                "encrypting with: " + encryptor.describe(),
                expected.get(0), expected.get(1), expected.get(2),
                "Pipeline.run: " + expected.get(0) + ", returncodes [0, 0]");
    }

    @Test
    void item36_encryptAndHashWithSalts() throws Exception {
        // The example as it runs: random data and salts, so four different hashes.
        var console = new ExampleConsole();
        List<String> hashes = EncryptAndHash.run(console.out());
        assertThat(hashes).hasSize(4).allMatch(h -> h.matches("[0-9a-f]{64}")).doesNotHaveDuplicates();
        assertThat(console.lines()).hasSize(5);
        assertThat(console.lines().getLast()).isEqualTo("Pipeline.run: " + hashes.get(3) + ", returncodes [0, 0]");
    }

    @Test
    void item36_timeoutThenTerminate() throws Exception {
        var console = new ExampleConsole();
        assertThat(TimeoutThenTerminate.run(console.out())).isEqualTo(-15);
        assertThat(console.lines()).containsExactly(
                "command [sleep, 10] timed out after 100 ms",
                "Exit status -15");
    }

    /** Decrypts what {@code openssl enc -aes-256-cbc -pbkdf2} wrote, with the JDK's own PBKDF2. */
    private static byte[] decrypt(byte[] output) throws Exception {
        assertThat(new String(output, 0, 8, StandardCharsets.US_ASCII)).isEqualTo("Salted__");
        byte[] salt = Arrays.copyOfRange(output, 8, 16);
        byte[] keyAndIv = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                .generateSecret(new PBEKeySpec(EncryptWithEnvPassword.PASSWORD.toCharArray(), salt, 10_000, 48 * 8))
                .getEncoded();
        Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
        cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(keyAndIv, 0, 32, "AES"), new IvParameterSpec(keyAndIv, 32, 16));
        return cipher.doFinal(output, 16, output.length - 16);
    }

    private static String sha256OfUnsaltedCiphertext(byte[] data) {
        try {
            byte[] ciphertext = OpensslCompatible.encrypt(EncryptWithEnvPassword.PASSWORD, new byte[0], data);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(ciphertext));
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }
}
