package dev.weft.cluster;

import dev.weft.process.ProcessException;
import java.io.Serial;

/**
 * This process is no longer in the cluster: its {@link Cluster} was closed, or its member or
 * client lost the cluster and gave up. Every call that needs the cluster throws it at once, and
 * tasks whose answers were still awaited fail with it, so nothing waits for a cluster that is gone.
 */
public class ClusterUnavailableException extends ProcessException {
    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * An exception with {@code message}.
     *
     * @param message what could not be done, and why
     */
    public ClusterUnavailableException(String message) {
        super(message);
    }

    /**
     * An exception with {@code message}, caused by {@code cause}.
     *
     * @param message what could not be done, and why
     * @param cause what Hazelcast reported
     */
    public ClusterUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
