package dev.logitlab.text;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A byte-level BPE learned on the corpus ({@link BpeTrainer}): ids 0–255 are the bytes, then one token
 * per merge in the order learned, then [PAD] [UNK] [BOS] [EOS]. The special tokens are kept apart: text
 * that spells "[BOS]" is five bytes, never the special token, and no merge involves them. Every string
 * can be encoded (nothing is unknown) and decodes back exactly.
 */
public final class BpeTokenizer implements Tokenizer {
    /** One merge: the pair of token ids it joins and how often that pair occurred when it was chosen. */
    public record Merge(int left, int right, int count) {}

    private final List<Merge> merges;
    private final BpeSplit split;
    private final Map<Long, Integer> rank = new HashMap<>();   // (left << 32 | right) → merge index
    private final byte[][] bytes;                               // each non-special token's bytes
    private final int specials;                                 // id of [PAD]; the others follow

    /** A tokenizer from merges in the order learned (as {@link #merges()} gives them, or a saved model holds). */
    public BpeTokenizer(List<Merge> merges, BpeSplit split) {
        this.merges = List.copyOf(merges);
        this.split = split;
        this.specials = 256 + merges.size();
        bytes = new byte[specials][];
        for (int b = 0; b < 256; b++) bytes[b] = new byte[] {(byte) b};
        for (int r = 0; r < this.merges.size(); r++) {
            Merge m = this.merges.get(r);
            int id = 256 + r;
            if (m.left() < 0 || m.left() >= id || m.right() < 0 || m.right() >= id) {
                throw new IllegalArgumentException("merge " + r + " joins ids " + m.left() + " and " + m.right()
                        + ", but only ids below " + id + " exist by then");
            }
            if (rank.putIfAbsent(key(m.left(), m.right()), r) != null) {
                throw new IllegalArgumentException("merge " + r + " repeats the pair " + m.left() + ", " + m.right());
            }
            byte[] l = bytes[m.left()], rt = bytes[m.right()], joined = new byte[l.length + rt.length];
            System.arraycopy(l, 0, joined, 0, l.length);
            System.arraycopy(rt, 0, joined, l.length, rt.length);
            bytes[id] = joined;
        }
    }

    private static long key(int left, int right) { return (long) left << 32 | right; }

    public List<Merge> merges() { return merges; }
    public BpeSplit split() { return split; }

    /** This tokenizer as it was after its first {@code k} merges: the merge timeline's step k. */
    public BpeTokenizer upToMerge(int k) {
        if (k < 0 || k > merges.size()) throw new IllegalArgumentException("merge step must be in [0, " + merges.size() + "], was " + k);
        return k == merges.size() ? this : new BpeTokenizer(merges.subList(0, k), split);
    }

    /** The bytes of a (non-special) token. */
    public byte[] bytesOf(int id) {
        checkId(id);
        if (id >= specials) throw new IllegalArgumentException("special token " + id + " has no bytes");
        return bytes[id].clone();
    }

    @Override public TokenizerKind kind() { return TokenizerKind.BPE; }

    @Override public List<Token> tokenize(String text) {
        int[] ids = encode(text);
        List<Token> out = new ArrayList<>(ids.length);
        for (int id : ids) out.add(new Token(tokenText(id), id, false));
        return out;
    }

    @Override public int[] encode(String text) {
        IntList out = new IntList();
        Map<String, int[]> cache = new HashMap<>();   // words repeat: encode each once
        for (String chunk : split.chunks(text)) {
            int[] ids = chunk.length() <= 64 ? cache.computeIfAbsent(chunk, this::encodeChunk) : encodeChunk(chunk);
            out.addAll(ids);
        }
        return out.toArray();
    }

    /**
     * Applies the merges in the order learned, as minbpe does (always the earliest-learned pair present,
     * each of its occurrences left to right), in O(n log n): a heap of (merge rank, position) over a
     * linked list of symbols. A merge only makes pairs of later rank, so the heap's order is minbpe's.
     */
    private int[] encodeChunk(String chunk) {
        byte[] b = Utf8.bytes(chunk);
        int n = b.length;
        int[] sym = new int[n], next = new int[n], prev = new int[n];
        for (int i = 0; i < n; i++) {
            sym[i] = b[i] & 0xFF;
            next[i] = i + 1 < n ? i + 1 : -1;
            prev[i] = i - 1;
        }
        LongHeap heap = new LongHeap();
        for (int i = 0; i + 1 < n; i++) offer(heap, sym, i, i + 1);
        int left = n;
        while (!heap.isEmpty()) {
            long top = heap.peekKey();
            heap.pop();
            int r = (int) (top >>> 32), i = (int) top, j = i < n && sym[i] >= 0 ? next[i] : -1;
            if (j < 0 || rankOf(sym[i], sym[j]) != r) continue;   // gone or changed since it was offered
            sym[i] = 256 + r;
            sym[j] = -1;
            next[i] = next[j];
            if (next[i] >= 0) prev[next[i]] = i;
            left--;
            if (prev[i] >= 0) offer(heap, sym, prev[i], i);
            if (next[i] >= 0) offer(heap, sym, i, next[i]);
        }
        int[] ids = new int[left];
        for (int i = 0, k = 0; i >= 0 && n > 0; i = next[i]) ids[k++] = sym[i];
        return ids;
    }

    private void offer(LongHeap heap, int[] sym, int i, int j) {
        int r = rankOf(sym[i], sym[j]);
        if (r >= 0) heap.push((long) r << 32 | i, i);
    }

    private int rankOf(int left, int right) {
        Integer r = rank.get(key(left, right));
        return r == null ? -1 : r;
    }

    /** The text of the ids: the bytes joined and read as UTF-8 (stray bytes as {@code \xNN}), special tokens by name. */
    @Override public String decode(int[] ids) {
        StringBuilder sb = new StringBuilder();
        ByteArrayOutputStream run = new ByteArrayOutputStream();
        for (int id : ids) {
            checkId(id);
            if (id >= specials) {
                sb.append(Utf8.text(run.toByteArray())).append(Vocabulary.SPECIALS.get(id - specials));
                run.reset();
            } else {
                run.writeBytes(bytes[id]);
            }
        }
        return sb.append(Utf8.text(run.toByteArray())).toString();
    }

    @Override public int vocabSize() { return specials + Vocabulary.SPECIALS.size(); }

    /** One token's text; bytes that are only part of a character (as in "ç" cut in two) read {@code \xC3}. */
    @Override public String tokenText(int id) {
        checkId(id);
        return id >= specials ? Vocabulary.SPECIALS.get(id - specials) : Utf8.text(bytes[id]);
    }

    private void checkId(int id) {
        if (id < 0 || id >= vocabSize()) throw new IllegalArgumentException("BPE token id out of range: " + id);
    }

    @Override public int padId() { return specials + Vocabulary.PAD_ID; }
    @Override public int bosId() { return specials + Vocabulary.BOS_ID; }
    @Override public int eosId() { return specials + Vocabulary.EOS_ID; }
    @Override public boolean isSpecial(int id) { return id >= specials && id < vocabSize(); }

    /** Empty: a BPE is saved as its merges ({@link #merges()}), from which every token follows. */
    @Override public List<String> vocabularyList() { return List.of(); }
}
