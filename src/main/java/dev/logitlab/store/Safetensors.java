package dev.logitlab.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.logitlab.i18n.Messages.say;

/**
 * A reader and writer of the safetensors format (HuggingFace's): an 8-byte little-endian header length
 * N, N bytes of JSON ({@code {name: {dtype, shape, data_offsets: [begin, end)}}}, offsets relative to the
 * end of the header, plus an optional {@code __metadata__} map of strings), then the raw little-endian,
 * row-major tensor data.
 *
 * <p>Everything in the header is checked when the file is opened — its length against the file's size,
 * the JSON, each dtype, each shape × the dtype's size against its byte range, each range inside the file
 * and none overlapping another — so a damaged or hostile file is refused with one sentence naming the
 * tensor or field, and opening never allocates more than the header's own bytes. Tensor data stays in
 * the file: {@link #floats} maps one tensor's range at a time, so files over 2 GB work.
 */
public final class Safetensors implements AutoCloseable {
    /** The reference implementation's cap on the header's length. */
    public static final long MAX_HEADER = 100_000_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The element types of the format, with their sizes in bytes. */
    public enum DType {
        BOOL(1), U8(1), I8(1), F8_E4M3(1), F8_E5M2(1), I16(2), U16(2), F16(2), BF16(2), I32(4), U32(4), F32(4),
        F64(8), I64(8), U64(8);

        final int bytes;

        DType(int bytes) { this.bytes = bytes; }

        /** Whether {@link Safetensors#floats} can widen it to float32. */
        public boolean isReadable() { return this == F32 || this == F16 || this == BF16; }
    }

    /** One tensor's entry in the header; {@code begin} and {@code end} are absolute offsets in the file. */
    public record Entry(String name, DType dtype, long[] shape, long begin, long end) {
        public long elements() { return (end - begin) / dtype.bytes; }
    }

