package dev.weft.bench;

/**
 * One implementation measured by a workload: Weft, a JVM peer, or a CPython peer.
 *
 * @param id short identifier, passed to the fork or the peer script ("weft", "jdk", "cpython")
 * @param peer the name used in the result lines: "weft", "jdk" or "cpython"
 * @param label what this side runs, for the table ("WorkQueue.fifo(1024)")
 * @param script the CPython peer script under {@code peers/python/}, or null for a JVM side
 */
public record Side(String id, String peer, String label, String script) {

    /**
     * A side that runs in a forked JVM.
     *
     * @param id the side's id ("weft", "jdk"...)
     * @param peer the name in the result lines
     * @param label what it runs, for the table
     * @return the side
     */
    public static Side jvm(String id, String peer, String label) {
        return new Side(id, peer, label, null);
    }

    /**
     * A side that runs a CPython script from {@code bench/peers/python}.
     *
     * @param id the side's id, passed to the script as {@code --side}
     * @param label what it runs, for the table
     * @param script the script's file name under {@code peers/python/}
     * @return the side
     */
    public static Side cpython(String id, String label, String script) {
        return new Side(id, "cpython", label, script);
    }

    /** {@return whether this side runs in a forked JVM rather than in CPython} */
    public boolean isJvm() {
        return script == null;
    }
}
