package dev.logitlab.text;

import java.util.Arrays;

/** A growable list of ints, for the byte-pair code's hot loops (no boxing). */
final class IntList {
    private int[] a = new int[64];
    private int size;

    void add(int v) {
        if (size == a.length) a = Arrays.copyOf(a, size * 2);
        a[size++] = v;
    }

    void addAll(int[] v) {
        if (size + v.length > a.length) a = Arrays.copyOf(a, Math.max(a.length * 2, size + v.length));
        System.arraycopy(v, 0, a, size, v.length);
        size += v.length;
    }

    int get(int k) { return a[k]; }
    int size() { return size; }
    void clear() { size = 0; }
    int[] toArray() { return Arrays.copyOf(a, size); }
}
