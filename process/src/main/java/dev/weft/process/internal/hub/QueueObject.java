package dev.weft.process.internal.hub;

import dev.weft.queue.WorkQueue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The owner's side of a process queue: a {@link WorkQueue} of encoded items (the owner never
 * decodes them, so it never instantiates anything a putter sent), served to other processes. The
 * owner's own handles call the same methods directly. Not API.
 *
 * <p>Timeouts here are nanoseconds: negative means wait as long as it takes, 0 means do not wait.
 */
public final class QueueObject implements HubObject {
    public static final int PUT = 1;
    public static final int GET = 2;
    public static final int QSIZE = 3;
    public static final int TASK_DONE = 4;
    public static final int JOIN = 5;
    public static final int PEEK = 6;
    public static final int SNAPSHOT = 8;
    public static final int CLEAR = 9;

    private final WorkQueue<byte[]> store;

    /** A queue of at most {@code maxsize} items (0: unbounded). */
    public QueueObject(int maxsize) {
        this.store = WorkQueue.fifo(maxsize);
    }

    /** The maxsize; 0 for unbounded. */
    public int maxsize() {
        return store.maxsize();
    }

    /**
     * Puts {@code item}.
     *
     * @return false if the queue stayed full for {@code nanos}
     */
    public boolean put(byte[] item, long nanos) throws InterruptedException {
        if (nanos < 0) {
            store.put(item);
            return true;
        }
        return store.offer(item, nanos, TimeUnit.NANOSECONDS);
    }

    /** Takes the next item, or null if there was none within {@code nanos}. */
    public byte[] get(long nanos) throws InterruptedException {
        return nanos < 0 ? store.take() : nanos == 0 ? store.poll() : store.poll(nanos, TimeUnit.NANOSECONDS);
    }

    public int qsize() {
        return store.qsize();
    }

    public void taskDone() {
        store.taskDone();
    }

    /** Whether every task was done within {@code nanos}. */
    public boolean join(long nanos) throws InterruptedException {
        if (nanos < 0) {
            store.join();
            return true;
        }
        return store.join(Duration.ofNanos(nanos));
    }

    public byte[] peek() {
        return store.peek();
    }

    public List<byte[]> drain(int max) {
        List<byte[]> items = new ArrayList<>();
        store.drainTo(items, max);
        return items;
    }

    public List<byte[]> snapshot() {
        List<byte[]> items = new ArrayList<>();
        for (Object o : store.toArray()) {
            items.add((byte[]) o);
        }
        return items;
    }

    public void clear() {
        store.clear();
    }

    @Override
    public Result handle(Call call) throws InterruptedException {
        long nanos = call.arg1();
        return switch (call.op()) {
            case PUT -> store.offer(call.body()) ? Result.ok() // the common case needs no thread of its own
                    : nanos == 0 ? Result.none()
                    : call.async(() -> putResult(call.body(), nanos));
            case GET -> {
                byte[] now = store.poll();
                if (now != null || nanos == 0) {
                    giveBackIfUndelivered(call, now);
                    yield item(now);
                }
                yield call.async(() -> {
                    byte[] got = get(nanos);
                    giveBackIfUndelivered(call, got);
                    return item(got);
                });
            }
            case QSIZE -> Result.ok(store.qsize());
            case TASK_DONE -> {
                store.taskDone();
                yield Result.ok();
            }
            case JOIN -> nanos == 0 ? Result.ok(store.unfinishedTasks() == 0 ? 1 : 0)
                    : call.async(() -> Result.ok(join(nanos) ? 1 : 0));
            case PEEK -> item(store.peek());
            case SNAPSHOT -> Result.ok(snapshot()); // copies: if the reply is too large, nothing is lost
            case CLEAR -> {
                store.clear();
                yield Result.ok();
            }
            default -> Result.failure(Result.ILLEGAL_ARGUMENT, "a queue has no op " + call.op());
        };
    }

    /**
     * If {@code item} cannot reach the caller (it left while its get was being answered), it goes
     * back on the queue, at the end (a {@code WorkQueue} has no front door), on a thread of its own
     * since a bounded queue may be full again; the put and its {@code taskDone} leave the count of
     * unfinished tasks as it was.
     */
    private void giveBackIfUndelivered(Call call, byte[] item) {
        if (item == null) {
            return;
        }
        call.onUndelivered(() -> Thread.ofVirtual().name("weft-hub-give-back").start(() -> {
            try {
                store.put(item);
                store.taskDone(); // the departed get's task: it will never report it done
            } catch (InterruptedException e) {
                // nobody interrupts this thread
            } catch (IllegalStateException alreadyDone) {
                // someone reported more tasks done than were got: the count is theirs to answer for
            }
        }));
    }

    private Result putResult(byte[] item, long nanos) throws InterruptedException {
        return put(item, nanos) ? Result.ok() : Result.none();
    }

    private static Result item(byte[] item) {
        return item == null ? Result.none() : Result.ok(item);
    }
}
