package dev.weft.process.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * This JVM's private directory for Unix-domain sockets: mode 0700, so only this user can even
 * reach a socket inside it, made on first use and removed at JVM exit. Not API.
 *
 * <p>It lives under {@code java.io.tmpdir} unless that path is too long for a socket address
 * (about 100 bytes on Linux), then under {@code /tmp}.
 */
public final class PrivateDirectory {
    private static final int MAX_SOCKET_PATH = 100;

    private PrivateDirectory() {}

    /** The directory, made (once) on the first call. */
    public static Path get() {
        return Holder.DIR;
    }

    /** A path for a socket named {@code name} inside the directory. */
    public static Path socket(String name) {
        Path p = Holder.DIR.resolve(name);
        if (p.toString().length() > MAX_SOCKET_PATH) {
            throw new IllegalStateException("socket path too long for a Unix-domain address: " + p);
        }
        return p;
    }

    private static final class Holder {
        static final Path DIR = create();
    }

    private static Path create() {
        String name = "weft-" + ProcessHandle.current().pid() + "-"
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        Path base = Path.of(System.getProperty("java.io.tmpdir", "/tmp"));
        if (base.toAbsolutePath().toString().length() + name.length() + 24 > MAX_SOCKET_PATH) {
            base = Path.of("/tmp");
        }
        try {
            Path dir = Files.createDirectory(base.resolve(name),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(() -> delete(dir)));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a private directory for sockets under " + base, e);
        }
    }

    private static void delete(Path dir) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                Files.deleteIfExists(p);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // best effort at exit: a leftover empty directory in tmp is harmless
        }
    }
}
