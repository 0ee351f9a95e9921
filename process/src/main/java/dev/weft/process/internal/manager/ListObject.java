package dev.weft.process.internal.manager;

import dev.weft.process.internal.hub.Call;
import dev.weft.process.internal.hub.HubObject;
import dev.weft.process.internal.hub.Packed;
import dev.weft.process.internal.hub.Result;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The server's side of a manager's list, or of an array (a list of fixed length): encoded items.
 * Every op is atomic; none waits. Indexes come in {@code arg1}. Not API.
 */
public final class ListObject implements HubObject {
    public static final int GET = 1;
    public static final int SET = 2;
    public static final int APPEND = 3;
    public static final int INSERT = 4;
    public static final int REMOVE_AT = 5;
    public static final int SIZE = 6;
    public static final int CLEAR = 7;
    public static final int INDEX_OF = 8;
    public static final int LAST_INDEX_OF = 9;
    public static final int REMOVE = 10;
    public static final int SNAPSHOT = 11;
    /** arg1: where (-1: at the end); body: the items, packed. */
    public static final int ADD_ALL = 12;

    private final ArrayList<byte[]> items = new ArrayList<>(); // guarded by this
    private final boolean fixedLength;

    /** A list; an array if {@code fixedLength} (its length is set by the {@link #ADD_ALL} that fills it). */
    public ListObject(boolean fixedLength) {
        this.fixedLength = fixedLength;
    }

    @Override
    public synchronized Result handle(Call call) {
        byte[] body = call.body();
        int op = call.op();
        if (fixedLength && op != GET && op != SET && op != SIZE && op != INDEX_OF && op != LAST_INDEX_OF
                && op != SNAPSHOT && !(op == ADD_ALL && items.isEmpty())) {
            throw new UnsupportedOperationException("an array has a fixed length of " + items.size()
                    + ": it cannot grow or shrink");
        }
        return switch (op) {
            case GET -> Result.ok(items.get(index(call, items.size())));
            case SET -> Result.ok(items.set(index(call, items.size()), body));
            case APPEND -> {
                items.add(body);
                yield Result.ok();
            }
            case INSERT -> {
                items.add(index(call, items.size() + 1), body);
                yield Result.ok();
            }
            case REMOVE_AT -> Result.ok(items.remove(index(call, items.size())));
            case SIZE -> Result.ok(items.size());
            case CLEAR -> {
                items.clear();
                yield Result.ok();
            }
            case INDEX_OF -> Result.ok(indexOf(body, false));
            case LAST_INDEX_OF -> Result.ok(indexOf(body, true));
            case REMOVE -> {
                int i = indexOf(body, false);
                if (i >= 0) {
                    items.remove(i);
                }
                yield Result.ok(i >= 0 ? 1 : 0);
            }
            case SNAPSHOT -> Result.ok(new ArrayList<>(items));
            case ADD_ALL -> {
                List<byte[]> more = Packed.unpack(body);
                if (call.arg1() < 0) {
                    items.addAll(more);
                } else {
                    items.addAll(index(call, items.size() + 1), more);
                }
                yield Result.ok();
            }
            default -> Result.failure(Result.ILLEGAL_ARGUMENT, "a list has no op " + op);
        };
    }

    private int index(Call call, int bound) {
        long i = call.arg1();
        if (i < 0 || i >= bound) {
            throw new IndexOutOfBoundsException("index " + i + " out of bounds for length " + items.size());
        }
        return (int) i;
    }

    private int indexOf(byte[] item, boolean last) {
        if (last) {
            for (int i = items.size() - 1; i >= 0; i--) {
                if (Arrays.equals(items.get(i), item)) {
                    return i;
                }
            }
        } else {
            for (int i = 0; i < items.size(); i++) {
                if (Arrays.equals(items.get(i), item)) {
                    return i;
                }
            }
        }
        return -1;
    }
}
