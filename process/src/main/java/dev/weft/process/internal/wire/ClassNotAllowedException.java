package dev.weft.process.internal.wire;

import java.io.IOException;

/**
 * A message named a class that the receiver's {@link ClassAllowlist} does not allow, so it was not
 * decoded (and the class was neither loaded nor initialized by the codec). Not API.
 *
 * <p>It is a checked {@link IOException}, like the other ways a decode can fail, so that the code
 * that reads a message cannot forget it; and it is <em>not</em> a {@link ProtocolException},
 * because the frame was well formed: the connection is fine, only that one message (a task, a
 * result) fails, with this message naming the class and how to allow it.
 */
public final class ClassNotAllowedException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String className;

    /** An exception for the class named {@code className} (a binary name, as in {@link Class#getName()}). */
    public ClassNotAllowedException(String className) {
        super(messageFor(className));
        this.className = className;
    }

    /**
     * An exception for the class named {@code className} with a message of its own, for classes
     * that can never be allowed (dynamic proxies).
     */
    public ClassNotAllowedException(String className, String message) {
        super(message);
        this.className = className;
    }

    /** The binary name of the refused class. */
    public String className() {
        return className;
    }

    private static String messageFor(String className) {
        String element = ClassAllowlist.elementName(className);
        int dot = element.lastIndexOf('.');
        String how = ClassAllowlist.isProtectedPackage(element)
                ? "allow it with Allowlist.allowClass(" + element + ".class), or the pool builder's allowClass, if it"
                        + " is safe to deserialize (JDK packages cannot be allowed as a whole)"
                : "allow it with Allowlist.allowClass(" + element + ".class)"
                        + (dot > 0 ? " or Allowlist.allowPackage(\"" + element.substring(0, dot) + "\")" : "")
                        + ", or the pool builder's allowClass/allowPackage";
        return "class " + className + " is not allowed by the deserialization allowlist; " + how;
    }
}
