package dev.weft.process;

import dev.weft.process.internal.hub.ItemCodec;
import dev.weft.subprocess.Options;
import dev.weft.subprocess.Popen;
import dev.weft.subprocess.Redirect;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Starts {@link HubChild} JVMs for the cross-process tests, handing them their arguments on stdin. */
final class Children {
    private Children() {}

    /** A started child: its process, and its stdout as a data stream. */
    record Child(Popen<byte[]> popen, DataInputStream stdout) implements AutoCloseable {
        /** Waits for the exit code (the test's timeout bounds it). */
        int exitCode() throws InterruptedException, IOException {
            popen.stdin().close();
            return popen.waitFor();
        }

        /** Reads one length-prefixed byte string the child wrote. */
        byte[] readBytes() throws IOException {
            byte[] b = new byte[stdout.readInt()];
            stdout.readFully(b);
            return b;
        }

        @Override
        public void close() {
            popen.kill();
            popen.close();
        }
    }

    static Child start(String command, Object... args) {
        List<String> argv = new ArrayList<>();
        argv.add(System.getProperty("java.home") + "/bin/java");
        argv.add("-XX:TieredStopAtLevel=1");
        argv.add("-XX:+UseSerialGC");
        argv.add("-Xshare:auto");
        argv.add("-cp");
        argv.add(System.getProperty("java.class.path"));
        argv.add(HubChild.class.getName());
        Popen<byte[]> p = new Popen<>(argv, Options.defaults().stdin(Redirect.PIPE).stdout(Redirect.PIPE)
                .stderr(Redirect.INHERIT));
        try {
            List<Object> message = new ArrayList<>();
            message.add(command);
            message.addAll(List.of(args));
            byte[] bytes = ItemCodec.encode(message);
            DataOutputStream out = new DataOutputStream(p.stdin());
            out.writeInt(bytes.length);
            out.write(bytes);
            out.flush(); // stdin stays open: the child may wait for its end
        } catch (IOException e) {
            p.kill();
            throw new UncheckedIOException(e);
        }
        return new Child(p, new DataInputStream(p.stdout()));
    }
}
