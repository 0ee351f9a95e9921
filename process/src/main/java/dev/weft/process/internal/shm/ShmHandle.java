package dev.weft.process.internal.shm;

import java.io.Serial;
import java.io.Serializable;

/**
 * Where one piece of shared memory can be opened, and what it holds: a holder's process id and
 * descriptor, the memory's id, its kind and a number the kind gives meaning to. Plain data (it
 * decodes to itself); a {@link ShmRef} holds one or two and decodes to a handle. Not API.
 *
 * @param pid a process that holds the memory: the one that encoded this
 * @param fd that process's descriptor on it
 * @param idHi the memory's id, high half
 * @param idLo the memory's id, low half
 * @param kind what the object is ({@code "SharedValue.int"}, {@code "ProcessLock"}...)
 * @param length a number the kind gives meaning to (an array's length)
 */
public record ShmHandle(long pid, int fd, long idHi, long idLo, String kind, int length) implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    /** "SharedValue.int of process 1234", for messages. */
    public String describe() {
        return kind + " of process " + pid;
    }
}
