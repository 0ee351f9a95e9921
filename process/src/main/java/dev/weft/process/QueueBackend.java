package dev.weft.process;

import dev.weft.process.internal.hub.Hub;
import dev.weft.process.internal.hub.HubClient;
import dev.weft.process.internal.hub.QueueObject;
import dev.weft.process.internal.hub.RemoteRef;
import dev.weft.process.internal.hub.Result;
import java.time.Duration;
import java.util.List;

/**
 * Where a process queue handle sends its operations, on encoded items: straight to the store when
 * this process owns the queue, or to the owner's hub. Timeouts in nanoseconds: negative means no
 * limit, 0 means do not wait.
 */
sealed interface QueueBackend {
    /** False if the queue stayed full. */
    boolean put(byte[] item, long nanos) throws InterruptedException;

    /** Null if the queue stayed empty. */
    byte[] get(long nanos) throws InterruptedException;

    int qsize();

    int maxsize();

    void taskDone();

    boolean join(long nanos) throws InterruptedException;

    byte[] peek();

    List<byte[]> drain(int max);

    List<byte[]> snapshot();

    void clear();

    /** Waits until this process's pipelined puts are in the store. */
    boolean flush(Duration timeout) throws InterruptedException;

    /** The ref another process decodes into a handle on the same queue. */
    RemoteRef export(String kind);

    /** Who owns the queue, for messages. */
    long ownerPid();

    /** The queue in this process. */
    record Local(QueueObject store) implements QueueBackend {
        @Override
        public boolean put(byte[] item, long nanos) throws InterruptedException {
            return store.put(item, nanos);
        }

        @Override
        public byte[] get(long nanos) throws InterruptedException {
            return store.get(nanos);
        }

        @Override
        public int qsize() {
            return store.qsize();
        }

        @Override
        public int maxsize() {
            return store.maxsize();
        }

        @Override
        public void taskDone() {
            store.taskDone();
        }

        @Override
        public boolean join(long nanos) throws InterruptedException {
            return store.join(nanos);
        }

        @Override
        public byte[] peek() {
            return store.peek();
        }

        @Override
        public List<byte[]> drain(int max) {
            return store.drain(max);
        }

        @Override
        public List<byte[]> snapshot() {
            return store.snapshot();
        }

        @Override
        public void clear() {
            store.clear();
        }

        @Override
        public boolean flush(Duration timeout) {
            return true;
        }

        @Override
        public RemoteRef export(String kind) {
            Hub hub = Hub.local();
            return hub.ref(hub.export(store), kind, store.maxsize(), 0);
        }

        @Override
        public long ownerPid() {
            return ProcessHandle.current().pid();
        }
    }

    /** A queue owned by another process. */
    record Remote(RemoteRef ref, HubClient client) implements QueueBackend {
        @Override
        public boolean put(byte[] item, long nanos) throws InterruptedException {
            if (ref.param() == 0) {
                client.post(ref, QueueObject.PUT, -1, 0, item); // unbounded: never full, so pipelined
                return true;
            }
            Result r = nanos == 0
                    ? client.callQuick(ref, QueueObject.PUT, 0, 0, item)
                    : client.call(ref, QueueObject.PUT, nanos, 0, item);
            return check(r).status() == Result.OK;
        }

        @Override
        public byte[] get(long nanos) throws InterruptedException {
            Result r = nanos == 0
                    ? client.callQuick(ref, QueueObject.GET, 0, 0, null)
                    : client.call(ref, QueueObject.GET, nanos, 0, null);
            return check(r).status() == Result.OK ? r.body() : null;
        }

        @Override
        public int qsize() {
            return (int) quick(QueueObject.QSIZE, 0).value();
        }

        @Override
        public int maxsize() {
            return (int) ref.param();
        }

        @Override
        public void taskDone() {
            quick(QueueObject.TASK_DONE, 0);
        }

        @Override
        public boolean join(long nanos) throws InterruptedException {
            Result r = nanos == 0 ? quick(QueueObject.JOIN, 0) : check(client.call(ref, QueueObject.JOIN, nanos, 0, null));
            return r.value() != 0;
        }

        @Override
        public byte[] peek() {
            Result r = quick(QueueObject.PEEK, 0);
            return r.status() == Result.OK ? r.body() : null;
        }

        @Override
        public List<byte[]> drain(int max) {
            // One item per round trip: a reply carrying many items could outgrow a frame after the
            // owner had already taken them out of the queue, and they would be lost.
            List<byte[]> items = new java.util.ArrayList<>();
            while (items.size() < max) {
                Result r = quick(QueueObject.GET, 0);
                if (r.status() != Result.OK) {
                    break;
                }
                items.add(r.body());
            }
            return items;
        }

        @Override
        public List<byte[]> snapshot() {
            return quick(QueueObject.SNAPSHOT, 0).items();
        }

        @Override
        public void clear() {
            quick(QueueObject.CLEAR, 0);
        }

        @Override
        public boolean flush(Duration timeout) throws InterruptedException {
            return client.sync(ref, timeout);
        }

        @Override
        public RemoteRef export(String kind) {
            return ref;
        }

        @Override
        public long ownerPid() {
            return ref.ownerPid();
        }

        private Result quick(int op, long arg) {
            return check(client.callQuick(ref, op, arg, 0, null));
        }

        private Result check(Result r) {
            return r.rethrow(ref.describe());
        }
    }
}
