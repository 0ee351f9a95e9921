package dev.weft.process;

/** A map chunk's results as a worker sends them: an {@code Object[]}, or an {@code int[]} when all are ints. */
final class Chunks {
    private Chunks() {}

    /** The results, boxed. */
    static Object[] boxed(Object chunk) {
        if (chunk instanceof int[] ints) {
            Object[] out = new Object[ints.length];
            for (int i = 0; i < ints.length; i++) {
                out[i] = ints[i];
            }
            return out;
        }
        return (Object[]) chunk;
    }
}
