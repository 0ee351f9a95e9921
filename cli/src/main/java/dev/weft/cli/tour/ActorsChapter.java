package dev.weft.cli.tour;

import static dev.weft.cli.tour.Clock.perSecond;

import dev.weft.actor.Actor;
import dev.weft.actor.ActorFailure;
import dev.weft.actor.DeadLetter;
import dev.weft.actor.DeadLetters;
import dev.weft.actor.Mailbox;
import dev.weft.actor.Supervisor;
import dev.weft.pubsub.Exchange;
import dev.weft.pubsub.Subscription;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Cookbook's actors and publish/subscribe, {@code dev.weft.actor} and {@code dev.weft.pubsub}:
 * the seed's PrintActor, a hundred thousand actors, an ask, supervision with dead letters, and an
 * exchange delivering to actors.
 */
final class ActorsChapter implements Chapter {
    static final int ACTORS = 100_000;
    static final int MESSAGES = 1_000_000;

    @Override
    public String name() {
        return "actors";
    }

    @Override
    public String title() {
        return "the seed's PrintActor, 100,000 actors, ask, a supervisor, dead letters, an exchange";
    }

    @Override
    public void run(PrintWriter out) throws Exception {
        printActor(out);
        many(out);
        throughput(out);
        supervised(out);
        exchange(out);
    }

    /** Seed 002, 12.10: {@code p = PrintActor(); p.start(); p.send('Hello'); ...}. */
    private static void printActor(PrintWriter out) throws InterruptedException {
        List<String> got = new CopyOnWriteArrayList<>();
        Actor<String> p = new Actor<>() {
            @Override
            protected void run() throws InterruptedException {
                while (true) {
                    got.add("Got: " + recv());
                }
            }
        };
        p.start();
        p.send("Hello");
        p.send("World");
        p.close();
        p.join();
        out.printf("PrintActor: %s, then ActorExit ended it (alive: %s)%n", got, p.isAlive());
    }

    private static void many(PrintWriter out) throws Exception {
        long t0 = System.nanoTime();
        CountDownLatch handled = new CountDownLatch(ACTORS);
        List<Actor<Integer>> actors = new ArrayList<>(ACTORS);
        for (int i = 0; i < ACTORS; i++) {
            Actor<Integer> a = Actor.spawn(n -> handled.countDown());
            a.send(i);
            actors.add(a);
        }
        boolean all = handled.await(60, TimeUnit.SECONDS);
        long took = System.nanoTime() - t0;
        Actor<Integer> adder = Actor.spawnReplying(n -> n + 1);
        int answer = adder.<Integer>ask(41).result(Duration.ofSeconds(30));
        actors.forEach(Actor::close);
        for (Actor<Integer> a : actors) {
            a.join(Duration.ofSeconds(30));
        }
        adder.close();
        out.printf("%,d actors, a virtual thread each, spawned and sent a message: %s in %s; ask(41) of an adder: %d%n",
                ACTORS, all ? "all handled" : "NOT ALL HANDLED: WRONG", Clock.ms(took), answer);
    }

    private static void throughput(PrintWriter out) throws InterruptedException {
        AtomicInteger count = new AtomicInteger();
        Actor<Integer> counter = Actor.spawn(m -> count.incrementAndGet());
        long t0 = System.nanoTime();
        for (int i = 0; i < MESSAGES; i++) {
            counter.send(i);
        }
        counter.close();
        counter.join(Duration.ofMinutes(1));
        long took = System.nanoTime() - t0;
        out.printf("%,d messages through one actor: %s, every one received: %s%n", MESSAGES,
                perSecond(MESSAGES, took, "messages"), count.get() == MESSAGES ? "yes" : "NO: WRONG");
    }

    private static void supervised(PrintWriter out) throws InterruptedException {
        DeadLetters office = new DeadLetters();
        List<String> restarts = new CopyOnWriteArrayList<>();
        CountDownLatch escalated = new CountDownLatch(1);
        Supervisor supervisor = Supervisor.restarting(2, Duration.ofMinutes(1))
                .escalatingTo((ActorFailure f) -> escalated.countDown());
        Actor<String> parser = Actor.spawn(Mailbox.unbounded().deadLettersTo(office), supervisor, s -> {
            restarts.add(s);
            Integer.parseInt(s); // fails on anything but a number
        });
        for (String s : List.of("1", "x", "2", "y", "3", "z")) {
            parser.send(s);
        }
        boolean stopped = escalated.await(30, TimeUnit.SECONDS) && parser.join(Duration.ofSeconds(30));
        parser.send("after the end");
        long dead = office.count();
        List<DeadLetter.Reason> reasons = office.recent().stream().map(DeadLetter::reason).toList();
        out.printf("a supervised parser restarted after 'x' and 'y', stopped at 'z' (the limit): %s; its failure"
                        + " escalated; dead letters: %d %s%n", stopped ? "stopped" : "STILL RUNNING: WRONG", dead, reasons);
    }

    private static void exchange(PrintWriter out) throws InterruptedException {
        Exchange<String> exc = Exchange.named("tour");
        List<String> received = new CopyOnWriteArrayList<>();
        CountDownLatch delivered = new CountDownLatch(6);
        Actor<String> a = Actor.spawn(m -> {
            received.add("a:" + m);
            delivered.countDown();
        });
        Actor<String> b = Actor.spawn(m -> {
            received.add("b:" + m);
            delivered.countDown();
        });
        AtomicInteger reported = new AtomicInteger();
        exc.setErrorHandler((subscriber, message, failure) -> reported.incrementAndGet());
        try (Subscription s = exc.subscribe(a, b, m -> {
            throw new IllegalStateException("a broken subscriber");
        })) {
            for (String m : List.of("x", "y", "z")) {
                exc.send(m);
            }
        }
        boolean all = delivered.await(30, TimeUnit.SECONDS);
        a.close();
        b.close();
        a.join();
        b.join();
        out.printf("Exchange.named(\"tour\") to two actors and a subscriber that throws: each actor got x, y, z in"
                        + " order: %s; the broken one was reported %d times; subscribers left after the"
                        + " subscription closed: %d%n",
                all && received.stream().filter(r -> r.startsWith("a:")).toList().equals(List.of("a:x", "a:y", "a:z"))
                        && received.stream().filter(r -> r.startsWith("b:")).toList().equals(List.of("b:x", "b:y", "b:z"))
                        ? "yes" : "NO: WRONG",
                reported.get(), exc.subscriberCount());
    }
}