    /** A float32 tensor to write: {@code values} row-major, as many as the shape's product. */
    public record Tensor(long[] shape, float[] values) {
        public Tensor {
            if (Arrays.stream(shape).reduce(1, Math::multiplyExact) != values.length) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds "
                        + Arrays.stream(shape).reduce(1, Math::multiplyExact) + " numbers, was given " + values.length);
            }
        }
    }

    private final Path path;
    private final FileChannel channel;
    private final Map<String, Entry> entries;
    private final Map<String, String> metadata;

    private Safetensors(Path path, FileChannel channel, Map<String, Entry> entries, Map<String, String> metadata) {
        this.path = path;
        this.channel = channel;
        this.entries = entries;
        this.metadata = metadata;
    }

    /** Opens a file and checks its header; the file stays open until {@link #close}. */
    public static Safetensors open(Path path) throws IOException {
        String file = String.valueOf(path.getFileName());
        FileChannel ch;
        try {
            ch = FileChannel.open(path, StandardOpenOption.READ);
        } catch (IOException e) {
            throw new IOException(say("safetensors.missing", path), e);
        }
        try {
            long size = ch.size();
            if (size < 8) throw new IOException(say("safetensors.short", file));
            ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, len, 0);
            long n = len.getLong(0);
            if (n < 2 || n > MAX_HEADER || n > size - 8) throw new IOException(say("safetensors.header_length", file, Long.toUnsignedString(n), size));
            ByteBuffer header = ByteBuffer.allocate((int) n);
            readFully(ch, header, 8);
            Map<String, String> metadata = new LinkedHashMap<>();
            Map<String, Entry> entries = parse(file, header.array(), 8 + n, size, metadata);
            return new Safetensors(path, ch, entries, metadata);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    private static void readFully(FileChannel ch, ByteBuffer into, long position) throws IOException {
        while (into.hasRemaining()) {
            if (ch.read(into, position + into.position()) < 0) throw new IOException("unexpected end of file");
        }
    }

    private static Map<String, Entry> parse(String file, byte[] header, long dataStart, long size,
                                            Map<String, String> metadata) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(new String(header, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new IOException(say("safetensors.json", file), e);
        }
        if (root == null || !root.isObject()) throw new IOException(say("safetensors.json", file));
        Map<String, Entry> entries = new LinkedHashMap<>();
        long dataLength = size - dataStart;
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            String name = f.getKey();
            JsonNode e = f.getValue();
            if (name.equals("__metadata__")) {
                if (!e.isObject()) throw new IOException(say("safetensors.metadata", file));
                for (Iterator<Map.Entry<String, JsonNode>> m = e.fields(); m.hasNext(); ) {
                    Map.Entry<String, JsonNode> kv = m.next();
                    if (!kv.getValue().isTextual()) throw new IOException(say("safetensors.metadata", file));
                    metadata.put(kv.getKey(), kv.getValue().asText());
                }
                continue;
            }
            entries.put(name, entry(file, name, e, dataStart, dataLength));
        }
        List<Entry> byOffset = new ArrayList<>(entries.values());
        byOffset.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        for (int i = 1; i < byOffset.size(); i++) {
            Entry a = byOffset.get(i - 1), b = byOffset.get(i);
            if (b.begin() < a.end()) throw new IOException(say("safetensors.overlap", file, a.name(), b.name()));
        }
        return Collections.unmodifiableMap(entries);
    }

    private static Entry entry(String file, String name, JsonNode e, long dataStart, long dataLength) throws IOException {
        if (!e.isObject()) throw new IOException(say("safetensors.entry", file, name));
        DType dtype;
        try {
            dtype = DType.valueOf(e.path("dtype").asText(""));
        } catch (IllegalArgumentException unknown) {
            throw new IOException(say("safetensors.dtype", file, name, e.path("dtype").asText("?")));
        }
        JsonNode shapeNode = e.get("shape"), offsets = e.get("data_offsets");
        if (shapeNode == null || !shapeNode.isArray()) throw new IOException(say("safetensors.shape", file, name));
        long[] shape = new long[shapeNode.size()];
        long elements = 1;
        try {
            for (int i = 0; i < shape.length; i++) {
                JsonNode d = shapeNode.get(i);
                if (!d.canConvertToLong() || !d.isIntegralNumber() || d.asLong() < 0) throw new IOException(say("safetensors.shape", file, name));
                shape[i] = d.asLong();
                elements = Math.multiplyExact(elements, shape[i]);
            }
            elements = Math.multiplyExact(elements, (long) dtype.bytes);
        } catch (ArithmeticException tooBig) {
            throw new IOException(say("safetensors.shape", file, name));
        }
        if (offsets == null || !offsets.isArray() || offsets.size() != 2 || !offsets.get(0).isIntegralNumber()
                || !offsets.get(1).isIntegralNumber() || !offsets.get(0).canConvertToLong() || !offsets.get(1).canConvertToLong()) {
            throw new IOException(say("safetensors.offsets", file, name));
        }
        long begin = offsets.get(0).asLong(), end = offsets.get(1).asLong();
        if (begin < 0 || end < begin || end > dataLength) throw new IOException(say("safetensors.outside", file, name, begin, end, dataLength));
        if (end - begin != elements) throw new IOException(say("safetensors.span", file, name, Arrays.toString(shape), dtype, end - begin));
        return new Entry(name, dtype, shape, dataStart + begin, dataStart + end);
    }

    /** Every tensor's entry, in the header's order. */
    public Map<String, Entry> entries() { return entries; }

    /** The header's {@code __metadata__} (empty if it has none). */
    public Map<String, String> metadata() { return Collections.unmodifiableMap(metadata); }

    public Path path() { return path; }

    /** The named tensor widened to float32, row-major; refuses dtypes other than F32, F16 and BF16. */
    public float[] floats(String name) throws IOException {
        Entry e = entries.get(name);
        if (e == null) throw new IOException(say("safetensors.no_tensor", path.getFileName(), name));
        if (!e.dtype().isReadable()) throw new IOException(say("safetensors.unreadable_dtype", path.getFileName(), name, e.dtype()));
        long n = e.elements();
        if (n > Integer.MAX_VALUE - 8) throw new IOException(say("safetensors.too_big", path.getFileName(), name));
        float[] out = new float[(int) n];
        // one mapping per tensor (a mapping holds at most 2 GB): a big file is read a tensor at a time
        MappedByteBuffer map = channel.map(FileChannel.MapMode.READ_ONLY, e.begin(), e.end() - e.begin());
        map.order(ByteOrder.LITTLE_ENDIAN);
        switch (e.dtype()) {
            case F32 -> map.asFloatBuffer().get(out);
            case F16 -> {
                for (int i = 0; i < out.length; i++) out[i] = halfToFloat(map.getShort(2 * i));
            }
            case BF16 -> {
                // bfloat16 is the top half of a float32
                for (int i = 0; i < out.length; i++) out[i] = Float.intBitsToFloat((map.getShort(2 * i) & 0xFFFF) << 16);
            }
            default -> throw new IllegalStateException("unreachable: " + e.dtype());
        }
        return out;
    }

    @Override public void close() throws IOException { channel.close(); }

    /** IEEE 754 binary16 → float32, exactly (Java 17 has no Float.float16ToFloat). */
    static float halfToFloat(short half) {
        int bits = half & 0xFFFF, sign = (bits & 0x8000) << 16, exp = (bits >>> 10) & 0x1F, mant = bits & 0x3FF;
        if (exp == 0x1F) return Float.intBitsToFloat(sign | 0x7F800000 | (mant << 13));     // infinity or NaN
        if (exp == 0) {                                                                     // zero or subnormal
            float f = mant * 0x1p-24f;
            return sign != 0 ? -f : f;
        }
        return Float.intBitsToFloat(sign | ((exp + 127 - 15) << 23) | (mant << 13));
    }

    /**
     * Writes float32 tensors, in the given order, with the given metadata, to a temporary file moved into
     * place: a crash never leaves half a file, and the target is never a file being read. The header is
     * padded with spaces to a multiple of 8 bytes, as the reference implementation does.
     */
    public static void write(Path target, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        ObjectNode header = JSON.createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode m = header.putObject("__metadata__");
            metadata.forEach(m::put);
        }
        long offset = 0;
        for (Map.Entry<String, Tensor> t : tensors.entrySet()) {
            ObjectNode e = header.putObject(t.getKey());
            e.put("dtype", "F32");
            var shape = e.putArray("shape");
            for (long d : t.getValue().shape()) shape.add(d);
            long bytes = 4L * t.getValue().values().length;
            e.putArray("data_offsets").add(offset).add(offset + bytes);
            offset += bytes;
        }
        byte[] json = JSON.writeValueAsBytes(header);
        int padded = (json.length + 7) / 8 * 8;
        byte[] head = Arrays.copyOf(json, padded);
        Arrays.fill(head, json.length, padded, (byte) ' ');
        Files.createDirectories(target.toAbsolutePath().getParent());
        AtomicWrite.write(target, out -> {
            out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, padded).array());
            out.write(head);
            ByteBuffer chunk = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
            for (Tensor t : tensors.values()) {
                float[] v = t.values();
                for (int i = 0; i < v.length; ) {
                    int n = Math.min(v.length - i, chunk.capacity() / 4);
                    chunk.clear();
                    chunk.asFloatBuffer().put(v, i, n);
                    out.write(chunk.array(), 0, 4 * n);
                    i += n;
                }
            }
        });
    }
}
