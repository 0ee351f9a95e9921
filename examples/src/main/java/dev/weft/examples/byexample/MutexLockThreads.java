package dev.weft.examples.byexample;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Python Programming by Example, 11.3.1 "Mutex Locks", ch11_03.py: two {@code MyThread}s share a
 * global {@code value} and one {@code Lock}; each, in turn, acquires the lock, increments and
 * prints the value, releases the lock, and sleeps; Enter stops both.
 *
 * <p>{@code threading.Lock()} becomes a {@link ReentrantLock}, {@code acquire()}/{@code release()}
 * become {@code lock()} and {@code unlock()} in {@code try/finally}. The global {@code value}
 * becomes a static field guarded by that lock. The thread's {@code self.name} is the Java
 * thread's name; {@code stop()} is {@link MyThread#stopRunning()} ({@code Thread.stop()} is final
 * in Java), and {@code running} is set in {@code start()} rather than {@code run()} (see
 * {@link StoppableThread}). Since each increment is printed under the lock, the values printed
 * are 1, 2, 3, ... in order, whichever thread prints them. The texts keep the script's double
 * spaces ({@code print} puts a space between its arguments, which have spaces of their own).
 *
 * <pre>{@code
 * Press Enter to stop...
 * value: 1  from  Thread 1
 * value: 2  from  Thread 2
 * value: 3  from  Thread 1
 * value: 4  from  Thread 2
 * stopping  Thread 1
 * stopping  Thread 2
 * }</pre>
 */
public final class MutexLockThreads {
    private MutexLockThreads() {}

    /** The pause after each increment; the script sleeps 2 s. */
    static final Duration INTERVAL = Duration.ofMillis(25);
    /** The script's {@code join(2)}. */
    static final Duration JOIN_TIMEOUT = Duration.ofSeconds(2);

    private static int value; // global value; guarded by the lock given to the threads

    /** The script's {@code MyThread(name, o_lock)}. */
    public static final class MyThread extends Thread {
        private final PrintStream out;
        private final Lock valueLock;
        private volatile boolean running = false;

        public MyThread(String name, Lock oLock, PrintStream out) {
            super(name);
            this.valueLock = oLock;
            this.out = out;
        }

        @Override
        public void start() {
            running = true;
            super.start();
        }

        @Override
        public void run() {
            try {
                while (running) {
                    valueLock.lock();
                    try {
                        value += 1;
                        out.println("value: " + value + "  from  " + getName());
                    } finally {
                        valueLock.unlock();
                    }
                    Thread.sleep(INTERVAL);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** The script's {@code stop()}. */
        public void stopRunning() throws InterruptedException {
            out.println("stopping  " + getName());
            running = false;
            join(JOIN_TIMEOUT);
        }
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        run(System.out, new BufferedReader(new InputStreamReader(System.in, Charset.defaultCharset())));
    }

    /** Runs the script, printing to {@code out}; returns after Enter on {@code in}. */
    public static void run(PrintStream out, BufferedReader in) throws IOException, InterruptedException {
        ReentrantLock valueLock = new ReentrantLock();
        valueLock.lock();
        try {
            value = 0;
        } finally {
            valueLock.unlock();
        }
        MyThread myThread1 = new MyThread("Thread 1", valueLock, out);
        myThread1.setDaemon(true);
        MyThread myThread2 = new MyThread("Thread 2", valueLock, out);
        myThread2.setDaemon(true);
        myThread1.start();
        myThread2.start();

        out.println("Press Enter to stop...");
        in.readLine();
        myThread1.stopRunning();
        myThread2.stopRunning();
    }
}
