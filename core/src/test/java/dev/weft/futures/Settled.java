package dev.weft.futures;

import java.io.IOException;

/** Futures in each state, for tests that wait on them: pending, done, failed, cancelled. */
final class Settled {
    private Settled() {}

    static SettableFuture<Integer> pending() {
        return new SettableFuture<>();
    }

    static SettableFuture<Integer> done(int value) {
        SettableFuture<Integer> f = new SettableFuture<>();
        f.setResult(value);
        return f;
    }

    /** Failed with an {@link IOException}. */
    static SettableFuture<Integer> failed() {
        SettableFuture<Integer> f = new SettableFuture<>();
        f.setException(new IOException("failed"));
        return f;
    }

    static SettableFuture<Integer> cancelled() {
        SettableFuture<Integer> f = new SettableFuture<>();
        f.cancel();
        return f;
    }
}
