package dev.weft.subprocess.internal.posix;

import java.lang.ref.Cleaner;

/** What the descriptor streams share. Not API. */
final class FdStreams {
    private FdStreams() {}

    /**
     * The longest a thread stays in one native wait, so that interrupts and closes are noticed
     * within that time and no thread sits in the kernel on a descriptor that may be closed.
     */
    static final int SLICE_MILLIS = 100;

    /** Closes the descriptors of streams and children that became unreachable. */
    static final Cleaner CLEANER = Cleaner.create();
}
