package dev.weft.cluster.internal;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.core.IExecutorService;
import com.hazelcast.spi.exception.RetryableException;
import dev.weft.cluster.ClusterUnavailableException;
import dev.weft.cluster.MemberLeftException;
import dev.weft.process.internal.pool.PoolEngine;
import dev.weft.process.internal.pool.TaskFuture;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The engine of a {@code ClusterPool} and a {@code ClusterExecutor}: it keeps the tasks not yet
 * sent, sends each to the worker member with the fewest tasks in flight (at most eight per worker
 * thread, so a member always has the next tasks at hand while results travel back), and when a
 * member leaves, sends its unfinished tasks to the others. See the package description of
 * {@code dev.weft.cluster} for the flow. Not API.
 *
 * <p>Every task's future is completed exactly once, by the first answer that counts: a task whose
 * member left is sent again, and a member that has left never answers, so no task has two answers.
 * A task may therefore <em>run</em> more than once (when its member left after starting it).
 */
public final class Dispatcher implements PoolEngine {
    /** The name of the Hazelcast executor service that runs Weft's tasks on worker members. */
    public static final String EXECUTOR = "weft.tasks";
    /** Member attribute: present ({@code "true"}) on members that run tasks. */
    public static final String WORKER_ATTRIBUTE = "weft.worker";
    /** Member attribute: how many tasks the member runs at once. */
    public static final String THREADS_ATTRIBUTE = "weft.threads";
    /** Member attribute: the member's process id. */
    public static final String PID_ATTRIBUTE = "weft.pid";

    /** Tasks in flight per worker thread: enough to cover a round trip through Hazelcast's executor. */
    private static final int TASKS_PER_THREAD = 8;

    private final HazelcastInstance hz;
    private final ClassLoader loader;
    private final IExecutorService executor;
    private final int maxAttempts;
    private final String name;
    private final UUID listener;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition idle = lock.newCondition();
    private final Condition workersChanged = lock.newCondition();
    private final ArrayDeque<Job> pending = new ArrayDeque<>(); // guarded by lock
    private final Map<UUID, Slot> workers = new LinkedHashMap<>(); // guarded by lock
    private final List<Job> running = new ArrayList<>(); // guarded by lock; sent, not answered
    private int outstanding; // guarded by lock: submitted and not finished
    private boolean closed; // guarded by lock

    /**
     * A dispatcher sending tasks through {@code hz}'s executor service {@link #EXECUTOR}.
     *
     * @param loader the class loader that decodes the results
     * @param maxAttempts how many times a task is sent before its members' leaving fails it
     */
    public Dispatcher(HazelcastInstance hz, ClassLoader loader, String name, int maxAttempts) {
        this.hz = hz;
        this.loader = loader;
        this.name = name;
        this.maxAttempts = maxAttempts;
        this.executor = hz.getExecutorService(EXECUTOR);
        this.listener = hz.getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent e) {
                added(e.getMember());
            }

