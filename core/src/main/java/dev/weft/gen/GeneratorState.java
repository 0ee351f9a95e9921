package dev.weft.gen;

/**
 * Where a {@link Generator} is in its life: Python's {@code inspect.getgeneratorstate(gen)}, whose
 * {@code GEN_CREATED}, {@code GEN_RUNNING}, {@code GEN_SUSPENDED} and {@code GEN_CLOSED} these
 * are.
 *
 * <pre>
 *  CREATED ── next() ──&gt; RUNNING ── yield ──&gt; SUSPENDED ── next(), send(v), throwInto(e), close() ──┐
 *     │                    │  ▲                                                                     │
 *     │                    │  └─────────────────────────────────────────────────────────────────────┘
 *     │                    └── body returns or throws ──&gt; CLOSED
 *     └── close(), throwInto(e) ────────────────────────&gt; CLOSED
 * </pre>
 */
public enum GeneratorState {
    /** Made but not started: its body has not run and it has no thread yet. */
    CREATED,
    /** Its body is running, between a resume ({@code next}, {@code send}, ...) and the next yield. */
    RUNNING,
    /** Paused at a yield, waiting to be resumed. */
    SUSPENDED,
    /** Finished: its body returned or threw, or the generator was closed. */
    CLOSED
}
