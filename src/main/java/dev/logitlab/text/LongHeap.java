package dev.logitlab.text;

import java.util.Arrays;

/**
 * A binary min-heap of {@code long} keys, each carrying an {@code int}, without boxing: byte-pair
 * encoding keeps millions of entries (a priority and a position packed into the key, a pair or a
 * position as the value).
 */
final class LongHeap {
    private long[] keys = new long[1024];
    private int[] values = new int[1024];
    private int size;

    boolean isEmpty() { return size == 0; }
    long peekKey() { return keys[0]; }
    int peekValue() { return values[0]; }

    void push(long key, int value) {
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (keys[parent] <= key) break;
            keys[i] = keys[parent];
            values[i] = values[parent];
            i = parent;
        }
        keys[i] = key;
        values[i] = value;
    }

    /** Removes the smallest entry (read it first with {@link #peekKey} and {@link #peekValue}). */
    void pop() {
        long lastKey = keys[--size];
        int lastValue = values[size], i = 0;
        while (true) {
            int child = 2 * i + 1;
            if (child >= size) break;
            if (child + 1 < size && keys[child + 1] < keys[child]) child++;
            if (keys[child] >= lastKey) break;
            keys[i] = keys[child];
            values[i] = values[child];
            i = child;
        }
        if (size > 0) {
            keys[i] = lastKey;
            values[i] = lastValue;
        }
    }
}
