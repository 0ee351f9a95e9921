package dev.weft.sync;

/**
 * Launched in a child JVM by {@link LockOrderRecorderTest}: takes two named locks in both orders,
 * one order in each of two threads that run one after the other (so nothing can deadlock), and
 * prints on standard output whether the recorder was on. Run with {@code -Dweft.lockorder=record},
 * the recorder's default listener must print the potential deadlock on standard error.
 */
public final class LockOrderCycleMain {
    private LockOrderCycleMain() {}

    public static void main(String[] args) throws InterruptedException {
        NamedLock alpha = new NamedLock("alpha");
        NamedLock beta = new NamedLock("beta");

        Thread first = Thread.ofPlatform().name("alpha-then-beta").start(() -> takeInOrder(alpha, beta));
        first.join();
        Thread second = Thread.ofPlatform().name("beta-then-alpha").start(() -> takeInOrder(beta, alpha));
        second.join();

        System.out.println("recording=" + LockOrderRecorder.isRecording()
                + " found=" + LockOrderRecorder.potentialDeadlocks().size());
    }

    private static void takeInOrder(NamedLock outer, NamedLock inner) {
        outer.lock();
        try {
            inner.lock();
            inner.unlock();
        } finally {
            outer.unlock();
        }
    }
}
