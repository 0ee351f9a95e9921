package dev.weft.process;

import dev.weft.process.internal.hub.Hub;
import dev.weft.process.internal.hub.HubClient;
import dev.weft.process.internal.hub.PipeState;
import dev.weft.process.internal.hub.RemoteRef;
import dev.weft.process.internal.hub.Result;
import dev.weft.process.internal.hub.SocketEnd;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Where a {@link Connection} sends its operations, on encoded messages: straight to the pipe's
 * state in the process that made the pipe, to that process's hub, or, for a connection made by a
 * {@link Listener} or {@link Client}, over its own socket. Each backend is one holder
 * of its end, let go of by {@link #close()} (called once). Timeouts in nanoseconds: negative means
 * no limit.
 */
sealed interface EndBackend {
    boolean readable();

    boolean writable();

    void send(byte[] message) throws IOException;

    /** Null if nothing came in time. */
    byte[] recv(long nanos, int maxLength) throws IOException, InterruptedException;

    boolean poll(long nanos) throws IOException, InterruptedException;

    void close();

    /** A ref to a new copy of this end, which counts as a holder until claimed or expired. */
    RemoteRef export() throws IOException;

    /** The end in this process. */
    record Local(PipeState.End end) implements EndBackend {
        @Override
        public boolean readable() {
            return end.readable();
        }

        @Override
        public boolean writable() {
            return end.writable();
        }

        @Override
        public void send(byte[] message) throws IOException {
            end.send(message);
        }

        @Override
        public byte[] recv(long nanos, int maxLength) throws IOException, InterruptedException {
            return end.recv(nanos, maxLength);
        }

        @Override
        public boolean poll(long nanos) throws InterruptedException {
            return end.poll(nanos);
        }

        @Override
        public void close() {
            end.release();
        }

        @Override
        public RemoteRef export() throws IOException {
            Hub hub = Hub.local();
            long id = hub.export(end);
            if (!end.acquireIfOpen()) {
                throw new IOException("the pipe end is closed");
            }
            return hub.ref(id, Connection.KIND, end.directions(), hub.newTransfer(end, end::release));
        }
    }

    /** An end of a pipe made by another process, attached to it. */
    record Remote(RemoteRef ref, HubClient client) implements EndBackend {
        @Override
        public boolean readable() {
            return (ref.param() & PipeState.READABLE) != 0;
        }

        @Override
        public boolean writable() {
            return (ref.param() & PipeState.WRITABLE) != 0;
        }

        @Override
        public void send(byte[] message) throws IOException {
            try {
                client.post(ref, PipeState.SEND, 0, 0, message);
            } catch (UncheckedIOException e) {
                throw e.getCause(); // an earlier pipelined send failed: a broken pipe
            }
        }

        @Override
        public byte[] recv(long nanos, int maxLength) throws IOException, InterruptedException {
            Result r = check(nanos == 0
                    ? client.callQuick(ref, PipeState.RECV, 0, maxLength, null)
                    : client.call(ref, PipeState.RECV, nanos, maxLength, null));
            return r.status() == Result.OK ? r.body() : null;
        }

        @Override
        public boolean poll(long nanos) throws IOException, InterruptedException {
            Result r = check(nanos == 0
                    ? client.callQuick(ref, PipeState.POLL, 0, 0, null)
                    : client.call(ref, PipeState.POLL, nanos, 0, null));
            return r.value() != 0;
        }

        @Override
        public void close() {
            try {
                client.post(ref, PipeState.RELEASE, 0, 0, null);
            } catch (RuntimeException ownerGoneOrEarlierFailure) {
                // the owner is gone (nothing to let go of), or an earlier send failed: closing anyway
            }
        }

        @Override
        public RemoteRef export() throws IOException {
            return ref.withToken(check(client.callQuick(ref, PipeState.TRANSFER, 0, 0, null)).value());
        }

        private Result check(Result r) throws IOException {
            try {
                return r.rethrow(ref.describe());
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }
    }

    /** A direct connection made by a {@link Listener} or a {@link Client}: duplex, one holder. */
    record Socket(SocketEnd end) implements EndBackend {
        @Override
        public boolean readable() {
            return true;
        }

        @Override
        public boolean writable() {
            return true;
        }

        @Override
        public void send(byte[] message) throws IOException {
            end.send(message);
        }

        @Override
        public byte[] recv(long nanos, int maxLength) throws IOException, InterruptedException {
            return end.recv(nanos, maxLength);
        }

        @Override
        public boolean poll(long nanos) throws InterruptedException {
            return end.poll(nanos);
        }

        @Override
        public void close() {
            end.close();
        }

        @Override
        public RemoteRef export() throws IOException {
            throw new IOException("a connection made by a Listener or a Client cannot be handed to another process;"
                    + " connect from that process instead");
        }
    }
}
