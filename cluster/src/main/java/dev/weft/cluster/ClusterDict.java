package dev.weft.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import java.util.AbstractMap;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentMap;

/**
 * A dict shared by every process of a cluster: a {@link ConcurrentMap} (Hazelcast's {@code IMap}),
 * what a Python program gets from {@code Manager().dict()}, spread over the members. Made by
 * {@link Cluster#dict(String)}; every view of the same name is the same dict.
 *
 * <p><b>Consistency, honestly.</b> Each entry lives on the member that owns its key's partition,
 * with a backup copy on {@link Cluster.Builder#backupCount another}, written synchronously: a write
 * that returned survives its owner's death (unless the owner and every backup die at once), and
 * every process reads it afterwards. Single-key operations ({@code put}, {@code putIfAbsent},
 * {@code replace}, {@code remove(k, v)}, {@code compute} and the other defaults, which loop over
 * them) are atomic. Operations over several keys ({@code putAll}, {@code clear}) and the views
 * ({@code keySet}, {@code values}, {@code entrySet}: snapshots) are not atomic as a whole. During a
 * network partition, both sides keep taking writes and Hazelcast merges them afterwards (the
 * latest write wins): an AP store, not a linearizable one.
 *
 * <p>Keys and values are serialized, so a value read is a copy: changing it changes nothing in the
 * dict until it is put back (as with a manager's dict in Python). Null keys and values are not
 * allowed.
 *
 * @param <K> the type of the keys, serializable
 * @param <V> the type of the values, serializable
 */
public final class ClusterDict<K, V> extends AbstractMap<K, V> implements ConcurrentMap<K, V> {
    private final IMap<K, V> map;

    ClusterDict(HazelcastInstance hz, String name) {
        this.map = hz.getMap(name);
    }

    /**
     * The dict's name.
     *
     * @return its name in the cluster
     */
    public String name() {
        return map.getName();
    }

    /**
     * The Hazelcast map underneath, for what a {@code Map} does not offer (entry processors,
     * queries, per-key locks).
     *
     * @return the {@code IMap}
     */
    public IMap<K, V> imap() {
        return map;
    }

    @Override
    public int size() {
        return map.size();
    }

    @Override
    public boolean isEmpty() {
        return map.isEmpty();
    }

    @Override
    public boolean containsKey(Object key) {
        return map.containsKey(key);
    }

    @Override
    public boolean containsValue(Object value) {
        return map.containsValue(value);
    }

    @Override
    public V get(Object key) {
        return map.get(key);
    }

    @Override
    public V put(K key, V value) {
        return map.put(key, value);
    }

    @Override
    public V remove(Object key) {
        return map.remove(key);
    }

    @Override
    public void putAll(Map<? extends K, ? extends V> m) {
        map.putAll(m);
    }

    @Override
    public void clear() {
        map.clear();
    }

    /** A snapshot of the keys. */
    @Override
    public Set<K> keySet() {
        return map.keySet();
    }

    /** A snapshot of the values. */
    @Override
    public Collection<V> values() {
        return map.values();
    }

    /** A snapshot of the entries. */
    @Override
    public Set<Entry<K, V>> entrySet() {
        return map.entrySet();
    }

    @Override
    public V putIfAbsent(K key, V value) {
        return map.putIfAbsent(key, value);
    }

    @Override
    public boolean remove(Object key, Object value) {
        return map.remove(key, value);
    }

    @Override
    public boolean replace(K key, V oldValue, V newValue) {
        return map.replace(key, oldValue, newValue);
    }

    @Override
    public V replace(K key, V value) {
        return map.replace(key, value);
    }
}
