package dev.weft.process.internal.worker;

/**
 * Who this JVM is, as {@code Process.currentProcess()} and {@code parentProcess()} report it: set by
 * {@link WorkerMain} in a child; the defaults describe a main program. Not API.
 */
public final class Identity {
    static volatile String name = "MainProcess";
    static volatile long parentPid = -1;
    static volatile String parentName = "MainProcess";
    static volatile boolean daemon;
    static volatile boolean child;

    private Identity() {}

    /** This process's name: {@code MainProcess} in a main program. */
    public static String name() {
        return name;
    }

    /** The parent's pid, or -1 in a main program. */
    public static long parentPid() {
        return child ? parentPid : -1;
    }

    /** The parent's name. */
    public static String parentName() {
        return parentName;
    }

    /** Whether this JVM is a Weft child. */
    public static boolean isChild() {
        return child;
    }

    /** Whether this JVM runs a daemon {@code Process}. */
    public static boolean daemon() {
        return daemon;
    }
}
