package dev.weft.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * Reads a manager's authkey from a file, refusing files that would make a poor secret: the key is
 * every byte of the file (a final line break included: write it with {@code head -c 32
 * /dev/urandom > FILE} or {@code printf %s SECRET > FILE}, not {@code echo}); the file must not be
 * empty, and on a POSIX file system neither its group nor other users may have any permission on it
 * ({@code chmod 600 FILE}), as {@code ssh} demands of a private key.
 */
final class AuthkeyFile {
    private AuthkeyFile() {}

    /** Permissions that let someone other than the owner read or change the key. */
    private static final Set<PosixFilePermission> NOT_OWNER = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    /** The file is missing, unreadable, empty or open to others; the message says which and what to do. */
    static final class RefusedException extends Exception {
        private static final long serialVersionUID = 1L;

        RefusedException(String message) {
            super(message);
        }
    }

    /**
     * The key in {@code file}.
     *
     * @throws RefusedException if the file cannot serve as a key (the message says why)
     */
    static byte[] read(Path file) throws RefusedException {
        try {
            if (!Files.exists(file)) {
                throw new RefusedException("no authkey file " + file);
            }
            if (!Files.isRegularFile(file)) {
                throw new RefusedException("the authkey file " + file + " is not a regular file");
            }
            if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
                Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
                if (perms.stream().anyMatch(NOT_OWNER::contains)) {
                    throw new RefusedException("the authkey file " + file + " is open to other users (mode "
                            + PosixFilePermissions.toString(perms) + "): run chmod 600 " + file);
                }
            }
            byte[] key = Files.readAllBytes(file);
            if (key.length == 0) {
                throw new RefusedException("the authkey file " + file + " is empty: put a secret in it, such as"
                        + " head -c 32 /dev/urandom > " + file);
            }
            return key;
        } catch (NoSuchFileException e) {
            throw new RefusedException("no authkey file " + file);
        } catch (IOException e) {
            throw new RefusedException("cannot read the authkey file " + file + ": " + e);
        }
    }
}
