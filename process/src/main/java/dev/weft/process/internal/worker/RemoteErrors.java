package dev.weft.process.internal.worker;

import dev.weft.process.RemoteTaskException;
import dev.weft.process.internal.wire.ClassAllowlist;
import dev.weft.process.internal.wire.ClassNotAllowedException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;

/**
 * Turns a {@link TaskError} back into a throwable on the receiving side: as its own class when that
 * class is a JDK class or allowed, and has a constructor taking a message (or none); otherwise as a
 * {@link RemoteTaskException} naming it. Classes are loaded without being initialized until they
 * are known to be throwables. Not API.
 */
public final class RemoteErrors {
    private RemoteErrors() {}

    /** {@code error} as a throwable, with its remote stack trace and causes. */
    public static Throwable rebuild(TaskError error, ClassAllowlist allowlist, ClassLoader loader) {
        Throwable t = instantiate(error, allowlist, loader);
        t.setStackTrace(error.stackTrace());
        if (error.cause() != null && t.getCause() == null) {
            try {
                t.initCause(rebuild(error.cause(), allowlist, loader));
            } catch (IllegalStateException | IllegalArgumentException e) {
                // the constructor fixed the cause already; keep it
            }
        }
        return t;
    }

    private static Throwable instantiate(TaskError error, ClassAllowlist allowlist, ClassLoader loader) {
        String name = error.className();
        try {
            if (name.equals(ClassNotAllowedException.class.getName())) {
                // its one-string constructor takes the class name, not a message
                String m = error.message() == null ? "" : error.message();
                String refused = m.startsWith("class ") ? m.substring(6, Math.max(6, m.indexOf(' ', 6))) : m;
                return new ClassNotAllowedException(refused, m);
            }
            Class<?> c = Class.forName(name, false, loader);
            boolean jdk = c.getClassLoader() == null || c.getClassLoader() == ClassLoader.getPlatformClassLoader();
            if (Throwable.class.isAssignableFrom(c) && (jdk || allowlist.allows(c)) && !Modifier.isAbstract(c.getModifiers())) {
                try {
                    Constructor<?> k = c.getConstructor(String.class);
                    return (Throwable) k.newInstance(error.message());
                } catch (NoSuchMethodException e) {
                    if (error.message() == null) {
                        return (Throwable) c.getConstructor().newInstance();
                    }
                }
            }
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            // not loadable or not constructible here: fall through to the stand-in
        }
        return new RemoteTaskException(name, error.message());
    }
}
