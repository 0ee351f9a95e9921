package dev.weft.examples.byexample;

import dev.weft.process.Connection;
import dev.weft.process.Pipe;
import dev.weft.process.Process;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Serial;
import java.nio.charset.Charset;
import java.time.Duration;

/**
 * Python Programming by Example, 11.5.1 "Process", ch11_06.py: {@code MyProcess}, a
 * {@code multiprocessing.Process} subclass whose {@code run()} prints a counter every 2 s while
 * {@code self.running} is true, and whose {@code stop()} prints "stopping process...", sets
 * {@code self.running = False} and joins with a 1 s timeout; a daemon, stopped after Enter.
 *
 * <p><b>The script's stop does not work</b>, and this port does not copy it. {@code start()} copies
 * the {@code MyProcess} object into the child; the child's {@code run()} reads the child's copy of
 * {@code running}. {@code self.running = False} in the parent's {@code stop()} changes the parent's
 * copy only: the child never sees it and counts on, {@code join(1)} times out, and the child dies
 * only because it is a daemon and the script ends. Processes share no memory; a value must travel
 * through a channel between them.
 *
 * <p>So here the stop signal goes through a {@link Pipe}: {@code MyProcess} holds the receiving end
 * ({@link Pipe#open(boolean) Pipe.open(false)}, one-way), copied to the child with the object; the
 * parent keeps the sending end. The child's wait between two counter lines is
 * {@link Connection#poll(Duration) poll(INTERVAL)} on its end instead of a sleep: it returns
 * {@code true} as soon as the parent's {@code "stop"} arrives (or the parent's end closes), and the
 * loop ends. {@link MyProcess#stopProcess()} (named so because {@code Process}'s methods are final)
 * prints "stopping process...", sends {@code "stop"} and joins with the script's 1 s timeout; the
 * child then exits on its own with exit code 0 instead of being killed. ({@link Process#terminate()}
 * would stop it too, but as a kill: exit code -15, no {@code finally} blocks.)
 *
 * <p>The child prints its counter with {@code System.out.println}; Weft forwards the lines to the
 * parent's {@code System.out} (in {@link #main}, the {@code out} given to {@link #run}).
 *
 * <pre>{@code
 * Press Enter to stop...
 * counter: 0
 * counter: 1
 * stopping process...
 * }</pre>
 */
public final class StoppableProcess {
    private StoppableProcess() {}

    /** The pause between two counter lines; the script sleeps 2 s. */
    static final Duration INTERVAL = Duration.ofMillis(25);
    /** The script's {@code join(1)}. */
    static final Duration JOIN_TIMEOUT = Duration.ofSeconds(1);

    /** The script's {@code MyProcess}: copied to the child with its end of the stop pipe. */
    public static final class MyProcess extends Process {
        @Serial
        private static final long serialVersionUID = 1L;

        /** Where the child hears "stop": the receiving end of a one-way pipe. */
        private final Connection stopRequests;
        /** The parent's end; never used in the child. */
        private final transient Connection stopSender;
        private final transient PrintStream out;

        public MyProcess(PrintStream out) {
            Pipe pipe = Pipe.open(false);
            this.stopRequests = pipe.first();
            this.stopSender = pipe.second();
            this.out = out;
        }

        /** Runs in the child: counts until the parent asks it to stop. */
        @Override
        public void run() throws IOException, InterruptedException {
            int counter = 0;
            while (true) {
                System.out.println("counter: " + counter);
                if (stopRequests.poll(INTERVAL)) { // time.sleep(2), or "stop" from the parent
                    break;
                }
                counter += 1;
            }
            stopRequests.close();
        }

        /** The script's {@code stop()}: asks the child to stop, then waits up to 1 s for it. */
        public void stopProcess() throws IOException, InterruptedException {
            out.println("stopping process...");
            try {
                stopSender.send("stop");
            } catch (IOException e) {
                // a broken pipe: the child has already ended and closed its end, nothing to stop
            }
            join(JOIN_TIMEOUT);
            stopSender.close();
        }
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        run(System.out, new BufferedReader(new InputStreamReader(System.in, Charset.defaultCharset())));
    }

    /** Runs the script, printing to {@code out}; returns the process after Enter on {@code in} stopped it. */
    public static MyProcess run(PrintStream out, BufferedReader in) throws IOException, InterruptedException {
        MyProcess myProcess = new MyProcess(out);
        myProcess.daemon(true);
        myProcess.start();

        out.println("Press Enter to stop...");
        in.readLine();
        myProcess.stopProcess();
        return myProcess;
    }
}
