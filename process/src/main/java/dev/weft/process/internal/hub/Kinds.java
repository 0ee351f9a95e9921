package dev.weft.process.internal.hub;

import java.io.InvalidObjectException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * What each kind of {@link RemoteRef} decodes to. The public classes register their kinds (from
 * {@code dev.weft.process.HubKinds}, loaded here on first use, so a process that has never touched
 * those classes can still decode them). Not API.
 */
public final class Kinds {
    private static final Map<String, Function<RemoteRef, Object>> RESOLVERS = new ConcurrentHashMap<>();
    private static final String[] REGISTRARS = {"dev.weft.process.HubKinds"};

    static {
        for (String registrar : REGISTRARS) {
            try {
                Class.forName(registrar, true, Kinds.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                // that module is not on the class path: its kinds are unknown here
            }
        }
    }

    private Kinds() {}

    /** Makes refs of {@code kind} decode through {@code resolver}. */
    public static void register(String kind, Function<RemoteRef, Object> resolver) {
        RESOLVERS.put(kind, resolver);
    }

    static Object resolve(RemoteRef ref) throws InvalidObjectException {
        Function<RemoteRef, Object> resolver = RESOLVERS.get(ref.kind());
        if (resolver == null) {
            throw new InvalidObjectException("unknown kind of shared object: " + ref.kind());
        }
        return resolver.apply(ref);
    }
}
