package dev.weft.process.internal.manager;

import dev.weft.process.internal.hub.Call;
import dev.weft.process.internal.hub.HubObject;
import dev.weft.process.internal.hub.ItemCodec;
import dev.weft.process.internal.hub.Result;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The server's side of an object of a type registered with a manager: the object itself, whose
 * interface's methods clients call by signature. Unlike the built-in types, this one decodes what
 * callers send (the arguments), with the server's allowlist: the JDK's value types and what the
 * manager was told to allow. Each call runs on a thread of its own, so a method may block; calls on
 * one object may run at once, so the object must be thread-safe, as in Python's manager. Not API.
 */
public final class CustomObject implements HubObject {
    /** Body: the encoded list [signature, [arguments...]]; reply: the encoded return value. */
    public static final int CALL = 1;

    private final Object target;
    private final Map<String, Method> methods = new HashMap<>();

    /** Serves {@code target} through the methods of {@code iface}. */
    public CustomObject(Class<?> iface, Object target) {
        this.target = target;
        for (Method m : iface.getMethods()) {
            if (!java.lang.reflect.Modifier.isStatic(m.getModifiers())) {
                methods.put(signature(m), m);
            }
        }
    }

    /** How a method is named in a call: its name and parameter types, {@code "add(int,int)"}. */
    public static String signature(Method m) {
        StringBuilder b = new StringBuilder(m.getName()).append('(');
        Class<?>[] types = m.getParameterTypes();
        for (int i = 0; i < types.length; i++) {
            b.append(i == 0 ? "" : ",").append(types[i].getName());
        }
        return b.append(')').toString();
    }

    @Override
    public Result handle(Call call) throws Exception {
        if (call.op() != CALL) {
            return Result.failure(Result.ILLEGAL_ARGUMENT, "a registered object has no op " + call.op());
        }
        Object decoded;
        try {
            decoded = ItemCodec.decode(call.body());
        } catch (dev.weft.process.internal.wire.ClassNotAllowedException e) {
            throw new IllegalArgumentException("the manager's server refuses the call's arguments: " + e.getMessage()
                    + " (a manager allows more with Manager.builder().allowClass or allowPackage)", e);
        }
        if (!(decoded instanceof List<?> request) || request.size() != 2
                || !(request.get(0) instanceof String signature) || !(request.get(1) instanceof List<?> args)) {
            throw new IllegalArgumentException("malformed call: not [signature, [arguments]]");
        }
        Method m = methods.get(signature);
        if (m == null) {
            throw new IllegalArgumentException("no method " + signature + " on " + target.getClass().getName());
        }
        return call.async(() -> {
            try {
                return Result.ok(ItemCodec.encode(m.invoke(target, args.toArray())));
            } catch (InvocationTargetException e) {
                Throwable cause = e.getCause();
                String message = cause.getMessage();
                return Result.failure(Result.FAILED, cause.getClass().getName() + (message == null ? "" : ": " + message));
            }
        });
    }
}
