package dev.weft.examples.cookbook;

import dev.weft.actor.Actor;
import dev.weft.actor.ActorExit;
import java.io.PrintStream;

/**
 * Python Cookbook, 12.10 "Defining an Actor Task": the {@code Actor} class (a mailbox
 * {@code Queue}, {@code send}, {@code recv}, {@code close} sending the {@code ActorExit} sentinel,
 * {@code start}, {@code join}) and the sample {@code PrintActor}, sent "Hello" and "World", then
 * closed and joined.
 *
 * <p>The recipe's {@code Actor} is {@link Actor}: the mailbox is a lock-free queue, the thread a
 * virtual thread, and {@code _bootstrap}'s {@code except ActorExit: pass} and
 * {@code finally: self._terminated.set()} are the library's; {@code PrintActor} overrides
 * {@code run()} exactly as the recipe does. {@code recv()} throws {@link ActorExit} once the
 * messages sent before {@code close()} are taken, which ends the endless loop.
 *
 * <pre>{@code
 * Got: Hello
 * Got: World
 * }</pre>
 */
public final class DefiningAnActorTask {
    private DefiningAnActorTask() {}

    public static void main(String[] args) throws InterruptedException {
        run(System.out);
    }

    // Sample ActorTask
    static final class PrintActor extends Actor<String> {
        private final PrintStream out;

        PrintActor(PrintStream out) {
            this.out = out;
        }

        @Override
        protected void run() throws InterruptedException {
            while (true) {
                String msg = recv();
                out.println("Got: " + msg);
            }
        }
    }

    /** Runs the listing, printing to {@code out}; returns once the actor has ended. */
    public static void run(PrintStream out) throws InterruptedException {
        PrintActor p = new PrintActor(out);
        p.start();
        p.send("Hello");
        p.send("World");
        p.close();
        p.join();
    }
}
