package dev.weft.process;

/**
 * What a task threw in another process, when that exception cannot be rebuilt here as its own
 * type: its class is outside the allowlist, or it has no constructor taking a message. It carries
 * the remote class name, the message and the remote stack trace (as its own stack trace).
 *
 * <p>Exceptions of JDK classes and of allowed classes come back as themselves instead, with the
 * remote stack trace and cause chain; fields other than the message are not carried.
 */
public class RemoteTaskException extends ProcessException {
    private static final long serialVersionUID = 1L;

    /** The binary name of the exception's class in the process that threw it. */
    private final String remoteClassName;

    /**
     * An exception standing for a remote {@code remoteClassName} with {@code message}.
     *
     * @param remoteClassName the binary name of the exception's class where it was thrown
     * @param message its message, with the remote stack trace
     */
    public RemoteTaskException(String remoteClassName, String message) {
        super(message == null ? remoteClassName : remoteClassName + ": " + message);
        this.remoteClassName = remoteClassName;
    }

    /** {@return the binary name of the class of the exception the task threw} */
    public String remoteClassName() {
        return remoteClassName;
    }
}
