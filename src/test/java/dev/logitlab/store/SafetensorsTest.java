package dev.logitlab.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SafetensorsTest {
    static final Path SMALL = Path.of("src/test/resources/hf/small-gpt2/model.safetensors");

    @TempDir Path dir;

    /** A file of the given header (as written, no padding) followed by {@code data}. */
    private Path raw(String header, byte[] data) throws IOException {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h).put(data);
        Path p = Files.createTempFile(dir, "t", ".safetensors");
        Files.write(p, b.array());
        return p;
    }

    @Test
    void whatItWritesItReadsBackWithShapesOrderAndMetadata() throws IOException {
        Map<String, Safetensors.Tensor> t = new LinkedHashMap<>();
        t.put("b", new Safetensors.Tensor(new long[]{2, 3}, new float[]{1, 2, 3, 4, 5, -6.5f}));
        t.put("a", new Safetensors.Tensor(new long[]{1}, new float[]{Float.MIN_VALUE}));
        t.put("empty", new Safetensors.Tensor(new long[]{0, 4}, new float[0]));
        Path p = dir.resolve("m.safetensors");
        Safetensors.write(p, t, Map.of("format", "pt"));

        try (Safetensors s = Safetensors.open(p)) {
            assertEquals(java.util.List.of("b", "a", "empty"), java.util.List.copyOf(s.entries().keySet()));
            assertArrayEquals(new long[]{2, 3}, s.entries().get("b").shape());
            assertArrayEquals(new float[]{1, 2, 3, 4, 5, -6.5f}, s.floats("b"));
            assertArrayEquals(new float[]{Float.MIN_VALUE}, s.floats("a"));
            assertEquals(0, s.floats("empty").length);
            assertEquals(Map.of("format", "pt"), s.metadata());
        }
        // the data starts 8-byte aligned, as the reference writer pads it
        long n = ByteBuffer.wrap(Files.readAllBytes(p), 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, n % 8);
    }

    @Test
    void readsTheFixtureHuggingFaceWrote() throws IOException {
        try (Safetensors s = Safetensors.open(SMALL)) {
            assertEquals(28, s.entries().size());
            assertArrayEquals(new long[]{32, 96}, s.entries().get("transformer.h.0.attn.c_attn.weight").shape());
            assertEquals(1000 * 32, s.floats("transformer.wte.weight").length);
            assertEquals("pt", s.metadata().get("format"));
        }
    }

    @Test
    void widensFloat16AndBfloat16Exactly() throws IOException {
        // F16: 1.0 = 0x3C00, -2.5 = 0xC100, smallest subnormal 0x0001 = 2^-24, +inf 0x7C00
        // BF16: 1.0 = 0x3F80, -3.0 = 0xC040
        ByteBuffer d = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        d.putShort((short) 0x3C00).putShort((short) 0xC100).putShort((short) 0x0001).putShort((short) 0x7C00)
                .putShort((short) 0x3F80).putShort((short) 0xC040);
        Path p = raw("{\"h\":{\"dtype\":\"F16\",\"shape\":[4],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"BF16\",\"shape\":[2],\"data_offsets\":[8,12]}}", d.array());
        try (Safetensors s = Safetensors.open(p)) {
            assertArrayEquals(new float[]{1f, -2.5f, 0x1p-24f, Float.POSITIVE_INFINITY}, s.floats("h"));
            assertArrayEquals(new float[]{1f, -3f}, s.floats("b"));
        }
    }

    @Test
    void everyNormalHalfWidensAsFloatWouldRoundIt() {
        for (int bits = 0; bits < 0x7C00; bits++) {
            float f = Safetensors.halfToFloat((short) bits);
            // binary16 has 11 significant bits: the value survives a trip through float's top bits
            int fb = Float.floatToIntBits(f);
            assertEquals(0, fb & 0x1FFF, "0x" + Integer.toHexString(bits));
        }
        assertEquals(65504f, Safetensors.halfToFloat((short) 0x7BFF));
        assertEquals(-0f, Safetensors.halfToFloat((short) 0x8000));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // a name a user can act on: the sentence names the tensor or the field
            "unknown dtype       | {\"w\":{\"dtype\":\"F12\",\"shape\":[1],\"data_offsets\":[0,4]}}   | dtype F12",
            "shape too small     | {\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,4]}}   | Tensor w",
            "negative dimension  | {\"w\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}}  | Tensor w",
            "huge shape          | {\"w\":{\"dtype\":\"F32\",\"shape\":[4294967296,4294967296],\"data_offsets\":[0,4]}} | Tensor w",
            "outside the file    | {\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}  | outside",
            "reversed offsets    | {\"w\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[4,0]}}   | Tensor w",
            "one offset          | {\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0]}}     | data_offsets",
            "overlap             | {\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},\"v\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}} | overlap",
            "not JSON            | {\"w\":                                                            | JSON",
            "array header        | [1, 2]                                                             | JSON",
            "metadata not text   | {\"__metadata__\":{\"a\":1}}                                       | __metadata__",
    })
    void refusesADamagedHeaderWithOneSentence(String what, String header, String named) throws IOException {
        Path p = raw(header.strip(), new byte[8]);
        IOException e = assertThrows(IOException.class, () -> Safetensors.open(p).close());
        assertTrue(e.getMessage().contains(named), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void refusesAHeaderLongerThanTheFile() throws IOException {
        Path p = dir.resolve("long.safetensors");
        Files.write(p, ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(1L << 40).array());
        IOException e = assertThrows(IOException.class, () -> Safetensors.open(p).close());
        assertTrue(e.getMessage().contains("header length"), e.getMessage());
    }

    @Test
    void refusesToWidenIntegers() throws IOException {
        Path p = raw("{\"i\":{\"dtype\":\"I64\",\"shape\":[1],\"data_offsets\":[0,8]}}", new byte[8]);
        try (Safetensors s = Safetensors.open(p)) {
            IOException e = assertThrows(IOException.class, () -> s.floats("i"));
            assertTrue(e.getMessage().contains("I64"), e.getMessage());
        }
    }

    /**
     * Mutation fuzzing over the fixture: a byte of the length or the header changed, or the file cut
     * short. Every variant must either open and read in full, or be refused with an IOException — never
     * another exception, never an allocation beyond the file's size. Seeded, so every run is the same.
     */
    @Test
    void mutatedFilesAreReadOrRefusedNeverCrash() throws IOException {
        byte[] original = Files.readAllBytes(SMALL);
        int headerEnd = 8 + (int) ByteBuffer.wrap(original, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        Random rnd = new Random(20261204);
        int refused = 0, read = 0;
        for (int trial = 0; trial < 400; trial++) {
            byte[] b = original.clone();
            int kind = trial % 4;
            if (kind == 3) {
                b = java.util.Arrays.copyOf(b, rnd.nextInt(original.length));   // cut short
            } else {
                int at = kind == 0 ? rnd.nextInt(8) : 8 + rnd.nextInt(headerEnd - 8);
                b[at] = kind == 2 ? (byte) "0123456789,:[]{}\"".charAt(rnd.nextInt(17)) : (byte) rnd.nextInt(256);
            }
            Path p = dir.resolve("fuzz" + trial + ".safetensors");
            Files.write(p, b);
            try (Safetensors s = Safetensors.open(p)) {
                for (var e : s.entries().values()) {
                    if (e.dtype().isReadable()) assertTrue(s.floats(e.name()).length * 4L <= b.length);
                }
                read++;
            } catch (IOException expected) {
                assertTrue(expected.getMessage() != null && !expected.getMessage().isBlank());
                refused++;
            }
            Files.delete(p);
        }
        assertTrue(refused > 100, "most mutations break the header: " + refused);
        assertTrue(read > 0, "some mutations (a space, a digit of metadata) leave a readable file: " + read);
    }
}
