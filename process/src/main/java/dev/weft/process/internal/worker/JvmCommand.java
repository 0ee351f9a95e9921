package dev.weft.process.internal.worker;

import dev.weft.process.ChildJvm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The command line of a worker JVM, and its class-data-sharing archive. Not API.
 *
 * <p>The archive (a dynamic CDS archive of the classes a worker loads) is kept per JDK, class path
 * and options in {@code java.io.tmpdir/weft-cds-USER/}. Only one worker makes it: the first one
 * that finds no archive and wins the race to create a lock file starts with
 * {@code -XX:ArchiveClassesAtExit} on a temporary name; when it exits cleanly, the parent moves the
 * file into place in one atomic rename, so no JVM ever maps a half-written archive. Later workers
 * start with {@code -XX:SharedArchiveFile}. A JVM that finds the archive unusable (a changed jar,
 * say) runs without it, silently.
 */
final class JvmCommand {
    private static final Path CACHE = Path.of(System.getProperty("java.io.tmpdir", "/tmp"),
            "weft-cds-" + System.getProperty("user.name", "user"));

    /** The command line, and the archive file to move into place after a clean exit (or null). */
    record Line(List<String> args, Path archiveToPublish, Path archive) {}

    private JvmCommand() {}

    static Line build(ChildJvm spec, Path socket, long workerId) {
        return build(spec, socket, workerId, false);
    }

    /** The command line of a worker; a {@code spare} warms up before it connects (see {@code WorkerMain}). */
    static Line build(ChildJvm spec, Path socket, long workerId, boolean spare) {
        List<String> args = new ArrayList<>();
        args.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        boolean gcChosen = spec.options().stream().anyMatch(o -> o.startsWith("-XX:+Use") && o.endsWith("GC"));
        if (!gcChosen) {
            args.add("-XX:+UseSerialGC"); // starts fastest and is the smallest; a user's choice wins
        }
        args.add("-XX:-UsePerfData");
        args.add("--enable-native-access=ALL-UNNAMED");
        args.addAll(spec.options());
        for (Map.Entry<String, String> p : spec.systemProperties().entrySet()) {
            args.add("-D" + p.getKey() + "=" + p.getValue());
        }
        String classPath = System.getProperty("java.class.path", "");
        Path archive = null;
        Path publish = null;
        if (archivesEnabled(classPath)) {
            archive = CACHE.resolve(key(classPath, args) + ".jsa");
            if (Files.isRegularFile(archive)) {
                args.add("-XX:SharedArchiveFile=" + archive);
                args.add("-Xlog:cds=off");
                args.add("-Xlog:cds+dynamic=off");
            } else if (claim(archive)) {
                publish = archive.resolveSibling(archive.getFileName() + "." + workerId + ".tmp");
                args.add("-XX:ArchiveClassesAtExit=" + publish);
                args.add("-D" + WorkerMain.ARCHIVING_PROPERTY + "=true");
                args.add("-Xlog:cds=off");
                args.add("-Xlog:cds+dynamic=off");
            }
        }
        if (spare) {
            args.add("-D" + WorkerMain.SPARE_PROPERTY + "=true"); // after the archive's key: spares share it
        }
        args.add("-cp");
        args.add(classPath);
        args.add(WorkerMain.class.getName());
        args.add(socket.toString());
        args.add(Long.toString(workerId));
        return new Line(List.copyOf(args), publish, archive);
    }

    /** After the worker that was making the archive exited cleanly: move it into place. */
    static void publish(Line line) {
        if (line.archiveToPublish() == null) {
            return;
        }
        try {
            if (Files.isRegularFile(line.archiveToPublish()) && Files.size(line.archiveToPublish()) > 0) {
                Files.move(line.archiveToPublish(), line.archive(), StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            // the next worker makes another attempt
        } finally {
            try {
                Files.deleteIfExists(line.archiveToPublish());
                Files.deleteIfExists(lockOf(line.archive()));
            } catch (IOException e) {
                // best effort
            }
        }
    }

    /** After the archive maker died: let another worker try. */
    static void abandon(Line line) {
        if (line.archiveToPublish() == null) {
            return;
        }
        try {
            Files.deleteIfExists(line.archiveToPublish());
            Files.deleteIfExists(lockOf(line.archive()));
        } catch (IOException e) {
            // best effort
        }
    }

    /**
     * Whether to use an archive: not when switched off ({@code -Dweft.process.cds=false}), and not
     * when the class path holds a directory (as in a build's test run), because the JVM archives
     * classes from jar files only and refuses to dump at all then.
     */
    private static boolean archivesEnabled(String classPath) {
        if ("false".equals(System.getProperty("weft.process.cds"))) {
            return false;
        }
        for (String entry : classPath.split(java.io.File.pathSeparator)) {
            if (entry.isEmpty() || Files.isDirectory(Path.of(entry))) {
                return false;
            }
        }
        return true;
    }

    private static boolean claim(Path archive) {
        try {
            if (!Files.isDirectory(CACHE)) {
                Files.createDirectories(CACHE,
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            Path lock = lockOf(archive);
            try {
                Files.createFile(lock);
                return true;
            } catch (FileAlreadyExistsException e) {
                // Someone is making it; a lock older than ten minutes was left by a crash.
                if (System.currentTimeMillis() - Files.getLastModifiedTime(lock).toMillis() > 600_000) {
                    Files.deleteIfExists(lock);
                }
                return false;
            }
        } catch (IOException e) {
            return false;
        }
    }

    private static Path lockOf(Path archive) {
        return archive.resolveSibling(archive.getFileName() + ".lock");
    }

    private static String key(String classPath, List<String> args) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(System.getProperty("java.home").getBytes(StandardCharsets.UTF_8));
            d.update(Runtime.version().toString().getBytes(StandardCharsets.UTF_8));
            d.update(classPath.getBytes(StandardCharsets.UTF_8));
            for (String entry : classPath.split(java.io.File.pathSeparator)) {
                try { // a rebuilt jar gets a new archive instead of one the JVM would refuse
                    Path p = Path.of(entry);
                    d.update((Files.getLastModifiedTime(p) + "/" + Files.size(p)).getBytes(StandardCharsets.UTF_8));
                } catch (IOException | RuntimeException e) {
                    // a missing entry is part of the key by its name alone
                }
            }
            for (String a : args) {
                d.update(a.getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(d.digest(), 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