            @Override
            public void memberRemoved(MembershipEvent e) {
                removed(e.getMember());
            }
        });
        for (Member m : hz.getCluster().getMembers()) {
            added(m);
        }
    }

    /** A worker member and what it has in flight. */
    private static final class Slot {
        final Member member;
        final int capacity;
        int inFlight;

        Slot(Member member, int threads) {
            this.member = member;
            this.capacity = threads * TASKS_PER_THREAD;
        }
    }

    /** One task, from submission to its one answer. */
    private final class Job {
        final ChunkTask task;
        final List<String> packages;
        final JobFuture future;
        int attempts;
        Slot slot;
        volatile Future<?> remote;
        boolean finished; // guarded by lock

        Job(ChunkTask task, List<String> packages, JobFuture future) {
            this.task = task;
            this.packages = packages;
            this.future = future;
        }
    }

    /** A task's future: {@code cancel(true)} while it runs asks its member to interrupt it. */
    public static final class JobFuture extends TaskFuture<Object> {
        private volatile Job job;

        @Override
        protected boolean interruptRunning() {
            Job j = job;
            Future<?> r = j == null ? null : j.remote;
            return r != null && r.cancel(true);
        }
    }

    // ------------------------------------------------------------------ submitting

    /**
     * Queues {@code task}; {@code future} gets its one answer, decoded under the allowlist plus
     * {@code packages} (those of the task's function). Never blocks.
     *
     * @throws IllegalStateException if closed
     * @throws ClusterUnavailableException if this process has left the cluster
     */
    public void submit(ChunkTask task, List<String> packages, JobFuture future) {
        if (!hz.getLifecycleService().isRunning()) {
            throw new ClusterUnavailableException("cannot send a task: this process has left the cluster (" + name + ")");
        }
        Job job = new Job(task, packages, future);
        future.job = job;
        List<Job> send;
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException(name + " is closed");
            }
            outstanding++;
            pending.addLast(job);
            send = assign();
        } finally {
            lock.unlock();
        }
        send(send);
    }

    /** Takes the pending tasks that have a free worker, each marked for its worker. Under the lock. */
    private List<Job> assign() {
        List<Job> out = null;
        while (!pending.isEmpty()) {
            Slot best = null;
            for (Slot s : workers.values()) {
                if (s.inFlight < s.capacity && (best == null || s.inFlight * best.capacity < best.inFlight * s.capacity)) {
                    best = s;
                }
            }
            if (best == null) {
                break;
            }
            Job job = pending.pollFirst();
            if (job.future.isDone()) { // cancelled while waiting
                finish(job);
                continue;
            }
            best.inFlight++;
            job.slot = best;
            job.attempts++;
            running.add(job);
            if (out == null) {
                out = new ArrayList<>();
            }
            out.add(job);
        }
        return out == null ? List.of() : out;
    }

    private void send(List<Job> jobs) {
        for (Job job : jobs) {
            // The first send marks the future running; a task sent again (its member left) is running already.
            boolean cancelled = job.attempts == 1 ? !job.future.setRunningOrNotifyCancel() : job.future.isCancelled();
            if (cancelled) {
                answered(job, null, new CancellationException());
                continue;
            }
            try {
                Future<byte[]> f = executor.submitToMember(job.task, job.slot.member);
                job.remote = f;
                ((CompletionStage<byte[]>) f).whenComplete((answer, failure) -> answered(job, answer, failure));
            } catch (RuntimeException e) {
                answered(job, null, e);
            }
        }
    }

    // ------------------------------------------------------------------ answers

    private void answered(Job job, byte[] answer, Throwable failure) {
        Throwable cause = unwrap(failure);
        boolean retry = answer == null && retryable(cause);
        List<Job> send;
        boolean again;
        lock.lock();
        try {
            running.remove(job);
            if (job.slot != null) {
                job.slot.inFlight--;
            }
            if (job.finished) {
                return;
            }
            if (retry && job.slot != null && !hz.getCluster().getMembers().contains(job.slot.member)) {
                workers.remove(job.slot.member.getUuid()); // before the membership event, so it is not chosen again
            }
            again = retry && job.attempts < maxAttempts && !job.future.isDone();
            if (again) {
                pending.addFirst(job); // first: a map's results come in order, so no task should lag
            }
            send = assign();
        } finally {
            lock.unlock();
        }
        if (again) {
            send(send);
            return;
        }
        if (answer != null) {
            complete(job, answer);
        } else if (retry) {
            job.future.fail(new MemberLeftException("a task was sent " + job.attempts + " times and each time the member"
                    + " running it left the cluster; the last was " + job.slot.member.getAddress() + " (" + cause + ")",
                    String.valueOf(job.slot.member.getAddress()), pid(job.slot.member), cause));
        } else if (cause instanceof CancellationException) {
            job.future.cancel(false);
        } else if (!hz.getLifecycleService().isRunning()) {
            job.future.fail(new ClusterUnavailableException("the task's answer was lost: this process left the cluster ("
                    + name + ")", cause));
        } else {
            job.future.fail(cause);
        }
        lock.lock();
        try {
            finish(job); // after the future is complete: a join that returns sees every result
        } finally {
            lock.unlock();
        }
        send(send);
    }

    private void complete(Job job, byte[] answer) {
        byte[] body = java.util.Arrays.copyOfRange(answer, 1, answer.length);
        if (answer[0] == ChunkTask.FAILURE) {
            job.future.fail(Wire.rebuild(body, hz, job.packages, loader));
            return;
        }
        Object value;
        try {
            value = Wire.decode(body, hz, job.packages, loader);
        } catch (java.io.IOException | RuntimeException e) {
            job.future.fail(e); // a class outside the allowlist: the message names it
            return;
        }
        job.future.succeed(value);
    }

    /** Whether the task should be sent elsewhere: its member left or was leaving, and this process is still in. */
    private boolean retryable(Throwable cause) {
        if (!hz.getLifecycleService().isRunning()) {
            return false;
        }
        return cause instanceof RetryableException
                || cause instanceof com.hazelcast.core.MemberLeftException
                || cause instanceof HazelcastInstanceNotActiveException
                || cause instanceof RejectedExecutionException;
    }

    private static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null
                && !(t instanceof com.hazelcast.core.MemberLeftException)) {
            t = t.getCause();
        }
        return t;
    }

    /** Marks {@code job} done with the books. Under the lock. */
    private void finish(Job job) {
        if (!job.finished) {
            job.finished = true;
            if (--outstanding == 0) {
                idle.signalAll();
            }
        }
    }

    /** Whether {@code m} runs tasks ({@link #WORKER_ATTRIBUTE}). */
    public static boolean isWorker(Member m) {
        return "true".equals(m.getAttribute(WORKER_ATTRIBUTE));
    }

    /** How many tasks worker {@code m} runs at once ({@link #THREADS_ATTRIBUTE}), at least 1. */
    public static int threads(Member m) {
        return (int) Math.max(1, attribute(m, THREADS_ATTRIBUTE, 1));
    }

    /** The process id {@code m} announced ({@link #PID_ATTRIBUTE}), or -1. */
    public static long pid(Member m) {
        return attribute(m, PID_ATTRIBUTE, -1);
    }

    private static long attribute(Member m, String name, long otherwise) {
        String value = m.getAttribute(name);
        try {
            return value == null ? otherwise : Long.parseLong(value);
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }

    // ------------------------------------------------------------------ membership

    private void added(Member m) {
        if (!isWorker(m)) {
            return;
        }
        List<Job> send;
        lock.lock();
        try {
            workers.putIfAbsent(m.getUuid(), new Slot(m, threads(m)));
            workersChanged.signalAll();
            send = assign();
        } finally {
            lock.unlock();
        }
        send(send);
    }

    private void removed(Member m) {
        lock.lock();
        try {
            // Its tasks in flight come back as failures (the member left) and are sent again then.
            if (workers.remove(m.getUuid()) != null) {
                workersChanged.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** How many tasks the worker members run at once now, at least 1. */
    public int parallelism() {
        lock.lock();
        try {
            int n = 0;
            for (Slot s : workers.values()) {
                n += s.capacity / TASKS_PER_THREAD;
            }
            return Math.max(1, n);
        } finally {
            lock.unlock();
        }
    }

    /** The worker members now. */
    public List<Member> workers() {
        lock.lock();
        try {
            List<Member> out = new ArrayList<>();
            for (Slot s : workers.values()) {
                out.add(s.member);
            }
            return out;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until at least {@code n} worker members are in the cluster.
     *
     * @return whether they are, before {@code nanos} ran out
     */
    public boolean awaitWorkers(int n, long nanos) throws InterruptedException {
        lock.lock();
        try {
            while (workers.size() < n) {
                if (nanos <= 0) {
                    return false;
                }
                nanos = workersChanged.awaitNanos(nanos);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------ ending

    /** No more tasks; those submitted still run. Never blocks. */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    /** Whether closed and every task finished. */
    @Override
    public boolean isTerminated() {
        lock.lock();
        try {
            return closed && outstanding == 0;
        } finally {
            lock.unlock();
        }
    }

    /** Cancels the tasks not yet sent. Never blocks. */
    @Override
    public void cancelQueued() {
        List<Job> cancelled;
        lock.lock();
        try {
            cancelled = new ArrayList<>(pending);
            pending.clear();
            for (Job j : cancelled) {
                finish(j);
            }
        } finally {
            lock.unlock();
        }
        for (Job j : cancelled) {
            j.future.cancel(false);
        }
    }

    /**
     * Closes, cancels the tasks not yet sent and asks the members to interrupt the running ones,
     * whose results are cancelled at once; stops following the membership. Never blocks.
     */
    @Override
    public void terminate() {
        List<Job> sent;
        lock.lock();
        try {
            closed = true;
            sent = new ArrayList<>(running);
            for (Job j : sent) {
                finish(j);
            }
        } finally {
            lock.unlock();
        }
        cancelQueued();
        for (Job j : sent) {
            j.future.cancel(true);
        }
        release();
    }

    /**
     * Waits until every submitted task has finished, after {@link #close()}; then stops following
     * the membership.
     *
     * @param nanos how long at most; negative: without limit
     * @return whether they all did
     * @throws IllegalStateException if not closed
     */
    @Override
    public boolean join(long nanos) throws InterruptedException {
        lock.lock();
        try {
            if (!closed) {
                throw new IllegalStateException(name + " is still open: close or terminate it before joining");
            }
            while (outstanding > 0) {
                if (nanos < 0) {
                    idle.await();
                } else if (nanos == 0) {
                    return false;
                } else {
                    nanos = idle.awaitNanos(nanos);
                }
            }
        } finally {
            lock.unlock();
        }
        release();
        return true;
    }

    /** Removes the membership listener, once the dispatcher has nothing left to do. */
    private void release() {
        if (hz.getLifecycleService().isRunning()) {
            try {
                hz.getCluster().removeMembershipListener(listener);
            } catch (HazelcastInstanceNotActiveException ignored) {
                // left the cluster meanwhile: nothing to remove
            }
        }
    }

    @Override
    public String toString() {
        lock.lock();
        try {
            return name + "[workers=" + workers.size() + ", pending=" + pending.size() + ", running=" + running.size()
                    + (closed ? ", closed" : "") + "]";
        } finally {
            lock.unlock();
        }
    }
}
