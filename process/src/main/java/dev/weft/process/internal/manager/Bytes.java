package dev.weft.process.internal.manager;

import java.util.Arrays;

/**
 * An encoded key or value as the manager's server keeps it: equal when the encodings are equal. The
 * server never decodes what clients store, so two keys are the same key exactly when they encode to
 * the same bytes. Not API.
 */
record Bytes(byte[] bytes, int hash) {
    static Bytes of(byte[] bytes) {
        return new Bytes(bytes, Arrays.hashCode(bytes));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bytes b && hash == b.hash && Arrays.equals(bytes, b.bytes);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return "Bytes[" + bytes.length + "]";
    }
}
