package dev.weft.process.internal.hub;

import java.io.InvalidObjectException;
import java.io.ObjectStreamException;
import java.io.Serial;
import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;

/**
 * What a hub object becomes when it is encoded for another process: where its owner's hub listens,
 * the key to get in, and which object it is. Decoding it ({@link #readResolve}) gives the receiving
 * process its own handle on the object: a proxy that talks to the owner's hub, or, in the owner
 * itself, a handle on the local object. Not API, but allowed by
 * {@link dev.weft.process.internal.wire.ClassAllowlist}'s defaults, since it is the form every
 * shared queue and pipe end travels in.
 *
 * <p>It carries the hub's key, as Python's pickled connections and managers carry the authkey: send
 * it only over channels that are private to the processes concerned (a child's standard input, an
 * authenticated connection).
 *
 * @param address where the owner's hub listens, in {@link dev.weft.process.Address}'s text form
 * @param key the owner hub's key
 * @param ownerPid the owner's process id, for messages
 * @param objectId the object's id in the owner's hub
 * @param kind what the object is ({@code "Queue"}, {@code "Connection"}...), which decides the
 *     handle decoding makes
 * @param param a number the kind gives meaning to (a queue's maxsize, a pipe end's direction)
 * @param token the transfer token of this copy, or 0 when copies are not counted
 * @param flags {@link #MANAGED} or 0
 */
public record RemoteRef(String address, byte[] key, long ownerPid, long objectId, String kind, long param, long token,
                        int flags)
        implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    /** Flag: the owner is a {@link dev.weft.process.Manager}'s server, whose loss callers learn as such. */
    public static final int MANAGED = 1;

    /** A ref without flags. */
    public RemoteRef(String address, byte[] key, long ownerPid, long objectId, String kind, long param, long token) {
        this(address, key, ownerPid, objectId, kind, param, token, 0);
    }

    /** Checks the components. */
    public RemoteRef {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(kind, "kind");
    }

    /** This ref with another transfer token. */
    public RemoteRef withToken(long newToken) {
        return new RemoteRef(address, key, ownerPid, objectId, kind, param, newToken, flags);
    }

    /** This ref reached through another address of the same hub (the one a client connected to). */
    public RemoteRef withAddress(String newAddress) {
        return new RemoteRef(newAddress, key, ownerPid, objectId, kind, param, token, flags);
    }

    /** Whether the owner is a manager's server. */
    public boolean managed() {
        return (flags & MANAGED) != 0;
    }

    /** "Queue 3 of process 1234", for messages. */
    public String describe() {
        return kind + " " + objectId + " of process " + ownerPid;
    }

    /**
     * The handle this process gets for the object.
     *
     * @throws InvalidObjectException if the kind is unknown
     */
    @Serial
    private Object readResolve() throws ObjectStreamException {
        return Kinds.resolve(this);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RemoteRef r && address.equals(r.address) && Arrays.equals(key, r.key)
                && ownerPid == r.ownerPid && objectId == r.objectId && kind.equals(r.kind) && param == r.param
                && token == r.token && flags == r.flags;
    }

    @Override
    public int hashCode() {
        return Objects.hash(address, ownerPid, objectId, kind, param, token);
    }

    /** Names the object; never shows the key. */
    @Override
    public String toString() {
        return "RemoteRef[" + describe() + ", at " + address + "]";
    }
}
