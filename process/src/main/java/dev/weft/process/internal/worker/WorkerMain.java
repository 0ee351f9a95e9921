package dev.weft.process.internal.worker;

import dev.weft.function.ThrowingBiFunction;
import dev.weft.function.ThrowingConsumer;
import dev.weft.function.ThrowingFunction;
import dev.weft.function.ThrowingRunnable;
import dev.weft.internal.Uninterruptibly;
import dev.weft.process.internal.hub.HubClient;
import dev.weft.process.internal.hub.ItemCodec;
import dev.weft.process.internal.wire.Codec;
import dev.weft.process.internal.wire.FrameReader;
import dev.weft.process.internal.wire.FrameWriter;
import dev.weft.process.internal.wire.GrowableBuffer;
import dev.weft.process.internal.wire.Handshake;
import dev.weft.process.internal.wire.NotEncodableException;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The main class of a worker JVM. Not API.
 *
 * <p>Arguments: the parent's socket path and this worker's id. The key comes on standard input
 * (never in argv, which other users can read); after it, standard input stays open, and its end
 * means the parent is gone: the worker halts at once, whatever it is doing. So a parent killed by
 * SIGKILL takes its workers with it.
 *
 * <p>Two threads: a reader decodes frames into commands, and the main thread runs them in order
 * (initializer, tasks) and writes the answers, flushing whenever it has nothing more to run, so a
 * burst of small tasks is answered in a few writes.
 */
public final class WorkerMain {
    /** Set on the worker that writes the class-data-sharing archive at its exit. */
    static final String ARCHIVING_PROPERTY = "weft.worker.archiving";
    /** Set on a warm spare's command line: it warms up before it connects. */
    static final String SPARE_PROPERTY = "weft.worker.spare";
    /** The longest a spare waits, before it connects, for its JIT compiler threads to go quiet. */
    private static final long SETTLE_MILLIS = 250;
    /** How long an exiting worker waits for the parent to close its inputs. */
    private static final long EXIT_HANDSHAKE_MILLIS = 1000;

    /** Exit status when the parent's end of standard input closed. */
    static final int EXIT_PARENT_GONE = 0;
    /** Exit status when what the parent wrote on standard input is malformed. */
    static final int EXIT_BAD_START = 2;
    /** Exit status after an {@link OutOfMemoryError} or another fatal error. */
    static final int EXIT_FATAL = 86;
    /** Exit status when the initializer failed. */
    static final int EXIT_INIT_FAILED = 87;

    /** How long a task's pipelined queue puts may take to be confirmed before its result goes. */
    private static final java.time.Duration POSTED_FLUSH = java.time.Duration.ofSeconds(10);

    private final FrameWriter out;
    private final GrowableBuffer buffer = new GrowableBuffer(1024);
    private final LinkedBlockingQueue<Command> commands = new LinkedBlockingQueue<>();
    /** Starts as what has been allowed so far (in a spare, what it prepared for). */
    private volatile Codec codec = allowed.codec();

    /** The lists of the last {@link Protocol#ALLOW} applied, and the codec they made. */
    private record Allowed(List<String> classes, List<String> packages, Codec codec) {}

    /** Set by the reader thread only (and by a spare's preparation, before that thread starts). */
    private static volatile Allowed allowed = new Allowed(List.of(), List.of(),
            new Codec(WeftAllowlist.with(List.of(), List.of())));

    /**
     * Makes this worker's codec and the queues' ({@link ItemCodec}) allow {@code classes} and
     * {@code packages}, and returns the codec. The same lists again (the ones a spare prepared for,
     * see {@link Preload}) change nothing: building an allowlist is a fraction of a millisecond of
     * a start in a fresh JVM.
     */
    static Codec allow(List<String> classes, List<String> packages) {
        Allowed a = allowed;
        if (!a.classes().equals(classes) || !a.packages().equals(packages)) {
            a = new Allowed(classes, packages, new Codec(WeftAllowlist.with(classes, packages)));
            ItemCodec.allow(classes, packages); // queue items and pipe messages too
            allowed = a;
        }
        return a.codec();
    }

    /** Opened when the reader thread may read the socket (see {@link #main}). */
    private final java.util.concurrent.CountDownLatch readerMayRead;

    private WorkerMain(FrameWriter out, boolean spare) {
        this.out = out;
        this.readerMayRead = new java.util.concurrent.CountDownLatch(spare ? 1 : 0);
    }

