package dev.weft.examples.effective;

import dev.weft.subprocess.LaunchException;
import dev.weft.subprocess.Options;
import dev.weft.subprocess.Popen;
import dev.weft.subprocess.Redirect;
import dev.weft.subprocess.Subprocess;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Effective Python, Item 36 "Use subprocess to Manage Child Processes", third listing, first
 * half: {@code run_openssl(data)} starts an encryption child with the password in its
 * environment and writes the data to its stdin; three of them run at once, and the last 10 bytes
 * of each one's output are printed.
 *
 * <p>{@code env = os.environ.copy(); env['password'] = ...} becomes
 * {@code Options.defaults().putEnv("password", PASSWORD)}: the parent's environment plus one
 * variable. The password goes through the environment rather than the command line, where any
 * user could read it in {@code ps}. {@code stdin=PIPE, stdout=PIPE} become
 * {@code .stdin(Redirect.PIPE).stdout(Redirect.PIPE)}; {@code proc.stdin.write(data)} and
 * {@code flush()} are {@link Popen#stdin()}'s {@link OutputStream}, and the later
 * {@code communicate()} closes stdin (the child sees end-of-file) and reads the output.
 *
 * <p>The book runs {@code openssl enc -des3}; Triple DES is obsolete, and OpenSSL 3 warns that its
 * key derivation is deprecated, so the port runs {@code openssl enc -aes-256-cbc -pbkdf2 -pass
 * env:password}. Where {@code openssl} is not installed (or is too old to know {@code -pbkdf2}),
 * {@link Encryptor#detect()} falls back to a tool every machine that runs this example has: the
 * JVM. The child is then {@code java} running {@link OpensslCompatible}, which reads the password
 * from the same environment variable and writes what {@code openssl} would (the same key
 * derivation, cipher and {@code Salted__} header). The first line says which one ran.
 *
 * <p>The book's password is ten arbitrary bytes; an environment value is text in Java, so the port
 * uses their hex digits. The book prints each tail as a {@code bytes} repr; the port prints hex.
 * {@code run} returns each input with its encrypted output, so that they can be checked.
 *
 * <p>Output (the data and the salt are random, so the bytes vary):
 * <pre>{@code
 * encrypting with: openssl enc -aes-256-cbc -pbkdf2 -pass env:password
 * 4b0e9d3c5a7f21e6b8d0
 * e7a1c02f9b36d45e8a17
 * 0c5d3e91f2a68b47d3e2
 * }</pre>
 */
public final class EncryptWithEnvPassword {
    private EncryptWithEnvPassword() {}

    /** The book's {@code b'\xe24U\n\xd0Ql3S\x11'}, as the hex digits of its ten bytes. */
    static final String PASSWORD = "e234550ad0516c335311";

    /** The environment variable the password travels in, as in the book. */
    static final String PASSWORD_VARIABLE = "password";

    /** How many bytes of random data each child encrypts, as in the book. */
    static final int DATA_BYTES = 10;

    /** One input and what the child wrote for it. */
    public record Encrypted(byte[] data, byte[] output) {}

    /** Which program encrypts: {@code openssl} if it can, else the JVM. */
    public enum Encryptor {
        /** {@code openssl enc -aes-256-cbc -pbkdf2}, with the password from the environment. */
        OPENSSL,
        /** {@code java} running {@link OpensslCompatible}, with the password from the environment. */
        JVM;

        /**
         * {@link #OPENSSL} when {@code openssl} is installed and knows {@code -pbkdf2}, else
         * {@link #JVM}. Encrypting nothing with a throw-away password tells both at once.
         */
        public static Encryptor detect() throws InterruptedException {
            try {
                int status = Subprocess.call(
                        List.of("openssl", "enc", "-aes-256-cbc", "-pbkdf2", "-pass", "pass:probe"),
                        Options.defaults().input(new byte[0]).stdout(Redirect.DEVNULL).stderr(Redirect.DEVNULL));
                return status == 0 ? OPENSSL : JVM;
            } catch (LaunchException notInstalled) {
                return JVM;
            }
        }

        /**
         * The command that encrypts stdin to stdout with the password from the environment.
         * {@code salted} is false only for tests: without a salt the output depends on the data
         * alone, so it can be predicted.
         */
        public List<String> command(boolean salted) {
            List<String> command = new ArrayList<>(switch (this) {
                case OPENSSL -> List.of("openssl", "enc", "-aes-256-cbc", "-pbkdf2", "-pass", "env:" + PASSWORD_VARIABLE);
                case JVM -> List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp", classPathOf(OpensslCompatible.class), OpensslCompatible.class.getName());
            });
            if (!salted) {
                command.add("-nosalt");
            }
            return command;
        }

        /** The command as the first line of output shows it. */
        String describe() {
            return this == OPENSSL ? String.join(" ", command(true))
                    : "java " + OpensslCompatible.class.getName() + " (openssl is not installed here)";
        }
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        run(System.out);
    }

    /** Runs the listing with {@link Encryptor#detect()}'s encryptor, printing to {@code out}. */
    public static List<Encrypted> run(PrintStream out) throws IOException, InterruptedException {
        return run(out, Encryptor.detect());
    }

    /** Runs the listing with {@code encryptor}, printing to {@code out}. */
    static List<Encrypted> run(PrintStream out, Encryptor encryptor) throws IOException, InterruptedException {
        out.println("encrypting with: " + encryptor.describe());
        SecureRandom random = new SecureRandom();
        List<byte[]> inputs = new ArrayList<>();
        List<Popen<byte[]>> procs = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                byte[] data = new byte[DATA_BYTES];
                random.nextBytes(data); // os.urandom(10)
                inputs.add(data);
                procs.add(runEncryptor(encryptor, data, true));
            }
            List<Encrypted> results = new ArrayList<>();
            for (int i = 0; i < procs.size(); i++) {
                byte[] output = procs.get(i).communicate().stdout();
                out.println(HexFormat.of().formatHex(output, Math.max(0, output.length - 10), output.length));
                results.add(new Encrypted(inputs.get(i), output));
            }
            return results;
        } finally {
            procs.forEach(Popen::close);
        }
    }

    /**
     * The book's {@code run_openssl(data)}: starts the encryptor with the password in its
     * environment and both its stdin and stdout pipes, and writes {@code data} to its stdin
     * without closing it, so that it keeps running until {@code communicate()} closes it.
     */
    static Popen<byte[]> runEncryptor(Encryptor encryptor, byte[] data, boolean salted) throws IOException {
        Popen<byte[]> proc = new Popen<>(encryptor.command(salted), Options.defaults()
                .putEnv(PASSWORD_VARIABLE, PASSWORD)
                .stdin(Redirect.PIPE)
                .stdout(Redirect.PIPE));
        try {
            proc.stdin().write(data);
            proc.stdin().flush();
        } catch (IOException e) {
            // The child is gone already (the write broke its pipe): leave nothing behind.
            proc.kill();
            proc.close();
            throw e;
        }
        return proc;
    }

    /** The directory or jar that holds {@code c}, for the child JVM's class path. */
    static String classPathOf(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot find the class path of " + c, e);
        }
    }

    /**
     * The fallback encryptor, run as a child JVM: what {@code openssl enc -aes-256-cbc -pbkdf2
     * -pass env:password [-nosalt]} does, with the JDK's cryptography. It reads the password from
     * the environment variable {@code password} and all of stdin, and writes {@code Salted__}, an
     * 8-byte random salt and the AES-256-CBC ciphertext (PKCS#7 padding) to stdout, the key and IV
     * coming from PBKDF2 with HMAC-SHA-256 and 10,000 iterations, as OpenSSL's defaults are. With
     * {@code -nosalt} it writes the ciphertext alone, from an empty salt.
     */
    public static final class OpensslCompatible {
        private OpensslCompatible() {}

        /** OpenSSL's default PBKDF2 iteration count for {@code enc -pbkdf2}. */
        static final int ITERATIONS = 10_000;

        private static final byte[] MAGIC = "Salted__".getBytes(StandardCharsets.US_ASCII);

        public static void main(String[] args) throws IOException, GeneralSecurityException {
            String password = System.getenv(PASSWORD_VARIABLE);
            if (password == null || password.isEmpty()) {
                System.err.println("no password in the environment variable " + PASSWORD_VARIABLE);
                System.exit(1);
            }
            boolean salted = !Arrays.asList(args).contains("-nosalt");
            byte[] salt = new byte[salted ? 8 : 0];
            new SecureRandom().nextBytes(salt);
            System.out.write(encrypt(password, salt, System.in.readAllBytes()));
            System.out.flush();
        }

        /** What {@code openssl enc -aes-256-cbc -pbkdf2} writes for {@code data}; no header for an empty salt. */
        public static byte[] encrypt(String password, byte[] salt, byte[] data) throws GeneralSecurityException {
            byte[] keyAndIv = pbkdf2HmacSha256(password.getBytes(StandardCharsets.UTF_8), salt, ITERATIONS, 32 + 16);
            Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(keyAndIv, 0, 32, "AES"), new IvParameterSpec(keyAndIv, 32, 16));
            byte[] ciphertext = cipher.doFinal(data);
            if (salt.length == 0) {
                return ciphertext;
            }
            return ByteBuffer.allocate(MAGIC.length + salt.length + ciphertext.length)
                    .put(MAGIC).put(salt).put(ciphertext).array();
        }

        /**
         * PBKDF2 (RFC 8018) with HMAC-SHA-256, written out because the JDK's
         * {@code PBKDF2WithHmacSHA256} refuses the empty salt of {@code -nosalt}.
         */
        static byte[] pbkdf2HmacSha256(byte[] password, byte[] salt, int iterations, int length)
                throws GeneralSecurityException {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(password, "HmacSHA256"));
            byte[] derived = new byte[length];
            for (int block = 1, at = 0; at < length; block++) {
                mac.update(salt);
                byte[] u = mac.doFinal(ByteBuffer.allocate(4).putInt(block).array());
                byte[] t = u.clone();
                for (int i = 1; i < iterations; i++) {
                    u = mac.doFinal(u);
                    for (int j = 0; j < t.length; j++) {
                        t[j] ^= u[j];
                    }
                }
                int n = Math.min(t.length, length - at);
                System.arraycopy(t, 0, derived, at, n);
                at += n;
            }
            return derived;
        }
    }
}
