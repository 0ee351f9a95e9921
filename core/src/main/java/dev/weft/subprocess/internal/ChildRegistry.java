package dev.weft.subprocess.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The children this JVM started that have not been reaped yet, killed when the JVM exits: Weft's
 * promise is that no child outlives the JVM that started it (a child that should, such as a
 * daemon, must detach itself).
 *
 * <p>Launchers {@link #register} every child they start and {@link #unregister} it once it has
 * been reaped. A shutdown hook, installed with the first registration, calls
 * {@link Child#killTree()} on every child still registered; it does not wait for them to die
 * (the operating system reaps them once the JVM is gone). A child registered after that hook has
 * run is killed at once. Registering and unregistering cost one concurrent hash-set operation.
 * Thread-safe. Not API.
 */
public final class ChildRegistry {
    private ChildRegistry() {}

    private static final Set<Child> LIVE = ConcurrentHashMap.newKeySet();
    private static volatile boolean exiting;

    /** Installs the hook once, when the class is first used (the first registration). */
    private static final class Hook {
        static final boolean INSTALLED = install();

        private static boolean install() {
            try {
                Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("weft-subprocess-reaper").unstarted(ChildRegistry::killAll));
                return true;
            } catch (IllegalStateException shuttingDown) {
                exiting = true; // too late for a hook: register() kills children itself
                return false;
            }
        }
    }

    /**
     * Records a child that has just been started. If the JVM is already exiting, kills the
     * child's tree at once instead. Never blocks.
     */
    public static void register(Child child) {
        boolean ignored = Hook.INSTALLED;
        LIVE.add(child);
        if (exiting) {
            // The hook may have run before the add: make sure the child does not survive.
            LIVE.remove(child);
            child.killTree();
        }
    }

    /** Forgets a child that has been reaped (or was never started). Never blocks. */
    public static void unregister(Child child) {
        LIVE.remove(child);
    }

    /** How many children are registered now (for tests and diagnostics). */
    public static int size() {
        return LIVE.size();
    }

    private static void killAll() {
        exiting = true;
        for (Child child : LIVE) {
            try {
                child.killTree();
            } catch (RuntimeException | LinkageError e) {
                // One child that cannot be killed must not spare the others.
            }
        }
    }
}
