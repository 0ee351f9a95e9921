package dev.weft.process;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a {@link Manager} or a {@link Listener} listens and where a {@link Client} connects:
 * Python's {@code address} of {@code multiprocessing.connection}, which is a path for a Unix-domain
 * socket or a {@code (host, port)} pair for TCP.
 *
 * <p>Its text form, which {@link #parse} reads and {@code toString()} writes, is
 * {@code unix:/some/path} for a Unix-domain socket and {@code host:port} (an IPv6 host in brackets,
 * {@code [::1]:5000}) for TCP.
 *
 * <p>Binding to anything but loopback makes a server reachable from other machines: anyone who can
 * reach it and knows its key can call it. Port 0 asks the system for a free port; the server
 * reports the one it got.
 */
public sealed interface Address permits Address.Unix, Address.Tcp {
    /**
     * A Unix-domain socket at a file-system path: reachable only from this machine, by processes that
     * may open the path.
     *
     * @param path the socket file
     */
    record Unix(Path path) implements Address {
        /** Checks the path. */
        public Unix {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public String toString() {
            return "unix:" + path;
        }
    }

    /**
     * A TCP address.
     *
     * @param host a host name or IP address literal
     * @param port a port, 0 to 65535 (0: any free port, for a server)
     */
    record Tcp(String host, int port) implements Address {
        /**
         * Checks the components.
         *
         * @throws IllegalArgumentException if the host is blank or the port out of range
         */
        public Tcp {
            Objects.requireNonNull(host, "host");
            if (host.isBlank()) {
                throw new IllegalArgumentException("blank host");
            }
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port out of range 0 to 65535: " + port);
            }
        }

        @Override
        public String toString() {
            return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
        }
    }

    /**
     * {@return a Unix-domain socket at {@code path}}
     *
     * @param path the socket file
     */
    static Address unix(Path path) {
        return new Unix(path);
    }

    /**
     * TCP {@code host:port}.
     *
     * @param host a host name or IP address literal
     * @param port the port; 0 asks a server for any free one
     * @return the address
     */
    static Address tcp(String host, int port) {
        return new Tcp(host, port);
    }

    /**
     * TCP on the IPv4 loopback interface, {@code 127.0.0.1:port}: this machine only.
     *
     * @param port the port; 0 asks a server for any free one
     * @return the address
     */
    static Address loopback(int port) {
        return new Tcp("127.0.0.1", port);
    }

    /**
     * Reads an address's text form: {@code unix:PATH}, {@code HOST:PORT} or {@code [IPV6]:PORT}.
     *
     * @param text the text form
     * @return the address it names
     * @throws IllegalArgumentException if {@code text} is none of these
     */
    static Address parse(String text) {
        Objects.requireNonNull(text, "text");
        if (text.startsWith("unix:")) {
            String path = text.substring("unix:".length());
            if (path.isEmpty()) {
                throw new IllegalArgumentException("no path in address: " + text);
            }
            return new Unix(Path.of(path));
        }
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("not an address (unix:PATH or HOST:PORT): " + text);
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.indexOf(':') >= 0) {
            throw new IllegalArgumentException("an IPv6 host must be in brackets, [::1]:5000: " + text);
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a port number in address: " + text, e);
        }
        return new Tcp(host, port);
    }
}
