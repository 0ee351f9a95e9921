package dev.weft.examples.effective;

import dev.weft.examples.effective.EncryptWithEnvPassword.Encryptor;
import dev.weft.subprocess.CompletedPipeline;
import dev.weft.subprocess.Options;
import dev.weft.subprocess.Pipeline;
import dev.weft.subprocess.Popen;
import dev.weft.subprocess.Redirect;
import java.io.IOException;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * Effective Python, Item 36 "Use subprocess to Manage Child Processes", third listing, second
 * half: three two-stage pipelines, each an encryption child (the book's {@code run_openssl}, as
 * in {@link EncryptWithEnvPassword}) whose stdout feeds a hash child, all six running at once;
 * the three hashes are printed. Then the same two stages as one call of {@link Pipeline#run}.
 *
 * <p>{@code subprocess.Popen(['md5'], stdin=proc.stdout, stdout=PIPE)} becomes
 * {@code new Popen<>(List.of("sha256sum"), Options.defaults().stdin(Redirect.stdoutOf(proc))
 * .stdout(Redirect.PIPE))}. The encryption child's stdout then belongs to the hash child: with
 * Weft's {@code posix_spawn} launcher the operating system joins the two and no byte passes
 * through the JVM, and the parent keeps no copy of the pipe's end (the copy that Python's
 * documentation asks you to close by hand so that the writer gets {@code SIGPIPE} if the reader
 * exits). The book's {@code md5} exists on macOS only; {@code sha256sum} is GNU coreutils', and it
 * prints the hash then {@code "  -"}, of which the port prints the hash, as the book does with
 * {@code out.strip()}.
 *
 * <p>{@link Pipeline#run} does in one call what the loop does by hand: it starts both stages
 * joined, writes {@code input} to the first, reads the last one's stdout, waits for both and
 * returns their returncodes (the shell's {@code PIPESTATUS}). Its options apply as a shell applies
 * redirections to a pipeline: the input to the first stage, stdout to the last, the environment to
 * both. It runs on the first of the three inputs; since every encryption draws a new random salt,
 * its hash differs from the first one printed.
 *
 * <p>Output (the data and the salts are random, so the hashes vary):
 * <pre>{@code
 * encrypting with: openssl enc -aes-256-cbc -pbkdf2 -pass env:password
 * 9f2c6b1e0d4a8f73c5e2b9a01d6f4e8c3b7a2d5e9f0c1b4a6d8e2f3c5b7a9d0e
 * 1d7e4c9a2b5f8e3d6c0a9b4e7f2d5c8a1e6b3f9d0c4a7e2b5d8f1c6a9e3b7d4f
 * 6a3f9c2e5b8d1f4a7c0e3b6d9f2a5c8e1b4d7f0a3c6e9b2d5f8a1c4e7b0d3f6a
 * Pipeline.run: 0e5b8d2f7a4c9e1b6d3f8a5c2e7b4d9f1a6c3e8b5d2f7a4c9e1b6d3f8a5c2e, returncodes [0, 0]
 * }</pre>
 */
public final class EncryptAndHash {
    private EncryptAndHash() {}

    /** The hash stage: the book's {@code md5}, as Linux has it (with SHA-256). */
    static final List<String> HASH_COMMAND = List.of("sha256sum");

    public static void main(String[] args) throws IOException, InterruptedException {
        run(System.out);
    }

    /**
     * Runs the listing on three random inputs of ten bytes, with
     * {@link Encryptor#detect()}'s encryptor, printing to {@code out}; returns the four hashes.
     */
    public static List<String> run(PrintStream out) throws IOException, InterruptedException {
        SecureRandom random = new SecureRandom();
        List<byte[]> inputs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            byte[] data = new byte[EncryptWithEnvPassword.DATA_BYTES];
            random.nextBytes(data); // os.urandom(10)
            inputs.add(data);
        }
        return run(out, Encryptor.detect(), inputs, true);
    }

    /**
     * Runs the listing on {@code inputs} with {@code encryptor}; {@code salted} false (for tests)
     * makes each hash depend on its input alone. Returns the hashes, the {@link Pipeline#run}
     * one last.
     */
    static List<String> run(PrintStream out, Encryptor encryptor, List<byte[]> inputs, boolean salted)
            throws IOException, InterruptedException {
        out.println("encrypting with: " + encryptor.describe());
        List<String> hashes = new ArrayList<>();
        List<Popen<byte[]>> inputProcs = new ArrayList<>();
        List<Popen<String>> hashProcs = new ArrayList<>();
        try {
            for (byte[] data : inputs) {
                Popen<byte[]> proc = EncryptWithEnvPassword.runEncryptor(encryptor, data, salted);
                inputProcs.add(proc);
                hashProcs.add(runHash(proc));
            }
            for (Popen<byte[]> proc : inputProcs) {
                proc.communicate(); // closes its stdin, so it finishes; its output goes to the hash
            }
            for (Popen<String> proc : hashProcs) {
                String hash = hashOf(proc.communicate().stdout());
                out.println(hash);
                hashes.add(hash);
            }
        } finally {
            inputProcs.forEach(Popen::close);
            hashProcs.forEach(Popen::close);
        }

        CompletedPipeline<String> pipeline = Pipeline.run(
                List.of(encryptor.command(salted), HASH_COMMAND),
                Options.defaults()
                        .putEnv(EncryptWithEnvPassword.PASSWORD_VARIABLE, EncryptWithEnvPassword.PASSWORD)
                        .input(inputs.getFirst())
                        .stdout(Redirect.PIPE)
                        .text());
        String hash = hashOf(pipeline.stdout());
        out.println("Pipeline.run: " + hash + ", returncodes " + pipeline.returncodes());
        hashes.add(hash);
        return hashes;
    }

    /** The book's {@code run_md5(input_stdin)}: a hash child reading {@code upstream}'s stdout. */
    static Popen<String> runHash(Popen<?> upstream) {
        return new Popen<>(HASH_COMMAND,
                Options.defaults().stdin(Redirect.stdoutOf(upstream)).stdout(Redirect.PIPE).text());
    }

    /** The hash in {@code sha256sum}'s line {@code "<hash>  -"}. */
    static String hashOf(String sha256sumOutput) {
        return sha256sumOutput.strip().split("\\s+")[0];
    }
}
