package dev.weft.cli;

import dev.weft.process.Address;
import dev.weft.process.Listener;
import dev.weft.process.Manager;
import dev.weft.process.ProcessException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code weft manager serve}: a {@link Manager} server in this process, as Python's
 * {@code BaseManager(address, authkey).get_server().serve_forever()}, until SIGTERM or Ctrl-C, which
 * shut it down cleanly (every client's proxies then fail at once with
 * {@code ManagerUnavailableException}; a Unix-domain socket file is removed).
 */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = {
            "Runs a manager server in this process until SIGTERM or Ctrl-C, then shuts it down cleanly."
                    + " Clients reach its dicts, lists, queues, namespaces, values and locks with"
                    + " Manager.connect(Address.parse(ADDRESS), authkey) (with the same --max-frame, if set).",
            "Its first line of output is 'weft manager: serving at ADDRESS ...', ADDRESS being where it"
                    + " listens (the port the system chose, for port 0).",
            "Every connection must prove it knows the authkey before anything else is read. The key is every"
                    + " byte of FILE, a final line break included (head -c 32 /dev/urandom > FILE; chmod 600"
                    + " FILE); an empty file, or one its group or others may access, is refused."
        })
final class ManagerServeCommand implements Callable<Integer> {

    /** Where the server listens by default: loopback, a free port. */
    static final String DEFAULT_ADDRESS = "127.0.0.1:0";

    @Option(names = "--address", paramLabel = "ADDR", defaultValue = DEFAULT_ADDRESS,
            description = "HOST:PORT, [IPV6]:PORT or unix:PATH (default: ${DEFAULT-VALUE}, loopback on a free port);"
                    + " a host other than loopback lets other machines connect")
    String address;

    @Option(names = "--authkey-file", paramLabel = "FILE", required = true,
            description = "the file holding the authkey (every byte of it; mode 600)")
    Path authkeyFile;

    @Option(names = "--max-frame", paramLabel = "BYTES",
            description = "the bound on one message either way, at least 1024 (default: ${DEFAULT-VALUE})")
    int maxFrame = Listener.DEFAULT_MAX_MESSAGE_SIZE;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Where the server listens, once it does; for a test that runs the command in-process. */
    final CompletableFuture<Address> listening = new CompletableFuture<>();

    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);

    /**
     * Serves until {@link #stop()}, SIGTERM or Ctrl-C.
     *
     * @return 0 after a clean shutdown, 1 if the server could not start, 2 for a bad address or key
     *     file
     */
    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Address at;
        byte[] key;
        try {
            at = Address.parse(address);
            key = AuthkeyFile.read(authkeyFile);
        } catch (IllegalArgumentException | AuthkeyFile.RefusedException e) {
            err.println("weft manager serve: " + e.getMessage());
            listening.completeExceptionally(e);
            return 2;
        }
        Manager manager;
        try {
            manager = Manager.builder().inProcess().address(at).authkey(key).maxFrameSize(maxFrame).start();
        } catch (ProcessException | IllegalArgumentException e) {
            err.println("weft manager serve: cannot serve at " + at + ": " + e.getMessage());
            listening.completeExceptionally(e);
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            listening.completeExceptionally(e);
            return 1;
        }
        // SIGTERM and Ctrl-C run shutdown hooks; this one hands the shutdown to the serving thread
        // and holds the JVM until it is done, so clients see the server close, not vanish.
        Thread hook = Thread.ofPlatform().name("weft-manager-stop").unstarted(() -> {
            stop();
            awaitQuietly(stopped, Manager.SHUTDOWN_WAIT.toMillis());
        });
        Runtime.getRuntime().addShutdownHook(hook);
        if (!isLoopback(manager.address())) {
            err.println("weft manager serve: listening beyond loopback: anyone who can reach " + manager.address()
                    + " and knows the key can use its objects");
        }
        out.println("weft manager: serving at " + manager.address() + " (pid " + ProcessHandle.current().pid()
                + "); SIGTERM or Ctrl-C stops it");
        out.flush();
        listening.complete(manager.address());
        try {
            stopRequested.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            manager.shutdown();
            out.println("weft manager: shut down");
            out.flush();
            stopped.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is the one running: nothing to remove
            }
        }
        return 0;
    }

    /** Asks the server to shut down; {@link #call()} then returns. Idempotent. */
    void stop() {
        stopRequested.countDown();
    }

    private static boolean isLoopback(Address address) {
        if (!(address instanceof Address.Tcp tcp)) {
            return true; // a Unix-domain socket: this machine only
        }
        try {
            return InetAddress.getByName(tcp.host()).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static void awaitQuietly(CountDownLatch latch, long millis) {
        try {
            latch.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
