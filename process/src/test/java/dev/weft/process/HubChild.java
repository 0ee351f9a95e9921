package dev.weft.process;

import dev.weft.process.internal.hub.ItemCodec;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.util.List;

/**
 * The main class of the child JVMs of the cross-process tests. Reads one length-prefixed message
 * from stdin (the codec's encoding of a list: a command, then its arguments, which may be queues
 * and pipe ends), does it, and exits 0. Shared objects travel on stdin, never in argv.
 */
public final class HubChild {
    private HubChild() {}

    @SuppressWarnings("unchecked")
    public static void main(String[] args) throws Exception {
        DataInputStream in = new DataInputStream(System.in);
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        List<Object> message = (List<Object>) ItemCodec.decode(bytes);
        String command = (String) message.get(0);
        switch (command) {
            case "put" -> {
                Queue<String> q = (Queue<String>) message.get(1);
                int n = (Integer) message.get(2);
                String prefix = (String) message.get(3);
                for (int i = 0; i < n; i++) {
                    q.put(prefix + i);
                }
                // no joinThread: the exit hook must deliver the pipelined puts
            }
            case "taskDone" -> {
                JoinableQueue<Integer> q = (JoinableQueue<Integer>) message.get(1);
                int n = (Integer) message.get(2);
                for (int i = 0; i < n; i++) {
                    q.get();
                    q.taskDone();
                }
            }
            case "echo" -> {
                Connection c = (Connection) message.get(1);
                try {
                    while (true) {
                        c.send(c.recv());
                    }
                } catch (EOFException e) {
                    c.close();
                }
            }
            case "send" -> {
                Connection c = (Connection) message.get(1);
                int n = (Integer) message.get(2);
                for (int i = 0; i < n; i++) {
                    c.send("m" + i);
                }
                // exits without closing: the end closes with the process
            }
            case "own" -> {
                Queue<String> q = new Queue<>();
                q.put("from-owner");
                byte[] ref = ItemCodec.encode(q);
                DataOutputStream out = new DataOutputStream(System.out);
                out.writeInt(ref.length);
                out.write(ref);
                out.flush();
                while (in.read() >= 0) {
                    // serve until the parent closes stdin or kills this process
                }
            }
            default -> throw new IllegalArgumentException("unknown command " + command);
        }
        System.out.flush();
        System.exit(0);
    }
}
