package dev.weft.process.internal.worker;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * A throwable as it crosses the wire: class name, message, stack trace and cause chain, all plain
 * strings, so sending it never runs Java serialization and receiving it never instantiates a class
 * the receiver did not choose. Not API.
 *
 * @param className the binary name of the throwable's class
 * @param message its message, or null
 * @param stack its stack frames, each {@code declaringClass|method|file|line}
 * @param cause its cause, or null
 * @param text the whole {@code printStackTrace} text, for messages and logs
 */
public record TaskError(String className, String message, List<String> stack, TaskError cause, String text) {
    private static final int MAX_CAUSES = 16;

    /** The wire form of {@code t} and its causes (at most 16 deep). */
    public static TaskError of(Throwable t) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        return of(t, w.toString(), 0);
    }

    private static TaskError of(Throwable t, String text, int depth) {
        List<String> stack = new ArrayList<>();
        for (StackTraceElement e : t.getStackTrace()) {
            stack.add(e.getClassName() + "|" + e.getMethodName() + "|" + (e.getFileName() == null ? "" : e.getFileName())
                    + "|" + e.getLineNumber());
        }
        Throwable c = t.getCause();
        TaskError cause = c == null || c == t || depth >= MAX_CAUSES ? null : of(c, null, depth + 1);
        return new TaskError(t.getClass().getName(), t.getMessage(), List.copyOf(stack), cause, text);
    }

    /** The stack frames as {@link StackTraceElement}s. */
    public StackTraceElement[] stackTrace() {
        StackTraceElement[] out = new StackTraceElement[stack.size()];
        for (int i = 0; i < out.length; i++) {
            String[] f = stack.get(i).split("\\|", -1);
            int line;
            try {
                line = f.length > 3 ? Integer.parseInt(f[3]) : -1;
            } catch (NumberFormatException e) {
                line = -1;
            }
            out[i] = new StackTraceElement(f[0], f.length > 1 ? f[1] : "?", f.length > 2 && !f[2].isEmpty() ? f[2] : null, line);
        }
        return out;
    }

    /** {@code ClassName: message}, as the first line of a stack trace. */
    public String summary() {
        return message == null ? className : className + ": " + message;
    }
}
