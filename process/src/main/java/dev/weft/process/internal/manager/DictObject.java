package dev.weft.process.internal.manager;

import dev.weft.process.internal.hub.Call;
import dev.weft.process.internal.hub.HubObject;
import dev.weft.process.internal.hub.Packed;
import dev.weft.process.internal.hub.Result;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The server's side of a manager's dict (and of a namespace, a dict of attribute names): encoded
 * keys to encoded values, in insertion order, as Python's dict. Every op is atomic; none waits. Not
 * API.
 */
public final class DictObject implements HubObject {
    public static final int GET = 1;
    public static final int PUT = 2;
    public static final int REMOVE = 3;
    public static final int CONTAINS_KEY = 4;
    public static final int CONTAINS_VALUE = 5;
    public static final int SIZE = 6;
    public static final int CLEAR = 7;
    public static final int PUT_IF_ABSENT = 8;
    public static final int REMOVE_IF = 9;
    public static final int REPLACE = 10;
    public static final int REPLACE_IF = 11;
    /** Reply: key, value, key, value... packed. */
    public static final int ITEMS = 12;
    /** Body: key, value, key, value... packed. */
    public static final int PUT_ALL = 13;

    private final Map<Bytes, byte[]> map = new LinkedHashMap<>(); // guarded by this

    @Override
    public synchronized Result handle(Call call) {
        byte[] body = call.body();
        return switch (call.op()) {
            case GET -> value(map.get(Bytes.of(body)));
            case PUT -> {
                List<byte[]> kv = Packed.unpack(body, 2);
                yield value(map.put(Bytes.of(kv.get(0)), kv.get(1)));
            }
            case REMOVE -> value(map.remove(Bytes.of(body)));
            case CONTAINS_KEY -> Result.ok(map.containsKey(Bytes.of(body)) ? 1 : 0);
            case CONTAINS_VALUE -> Result.ok(map.values().stream().anyMatch(v -> java.util.Arrays.equals(v, body)) ? 1 : 0);
            case SIZE -> Result.ok(map.size());
            case CLEAR -> {
                map.clear();
                yield Result.ok();
            }
            case PUT_IF_ABSENT -> {
                List<byte[]> kv = Packed.unpack(body, 2);
                yield value(map.putIfAbsent(Bytes.of(kv.get(0)), kv.get(1)));
            }
            case REMOVE_IF -> {
                List<byte[]> kv = Packed.unpack(body, 2);
                Bytes key = Bytes.of(kv.get(0));
                byte[] now = map.get(key);
                boolean match = now != null && java.util.Arrays.equals(now, kv.get(1));
                if (match) {
                    map.remove(key);
                }
                yield Result.ok(match ? 1 : 0);
            }
            case REPLACE -> {
                List<byte[]> kv = Packed.unpack(body, 2);
                Bytes key = Bytes.of(kv.get(0));
                yield map.containsKey(key) ? value(map.put(key, kv.get(1))) : Result.none();
            }
            case REPLACE_IF -> {
                List<byte[]> kov = Packed.unpack(body, 3);
                Bytes key = Bytes.of(kov.get(0));
                byte[] now = map.get(key);
                boolean match = now != null && java.util.Arrays.equals(now, kov.get(1));
                if (match) {
                    map.put(key, kov.get(2));
                }
                yield Result.ok(match ? 1 : 0);
            }
            case ITEMS -> {
                List<byte[]> items = new ArrayList<>(2 * map.size());
                for (Map.Entry<Bytes, byte[]> e : map.entrySet()) {
                    items.add(e.getKey().bytes());
                    items.add(e.getValue());
                }
                yield Result.ok(items);
            }
            case PUT_ALL -> {
                List<byte[]> kvs = Packed.unpack(body);
                if (kvs.size() % 2 != 0) {
                    throw new IllegalArgumentException("malformed body: an odd number of parts for key-value pairs");
                }
                for (int i = 0; i < kvs.size(); i += 2) {
                    map.put(Bytes.of(kvs.get(i)), kvs.get(i + 1));
                }
                yield Result.ok();
            }
            default -> Result.failure(Result.ILLEGAL_ARGUMENT, "a dict has no op " + call.op());
        };
    }

    private static Result value(byte[] value) {
        return value == null ? Result.none() : Result.ok(value);
    }
}
