package dev.weft.cluster;

import dev.weft.process.WorkerDiedException;
import java.io.Serial;

/**
 * A task of a {@link ClusterPool} or {@link ClusterExecutor} whose member left the cluster (it was
 * killed, crashed, lost its network or shut down) every time the task was sent, up to the pool's
 * number of attempts. A task whose member leaves is normally sent to another member; this is
 * thrown only when that happened too often, so a task that kills every member it runs on cannot
 * take the whole cluster down.
 *
 * <p>It is a {@link WorkerDiedException}, so code written against a local {@code Pool} handles it
 * unchanged. A cluster does not learn how a member's process ended: {@link #returncode()} is 0 and
 * {@link #signal()} empty; {@link #pid()} is the member's process id (or -1 if it did not say), and
 * {@link #workerName()} its address.
 */
public class MemberLeftException extends WorkerDiedException {
    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * An exception for the member at {@code address} with process id {@code pid}.
     *
     * @param message what happened, naming the member
     * @param address the member's address
     * @param pid its process id, or -1
     * @param cause what Hazelcast reported
     */
    public MemberLeftException(String message, String address, long pid, Throwable cause) {
        super(message, address, pid, 0);
        initCause(cause);
    }
}
