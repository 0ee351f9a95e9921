package dev.weft.examples.byexample;

import dev.weft.process.Process;
import dev.weft.process.ProcessEvent;
import dev.weft.process.SharedValue;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Serial;
import java.nio.charset.Charset;
import java.time.Duration;

/**
 * Python Programming by Example, 11.5.2 "Synchronizing Processes", ch11_07.py: two daemon
 * {@code MyProcess}es share {@code multiprocessing.Value('i', 0, lock=True)}; each, every second,
 * takes the value's lock ({@code with self.shared_data.get_lock():}), adds one and prints the value
 * and its name; after Enter, {@code stop()} prints "stopping NAME", sets {@code self.running = False}
 * and joins with a 1 s timeout.
 *
 * <p>The value becomes a {@link SharedValue.OfInt} made by {@link SharedValue#ofInt(int)} (with its
 * own process-wide reentrant lock, as {@code lock=True}), handed to each child with the
 * {@code MyProcess} object; {@code with ...get_lock():} becomes {@code lock()}/{@code unlock()} in
 * {@code try}/{@code finally}. Both children add to the same memory, so the values they print run
 * 1, 2, 3... with no number twice.
 *
 * <p>As in ch11_06.py ({@link StoppableProcess}), the script's {@code self.running = False} changes
 * only the parent's copy of the object and never stops the child. Here each {@code MyProcess} has a
 * {@link ProcessEvent}, a flag in shared memory too: the child's pause between two increments is
 * {@code stopped.await(INTERVAL)} instead of a sleep, which returns true as soon as
 * {@link MyProcess#stopProcess} sets the flag, and the child ends on its own within the 1 s join.
 *
 * <pre>{@code
 * Press Enter to stop...
 * value: 1  from  Process 1
 * value: 2  from  Process 2
 * value: 3  from  Process 1
 * stopping  Process 1
 * stopping  Process 2
 * }</pre>
 */
public final class SynchronizedProcesses {
    private SynchronizedProcesses() {}

    /** The pause between two increments; the script sleeps 1 s. */
    static final Duration INTERVAL = Duration.ofMillis(25);
    /** The script's {@code join(1)}. */
    static final Duration JOIN_TIMEOUT = Duration.ofSeconds(1);

    /** The script's {@code MyProcess}: copied to its child with the shared value and its stop flag. */
    public static final class MyProcess extends Process {
        @Serial
        private static final long serialVersionUID = 1L;

        private final SharedValue.OfInt sharedData;
        private final ProcessEvent stopped = new ProcessEvent();
        private final String label;
        private final transient PrintStream out;

        public MyProcess(String name, SharedValue.OfInt sharedData, PrintStream out) {
            this.label = name;
            this.sharedData = sharedData;
            this.out = out;
            name(name);
        }

        /** Runs in the child: adds one under the value's lock until the parent sets the stop flag. */
        @Override
        public void run() throws InterruptedException {
            while (!stopped.await(INTERVAL)) { // time.sleep(1), or the stop flag
                sharedData.getLock().lock(); // with self.shared_data.get_lock():
                try {
                    sharedData.set(sharedData.get() + 1);
                    System.out.println("value: " + sharedData.get() + "  from  " + label);
                } finally {
                    sharedData.getLock().unlock();
                }
            }
        }

        /** The script's {@code stop()}: sets the flag the child waits on, then joins for up to 1 s. */
        public void stopProcess() throws InterruptedException {
            out.println("stopping  " + label);
            stopped.set();
            join(JOIN_TIMEOUT);
        }
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        run(System.out, new BufferedReader(new InputStreamReader(System.in, Charset.defaultCharset())));
    }

    /**
     * Runs the script, printing to {@code out}; returns the shared value (still open) after Enter
     * on {@code in} stopped both processes.
     */
    public static SharedValue.OfInt run(PrintStream out, BufferedReader in) throws IOException, InterruptedException {
        SharedValue.OfInt sharedData = SharedValue.ofInt(0); // multiprocessing.Value('i', 0, lock=True)
        MyProcess myProcess1 = new MyProcess("Process 1", sharedData, out);
        myProcess1.daemon(true);
        MyProcess myProcess2 = new MyProcess("Process 2", sharedData, out);
        myProcess2.daemon(true);
        myProcess1.start();
        myProcess2.start();

        out.println("Press Enter to stop...");
        in.readLine();
        myProcess1.stopProcess();
        myProcess2.stopProcess();
        return sharedData;
    }
}
