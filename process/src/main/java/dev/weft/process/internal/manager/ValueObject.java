package dev.weft.process.internal.manager;

import dev.weft.process.internal.hub.Call;
import dev.weft.process.internal.hub.HubObject;
import dev.weft.process.internal.hub.Packed;
import dev.weft.process.internal.hub.Result;
import java.util.Arrays;
import java.util.List;

/** The server's side of a manager's value: one encoded value. Atomic ops; none waits. Not API. */
public final class ValueObject implements HubObject {
    public static final int GET = 1;
    public static final int SET = 2;
    public static final int GET_AND_SET = 3;
    /** Body: expected, new, packed; reply value 1 if it was set. */
    public static final int COMPARE_AND_SET = 4;

    private byte[] value; // guarded by this

    /** A value holding {@code initial} (encoded). */
    public ValueObject(byte[] initial) {
        this.value = initial;
    }

    @Override
    public synchronized Result handle(Call call) {
        return switch (call.op()) {
            case GET -> Result.ok(value);
            case SET -> {
                value = call.body();
                yield Result.ok();
            }
            case GET_AND_SET -> {
                byte[] old = value;
                value = call.body();
                yield Result.ok(old);
            }
            case COMPARE_AND_SET -> {
                List<byte[]> en = Packed.unpack(call.body(), 2);
                boolean match = Arrays.equals(value, en.get(0));
                if (match) {
                    value = en.get(1);
                }
                yield Result.ok(match ? 1 : 0);
            }
            default -> Result.failure(Result.ILLEGAL_ARGUMENT, "a value has no op " + call.op());
        };
    }
}