    public static void main(String[] args) throws Exception {
        // SIGTERM kills the child outright, as it does a Python child: Process.terminate() then
        // gives exit code -15, and no shutdown hook or finally block runs. (The JVM's own handler
        // would start an orderly exit instead, whose status the parent could not tell apart.)
        sun.misc.Signal.handle(new sun.misc.Signal("TERM"), sun.misc.SignalHandler.SIG_DFL);
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
            if (e instanceof VirtualMachineError) {
                Runtime.getRuntime().halt(EXIT_FATAL);
            }
            System.err.println("Exception in thread \"" + thread.getName() + "\" in a Weft worker:");
            e.printStackTrace();
        });
        if (args.length != 2) {
            System.err.println("usage: WorkerMain SOCKET WORKER_ID (the key comes on standard input)");
            System.exit(EXIT_BAD_START);
        }
        OutputCounts.install(); // before anything is written: the exit message says how much was
        InputStream stdin = new FileInputStream(FileDescriptor.in);
        byte[] key = stdin.readNBytes(Handshake.KEY_BYTES);
        if (key.length != Handshake.KEY_BYTES) {
            Runtime.getRuntime().halt(EXIT_PARENT_GONE); // the parent went away before sending it
        }
        boolean spare = Boolean.getBoolean(SPARE_PROPERTY);
        List<?> targets = List.of();
        if (spare) {
            try {
                targets = Preload.read(stdin); // written with the key, before the watcher reads on
            } catch (java.io.EOFException e) {
                Runtime.getRuntime().halt(EXIT_PARENT_GONE);
            } catch (IOException e) {
                System.err.println("Weft worker: " + e.getMessage());
                Runtime.getRuntime().halt(EXIT_BAD_START);
            }
        }
        Thread.ofPlatform().daemon().name("weft-parent-watch").start(() -> {
            try {
                while (stdin.read() >= 0) {
                    // nothing is ever sent after the key
                }
            } catch (IOException e) {
                // same as end-of-file: the parent is unreachable
            }
            leftNative(); // the parent closed it: it is gone, or it answered EXITING
        });
        Identity.child = true;
        Identity.parentPid = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L);
        if (spare) {
            // Before connecting: a spare that is connected is warm, for any target and for the
            // targets its spec's processes ran before.
            new WorkerMain(null, false).execute(new WarmUp());
            Preload.prepare(targets);
            rehearseProcess();
        }
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        channel.connect(UnixDomainSocketAddress.of(args[0]));
        Handshake.connect(channel, key);
        WorkerMain worker = new WorkerMain(new FrameWriter(channel), spare);
        FrameReader in = new FrameReader(channel);
        // A spare's first frame is read here, on the thread that runs it (a process's whole start
        // is that one frame), rather than handed over from the reader: one thread wake-up fewer.
        // The reader, started now so that starting it costs the process nothing, waits until
        // then, or for a process until it exits (a process is sent nothing more, and its parent's
        // end shows on standard input too): so it does not take a CPU from the process's start.
        Thread.ofPlatform().daemon().name("weft-worker-reader").start(() -> worker.readWhenAllowed(in));
        if (spare) {
            // The parent counts a spare ready at HELLO: by then its JIT is done with what the
            // warm-up made hot, and nothing of its own runs beside the process it is given.
            CompilerQuiet.await(SETTLE_MILLIS);
        }
        GrowableBuffer hello = new GrowableBuffer(16);
        hello.writeLong(Long.parseLong(args[1]));
        hello.writeLong(ProcessHandle.current().pid());
        worker.out.write(Protocol.HELLO, hello.contents());
        worker.out.flush();
        if (spare) {
            worker.readFirst(in);
            if (!(worker.commands.peek() instanceof Run)) {
                worker.readerMayRead.countDown();
            }
        }
        worker.run(spare);
    }

    // ------------------------------------------------------------------ reading

    private sealed interface Command {}

    private record Setup(Configure configure) implements Command {}

    private record BadSetup(TaskError error) implements Command {}

    private record Task(long id, Object fn, int mode, Object argument) implements Command {}

    private record BadTask(long id, TaskError error) implements Command {}

    private record Run(Configure configure, RunProcess run) implements Command {}

    private record BadRun(Exception error) implements Command {}

    private record Stop() implements Command {}

    /** Run once, when the worker first finds nothing to do (see {@link #warmUp()}). */
    private record WarmUp() implements Command {}

    /** A function that could not be decoded; tasks that use it fail with its error. */
    private record BrokenFunction(TaskError error) {}

    /** Functions by id, as {@link Protocol#FUNCTION} frames bring them; the reading thread's. */
    private final Map<Long, Object> functions = new HashMap<>();

    /** Reads and handles the first frame, on the calling thread; its end is the parent gone. */
    private void readFirst(FrameReader in) {
        read(in, true);
    }

    /** The reader thread: waits until it may read (see {@link #main}), then reads. */
    private void readWhenAllowed(FrameReader in) {
        // A class, not a method reference: this runs as the spare connects, and linking a
        // method reference spins a class (JIT work beside the process the spare is given).
        Uninterruptibly.run(new Uninterruptibly.Wait() {
            @Override
            public void run() throws InterruptedException {
                readerMayRead.await();
            }
        });
        read(in, false);
    }

    /** Reads and handles frames (only one if {@code first}); the stream's end is the parent gone. */
    private void read(FrameReader in, boolean first) {
        try {
            for (int type; (type = in.next()) != FrameReader.END_OF_STREAM; ) {
                handle(type, in.payload());
                if (first) {
                    return;
                }
            }
        } catch (IOException | RuntimeException e) {
            if (!exiting) {
                System.err.println("Weft worker: lost the connection to the parent: " + e);
            }
        }
        // The parent closed the socket: it is gone, or it answered EXITING.
        leftNative();
    }

    /** Turns one frame into commands for the main thread. */
    private void handle(int type, ByteBuffer p) throws IOException {
        switch (type) {
            case Protocol.CONFIGURE -> {
                try {
                    commands.add(new Setup((Configure) codec.decode(p)));
                } catch (IOException e) {
                    commands.add(new BadSetup(TaskError.of(e)));
                }
            }
            case Protocol.ALLOW -> {
                @SuppressWarnings("unchecked")
                List<List<String>> lists = (List<List<String>>) codec.decode(p);
                codec = allow(lists.get(0), lists.get(1));
            }
            case Protocol.FUNCTION -> {
                long id = p.getLong();
                Object fn;
                try {
                    fn = codec.decode(p);
                } catch (IOException e) {
                    fn = new BrokenFunction(TaskError.of(e));
                }
                functions.put(id, fn);
            }
            case Protocol.TASK -> {
                long id = p.getLong();
                long fnId = p.getLong();
                int mode = p.getInt();
                Object fn = fnId < 0 ? null : functions.get(fnId);
                try {
                    Object argument = codec.decode(p);
                    commands.add(fn instanceof BrokenFunction b ? new BadTask(id, b.error())
                            : new Task(id, fn, mode, argument));
                } catch (IOException e) {
                    commands.add(new BadTask(id, TaskError.of(e)));
                }
            }
            case Protocol.RUN -> {
                try {
                    @SuppressWarnings("unchecked")
                    List<List<String>> lists = (List<List<String>>) codec.decode(p);
                    codec = allow(lists.get(0), lists.get(1));
                    commands.add(new Run((Configure) codec.decode(p), (RunProcess) codec.decode(p)));
                } catch (IOException | RuntimeException e) {
                    commands.add(new BadRun(e));
                }
            }
            case Protocol.STOP -> commands.add(new Stop());
            default -> throw new IOException("unknown frame type " + type + " from the parent");
        }
    }

    /** Set once this worker has told the parent it is exiting; then the ends of its inputs are expected. */
    private static volatile boolean exiting;
    /** Counted down by the stdin watcher and the socket reader as their blocking reads end. */
    private static final java.util.concurrent.CountDownLatch READS_ENDED = new java.util.concurrent.CountDownLatch(2);

    /** A blocking read ended: unless this worker is exiting on its own, the parent is gone. */
    private static void leftNative() {
        if (!exiting) {
            exitAtOnce(EXIT_PARENT_GONE);
            Runtime.getRuntime().halt(EXIT_PARENT_GONE);
        }
        READS_ENDED.countDown();
    }

    /**
     * Ends the process at once with the C library's {@code _exit}, when the parent is gone: the
     * JVM's own halt first brings the VM to a safepoint and waits, in 10 ms steps and for up to
     * seconds, for JIT compiler threads busy compiling, and on a loaded machine a worker could then
     * outlive its parent by more than the 2 seconds Weft promises. Bound here, on this rare path
     * only (binding costs some 50 ms). Returns only if it cannot (no native access): the caller
     * halts then.
     */
    @SuppressWarnings("restricted")
    private static void exitAtOnce(int status) {
        if (!WorkerMain.class.getModule().isNativeAccessEnabled()) {
            return; // binding would print the JVM's native-access warning; halt instead
        }
        try {
            java.lang.foreign.Linker linker = java.lang.foreign.Linker.nativeLinker();
            linker.downcallHandle(linker.defaultLookup().find("_exit").orElseThrow(),
                    java.lang.foreign.FunctionDescriptor.ofVoid(java.lang.foreign.ValueLayout.JAVA_INT))
                    .invokeExact(status);
        } catch (Throwable e) {
            // halt instead
        }
    }

    // ------------------------------------------------------------------ running

    private void run(boolean warmAlready) throws Exception {
        boolean warm = warmAlready;
        for (;;) {
            Command c = commands.poll();
            if (c == null) {
                out.flush(); // nothing else to do: send what has been batched
                if (!warm) {
                    warm = true;
                    c = new WarmUp(); // idle for the first time (a spare): warm up, through this switch too
                } else {
                    c = commands.take();
                }
            }
            execute(c);
        }
    }

    /** Does one command: the one pattern switch, which a spare's warm-up runs too (its first run links it). */
    private void execute(Command c) throws Exception {
        switch (c) {
            case WarmUp w -> warmUp();
            case Setup s -> setup(s.configure());
            case BadSetup b -> initFailed(b.error());
            case Task t -> task(t);
            case BadTask b -> answer(Protocol.FAILURE, b.id(), 0, b.error());
            case Run r -> runProcess(r.configure(), r.run());
            case BadRun b -> {
                System.err.println("Process " + Identity.name + ": cannot decode its task: " + b.error().getMessage());
                exit(1);
            }
            case Stop s -> {
                out.flush();
                exit(0);
            }
        }
    }

    private void setup(Configure c) throws IOException {
        identify(c);
        try {
            initialize(c.initializer(), c.initArgument());
        } catch (Throwable t) {
            fatalIfVm(-1, t);
            initFailed(TaskError.of(t));
        }
        out.write(Protocol.CONFIGURED, ByteBuffer.allocate(0));
    }

    private static void identify(Configure c) {
        Identity.name = c.name();
        Identity.parentPid = c.parentPid();
        Identity.parentName = c.parentName();
    }

    /** Runs a pool's initializer, if there is one. */
    private static void initialize(Object initializer, Object argument) throws Throwable {
        switch (initializer) {
            case null -> { }
            case ThrowingRunnable r -> r.run();
            case ThrowingConsumer<?> k -> accept(k, argument);
            default -> throw new IllegalArgumentException("not an initializer: " + initializer.getClass());
        }
    }

    /** The initializer threw, or could not even be decoded: tell the parent, then exit. */
    private void initFailed(TaskError error) throws IOException {
        buffer.clear();
        codec.encode(error, buffer);
        out.write(Protocol.CONFIGURE_FAILED, buffer.contents());
        out.flush();
        exit(EXIT_INIT_FAILED);
    }

    @SuppressWarnings("unchecked")
    private static <A> void accept(ThrowingConsumer<A> k, Object argument) throws Exception {
        k.accept((A) argument);
    }

    private void task(Task t) throws IOException {
        long start = System.nanoTime();
        Object result;
        try {
            result = apply(t.fn(), t.mode(), t.argument());
        } catch (Throwable e) {
            fatalIfVm(t.id(), e);
            HubClient.flushPosted(POSTED_FLUSH);
            answer(Protocol.FAILURE, t.id(), System.nanoTime() - start, TaskError.of(e));
            return;
        }
        // Whoever sees the result must find the task's queue puts and pipe sends delivered.
        HubClient.flushPosted(POSTED_FLUSH);
        answer(Protocol.RESULT, t.id(), System.nanoTime() - start, result);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object apply(Object fn, int mode, Object argument) throws Exception {
        return switch (mode) {
            case Protocol.APPLY -> ((ThrowingFunction) fn).apply(argument);
            case Protocol.STAR -> {
                Object[] args = (Object[]) argument;
                yield ((ThrowingBiFunction) fn).apply(args[0], args[1]);
            }
            case Protocol.CHUNK, Protocol.STAR_CHUNK -> {
                List<?> items = (List<?>) argument;
                Object[] results = new Object[items.size()];
                boolean allInts = true;
                for (int i = 0; i < results.length; i++) {
                    results[i] = apply(fn, mode == Protocol.CHUNK ? Protocol.APPLY : Protocol.STAR, items.get(i));
                    allInts &= results[i] instanceof Integer;
                }
                yield allInts ? ints(results) : results; // a chunk of ints travels, and is kept, unboxed
            }
            case Protocol.CALL -> ((Callable) argument).call();
            default -> throw new IllegalArgumentException("unknown task mode " + mode);
        };
    }

    private static int[] ints(Object[] boxed) {
        int[] out = new int[boxed.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (Integer) boxed[i];
        }
        return out;
    }

    /** Sends a result or an error; a result that cannot be encoded becomes the task's error. */
    private void answer(int type, long id, long nanos, Object value) throws IOException {
        buffer.clear();
        buffer.writeLong(id);
        buffer.writeLong(nanos);
        try {
            codec.encode(value, buffer);
        } catch (NotEncodableException e) {
            type = Protocol.FAILURE;
            buffer.clear();
            buffer.writeLong(id);
            buffer.writeLong(nanos);
            codec.encode(TaskError.of(e), buffer);
        }
        ByteBuffer frame = buffer.contents();
        if (frame.remaining() > out.maxFrameSize()) {
            buffer.clear();
            buffer.writeLong(id);
            buffer.writeLong(nanos);
            codec.encode(TaskError.of(new NotEncodableException(value.getClass().getName(), "",
                    "the encoded result is " + frame.remaining() + " bytes, more than the frame limit of "
                            + out.maxFrameSize(), null)), buffer);
            type = Protocol.FAILURE;
            frame = buffer.contents();
        }
        out.write(type, frame);
    }

    /**
     * After an OutOfMemoryError (or another VM error) the JVM cannot be trusted: tell the parent
     * which task it was, then halt. The heap the task held is garbage by now, so there is room to
     * send the message.
     */
    private void fatalIfVm(long taskId, Throwable t) {
        if (!(t instanceof VirtualMachineError)) {
            return;
        }
        try {
            buffer.clear();
            buffer.writeLong(taskId);
            codec.encode(TaskError.of(t), buffer);
            out.write(Protocol.FATAL, buffer.contents());
            out.flush();
        } catch (Throwable ignored) {
            // halting anyway; the parent reports the exit status
        }
        Runtime.getRuntime().halt(EXIT_FATAL);
    }

    /**
     * Runs, once and on a task of its own, the path the first real task takes, so that the classes
     * it needs are loaded and initialized and its call sites linked (a lambda, a pattern switch or a
     * string concatenation is linked at its first run, which takes milliseconds in a fresh JVM):
     * decoding the allow-list frame and building the allowlists it makes, encoding and decoding a
     * {@link Configure} and a {@link RunProcess} holding a serializable lambda (the codec's lambda
     * tag, {@code SerializedLambda}, the lambda metafactory), the command switch (through
     * {@link #execute}) and the initializer's, the task's call, and the classes of the exit. A warm
     * spare does it before it connects, so that a spare the parent sees connected is warm, and
     * then rehearses a process's path ({@link #rehearseProcess}); another worker does it the first
     * time it has nothing to do (one given work at once skips it). Best effort: a failure here
     * changes nothing.
     */
    private static void warmUp() {
        try {
            Codec encoder = new Codec(dev.weft.process.internal.wire.ClassAllowlist.jdkDefaults());
            Codec decoder = new Codec(WeftAllowlist.with(List.of(WorkerMain.class.getName()), List.of()));
            ThrowingRunnable noOp = () -> { };
            // The allowlist a process's first frame brings: decoded, and built as the worker's and
            // the queues' allowlists are (only built: nothing is added to what this worker allows).
            @SuppressWarnings("unchecked")
            List<List<String>> lists = (List<List<String>>) decoder.decode(
                    WeftAllowlist.frame(List.of("warm.up.Unused"), List.of("warm.up")));
            new Codec(WeftAllowlist.with(lists.get(0), lists.get(1)));
            decoder.decode(encoder.encode(new Configure("warm-up", List.of(), List.of(), null, null, 0, "")));
            RunProcess r = (RunProcess) decoder.decode(encoder.encode(new RunProcess(noOp, true)));
            initialize(r.target(), null);
            ItemCodec.allowedClasses(); // the queues' codec, which the allow-list frame extends
            HubClient.flushPosted(java.time.Duration.ZERO); // what the exit calls (nothing was posted)
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            // best effort: the first real task pays instead
        }
    }

    private void runProcess(Configure c, RunProcess r) {
        exit(runTarget(c, r));
    }

    /** Runs a process's target, then waits for the threads it started; returns the exit status. */
    private static int runTarget(Configure c, RunProcess r) {
        identify(c);
        Identity.daemon = r.daemon();
        int status = 0;
        try {
            ((ThrowingRunnable) r.target()).run();
        } catch (Throwable t) {
            System.err.println("Process " + Identity.name + ":");
            t.printStackTrace();
            status = 1;
        }
        // As Python's child does after run(): wait for the threads the target started (its
        // threading._shutdown); the exit delivers what it put on queues.
        joinNonDaemonThreads();
        return status;
    }

    private static void joinNonDaemonThreads() {
        // The thread group tree, not Thread.getAllStackTraces: that one stops every thread to walk
        // its stack, which cost a process milliseconds at its end. (Neither lists virtual threads.)
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread[] threads = new Thread[root.activeCount() + 16];
        int n = root.enumerate(threads, true);
        Thread me = Thread.currentThread();
        for (int i = 0; i < n; i++) {
            Thread t = threads[i];
            if (t != me && !t.isDaemon() && t.isAlive() && !t.getName().equals("DestroyJavaVM")) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /**
     * Ends the worker with {@code status}: flushes the output and any pipelined queue puts, then
     * halts. At exit HotSpot waits about 300 ms for threads blocked in native code (here the reads
     * of the socket and of standard input) before it gives up, which tripled a process's
     * start-to-join time; so the worker first sends {@link Protocol#EXITING}, the parent closes both
     * inputs, both reads end, and only then does the JVM go down. It halts rather than calling
     * {@code System.exit}: and as in Python, whose children leave with
     * {@code os._exit}, the child's own shutdown hooks are not a contract. The worker that makes the
     * class-data-sharing archive exits normally, since the archive is written at exit.
     */
    void exit(int status) {
        // Ask the parent to close our standard input and socket, so that no thread is blocked in
        // a native read when the JVM goes down (see above); at most a short wait if it does not.
        exiting = true;
        readerMayRead.countDown(); // its read must end with the socket, as stdin's does
        try {
            sayExiting(status);
            READS_ENDED.await(EXIT_HANDSHAKE_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (IOException | InterruptedException e) {
            // the parent is gone already: nothing to wait for
        }
        if (Boolean.getBoolean(ARCHIVING_PROPERTY)) {
            System.exit(status);
        }
        Runtime.getRuntime().halt(status);
    }

    /** Delivers what is pending (queue puts, output), then sends {@link Protocol#EXITING}. */
    private void sayExiting(int status) throws IOException {
        HubClient.flushPosted(HubClient.EXIT_FLUSH);
        System.out.flush();
        System.err.flush();
        buffer.clear();
        buffer.writeInt(status);
        buffer.writeLong(OutputCounts.out());
        buffer.writeLong(OutputCounts.err());
        out.write(Protocol.EXITING, buffer.contents());
        out.flush();
    }

    /**
     * Rehearses, in a spare before it connects, a process's whole path through this worker with
     * a target that does nothing: its {@link Protocol#RUN} frame written and read through a pipe
     * (the frame reader and writer), handled, the target run and the threads joined, and the
     * {@link Protocol#EXITING} frame made; with this worker's own identity and allow lists, so
     * nothing changes. A first run of each of those lines costs an interpreted JVM the resolving
     * of what it calls, a few hundred microseconds of a process's start in all.
     */
    private static void rehearseProcess() {
        try {
            rehearseThroughAPipe();
        } catch (IOException | RuntimeException e) {
            // best effort: the first process pays instead
        }
    }

    private static void rehearseThroughAPipe() throws IOException {
        java.nio.channels.Pipe pipe = java.nio.channels.Pipe.open();
        try (var sink = pipe.sink(); var source = pipe.source()) {
            WorkerMain scratch = new WorkerMain(new FrameWriter(sink), false);
            Allowed now = allowed;
            scratch.out.write(Protocol.RUN, Launch.runFrame(now.classes(), now.packages(),
                    new Configure(Identity.name, List.of(), List.of(), null, null, Identity.parentPid, Identity.parentName),
                    new RunProcess(RunProcess.nothing(), Identity.daemon)));
            scratch.out.flush();
            FrameReader in = new FrameReader(source);
            scratch.handle(in.next(), in.payload());
            if (scratch.commands.poll() instanceof Run r) {
                scratch.sayExiting(runTarget(r.configure(), r.run()));
                in.next(); // the EXITING frame
            }
        }
    }
}
