package dev.weft.examples.cookbook;

import dev.weft.actor.Actor;
import dev.weft.actor.ActorFailure;
import dev.weft.actor.Supervisor;
import dev.weft.actor.Supervisor.Directive;
import java.io.PrintStream;
import java.time.Duration;

/**
 * Beyond 12.10: an actor supervised. The recipe's actor dies with its first exception, and its
 * thread prints a traceback nobody acts on. Here a {@code Summer} adds up the numbers it is sent
 * and fails on one it cannot parse; its {@link Supervisor} restarts it (a fresh {@code run()} on
 * the same mailbox, so the messages behind the bad one are still handled, and the same object, so
 * the total survives), at most once a minute. The second bad message exceeds that limit: the
 * actor stops, and the failure is escalated to a parent actor, which reports it. An
 * {@link Actor#ask ask} reads the total.
 *
 * <p>Everything the supervisor and the summer print happens on the summer's thread, in order; the
 * parent prints after the summer has stopped and before it is closed itself, so the output is the
 * same on every run:
 *
 * <pre>{@code
 * summer: started
 * summer: added 1, total 1
 * summer: added 2, total 3
 * supervisor: NumberFormatException: For input string: "three" -> RESTART
 * summer: started
 * summer: added 4, total 7
 * total asked: 7
 * supervisor: NumberFormatException: For input string: "five" -> RESTART
 * parent: summer failed after 1 restart: For input string: "five"
 * summer alive: false
 * }</pre>
 */
public final class SupervisedActor {
    private SupervisedActor() {}

    public static void main(String[] args) throws Exception {
        run(System.out);
    }

    /** Adds up the numbers it is sent; answers "total" with the sum; fails on anything else. */
    static final class Summer extends Actor<String> {
        private final PrintStream out;
        private int total; // kept across restarts: the same object runs again

        Summer(PrintStream out) {
            this.out = out;
        }

        @Override
        protected void run() throws InterruptedException {
            out.println("summer: started");
            while (true) {
                String msg = recv();
                if (msg.equals("total")) {
                    reply(total);
                    continue;
                }
                int n = Integer.parseInt(msg); // throws NumberFormatException on a bad message
                total += n;
                out.println("summer: added " + n + ", total " + total);
            }
        }
    }

    /** Runs the example, printing to {@code out}; returns once both actors have ended. */
    public static void run(PrintStream out) throws Exception {
        Actor<ActorFailure> parent = Actor.spawn(failure -> out.println("parent: summer failed after "
                + failure.restarts() + (failure.restarts() == 1 ? " restart: " : " restarts: ")
                + failure.cause().getMessage()));

        Supervisor supervisor = Supervisor.restarting(1, Duration.ofMinutes(1))
                .deciding(failure -> {
                    out.println("supervisor: " + failure.cause().getClass().getSimpleName() + ": "
                            + failure.cause().getMessage() + " -> " + Directive.RESTART);
                    return Directive.RESTART;
                })
                .escalatingTo(parent);

        Summer summer = new Summer(out);
        summer.start(supervisor);
        summer.send("1");
        summer.send("2");
        summer.send("three");
        summer.send("4");
        int total = summer.<Integer>ask("total").result(Duration.ofSeconds(20));
        out.println("total asked: " + total);
        summer.send("five");
        summer.join();
        parent.close();
        parent.join();
        out.println("summer alive: " + summer.isAlive());
    }
}
