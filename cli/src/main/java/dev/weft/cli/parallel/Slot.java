package dev.weft.cli.parallel;

import dev.weft.subprocess.Popen;
import dev.weft.subprocess.Signal;

/**
 * One of the {@code -j} job slots: the number {@code {%}} gives, and the job running in it now,
 * so that {@code --halt now} can end it from another thread. Thread-safe.
 */
final class Slot {
    private final int number;
    private final ParallelRunner runner;
    private volatile Popen<byte[]> current;
    private volatile boolean endedByHalt;

    Slot(int number, ParallelRunner runner) {
        this.number = number;
        this.runner = runner;
    }

    /** The slot's number, from 1. */
    int number() {
        return number;
    }

    /** Whether the run is halting now, so jobs still running are being ended. */
    boolean haltingNow() {
        return runner.haltingNow();
    }

    /**
     * Records the job just started. If the run began halting in the meantime, the halting
     * thread may have looked at this slot before the job was here: it is ended now instead.
     */
    void started(Popen<byte[]> p) {
        endedByHalt = false;
        current = p;
        if (runner.haltingNow()) {
            endedByHalt = true;
            JobExecutor.endTree(p);
        }
    }

    /** Records that the slot's job has ended; says whether {@code --halt now} ended it. */
    boolean ended() {
        current = null;
        return endedByHalt;
    }

    /** First step of a halt: SIGTERM to the tree of the job running here, if any. */
    void terminateForHalt() {
        Popen<byte[]> p = current;
        if (p != null) {
            endedByHalt = true;
            p.signalTree(Signal.TERM);
        }
    }

    /** Last step of a halt: SIGKILL to whatever is left of the tree of the job running here. */
    void killForHalt() {
        Popen<byte[]> p = current;
        if (p != null) {
            endedByHalt = true;
            p.kill();
        }
    }

    /** Whether a job is running here now. */
    boolean busy() {
        return current != null;
    }
}
