package org.diplomacytracker.core.state;

import java.util.AbstractMap;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An unmodifiable sorted map that nobody can change: it owns its (private) TreeMap. A
 * {@link NegotiationState} keeps such maps as they are instead of copying them, so that a state can
 * be re-issued with another {@code knownAt} or {@code offset} in O(1) (a cached answer).
 */
final class FrozenMap<V> extends AbstractMap<String, V> implements SortedMap<String, V> {

    private final SortedMap<String, V> view;

    private FrozenMap(TreeMap<String, V> owned) {
        this.view = Collections.unmodifiableSortedMap(owned);
    }

    /** A frozen copy of {@code map}, or {@code map} itself when it is already frozen. */
    static <V> SortedMap<String, V> of(Map<String, V> map) {
        if (map instanceof FrozenMap<V> frozen) {
            return frozen;
        }
        return new FrozenMap<>(new TreeMap<>(map));
    }

    /** Takes {@code owned} over: the caller must not keep or change it. */
    static <V> SortedMap<String, V> adopt(TreeMap<String, V> owned) {
        return new FrozenMap<>(owned);
    }

    @Override
    public Comparator<? super String> comparator() {
        return view.comparator();
    }

    @Override
    public SortedMap<String, V> subMap(String fromKey, String toKey) {
        return view.subMap(fromKey, toKey);
    }

    @Override
    public SortedMap<String, V> headMap(String toKey) {
        return view.headMap(toKey);
    }

    @Override
    public SortedMap<String, V> tailMap(String fromKey) {
        return view.tailMap(fromKey);
    }

    @Override
    public String firstKey() {
        return view.firstKey();
    }

    @Override
    public String lastKey() {
        return view.lastKey();
    }

    @Override
    public int size() {
        return view.size();
    }

    @Override
    public boolean isEmpty() {
        return view.isEmpty();
    }

    @Override
    public boolean containsKey(Object key) {
        return view.containsKey(key);
    }

    @Override
    public boolean containsValue(Object value) {
        return view.containsValue(value);
    }

    @Override
    public V get(Object key) {
        return view.get(key);
    }

    @Override
    public Set<String> keySet() {
        return view.keySet();
    }

    @Override
    public Collection<V> values() {
        return view.values();
    }

    @Override
    public Set<Map.Entry<String, V>> entrySet() {
        return view.entrySet();
    }

    @Override
    public boolean equals(Object o) {
        return o == this || view.equals(o);
    }

    @Override
    public int hashCode() {
        return view.hashCode();
    }

    @Override
    public String toString() {
        return view.toString();
    }
}
