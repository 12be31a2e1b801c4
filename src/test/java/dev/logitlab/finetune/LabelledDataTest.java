package dev.logitlab.finetune;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Labelled files are read by Import text's rules, and each bad one is refused with a sentence that names the line. */
class LabelledDataTest {

    private static String rows(String label, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) sb.append("message ").append(label).append(' ').append(i).append(',').append(label).append('\n');
        return sb.toString();
    }

    @Test
    void aHeaderNamesTheColumnsInAnyOrderAndLabelsKeepTheirOwnStrings() throws Exception {
        // given a TSV whose header puts the label first (as the SMS Spam Collection does), with quotes and accents
        String tsv = "label\ttext\nspam\t\"Ganhe um PIX de R$ 500, responda SIM\"\nham\tVou chegar às 8\nspam\tPrêmio!\nham\tok\nspam\tx\nham\ty\n";

        // when it is read
        LabelledData d = LabelledData.parse("sms.tsv", tsv);

        // then the labels are the file's, in order of first appearance, and each text keeps its line
        assertEquals(List.of("spam", "ham"), d.labels());
        assertEquals(6, d.texts().size());
        assertEquals("Ganhe um PIX de R$ 500, responda SIM", d.texts().get(0).text());
        assertEquals(2, d.texts().get(0).line());
        assertEquals(1, d.texts().get(1).label());
    }

    @Test
    void withoutAHeaderTheColumnWithFewerDistinctValuesIsTheLabel() throws Exception {
        // given two unnamed columns, label first
        String csv = "a,one message\nb,another one\na,a third\nb,the fourth\na,five\nb,six\n";

        // when read, then the first column is taken as the label
        LabelledData d = LabelledData.parse("x.csv", csv);
        assertEquals(List.of("a", "b"), d.labels());
        assertEquals("one message", d.texts().get(0).text());
    }

    @Test
    void anyNumberOfClasses() throws Exception {
        // given three classes (semicolon-separated, as a spreadsheet in Portuguese writes it)
        String csv = "texto;rótulo\n" + (rows("x", 3) + rows("y", 4) + rows("z", 5)).replace(',', ';');

        LabelledData d = LabelledData.parse("three.csv", csv);

        assertEquals(List.of("x", "y", "z"), d.labels());
        assertEquals(List.of(3, 4, 5), java.util.Arrays.stream(d.counts()).boxed().toList());
    }

    static Stream<Arguments> badFiles() {
        String ok = rows("ham", 3) + rows("spam", 3);
        return Stream.of(
                // one class only
                Arguments.of("text,label\n" + rows("ham", 5), "has only one class (\"ham\")", 0),
                // a class with a single example, named with its line
                Arguments.of("text,label\n" + rows("ham", 5) + "buy now,spam\n", "the class \"spam\" has only 1 message(s) (line 7)", 7),
                // an empty text
                Arguments.of("text,label\n" + ok + "  ,spam\n", "the text on line 8 is empty", 8),
                // an empty label
                Arguments.of("text,label\n" + ok + "hello,\n", "the label on line 8 is empty", 8),
                // a label with a control character, and one with an invisible one (a zero-width space)
                Arguments.of("text,label\n" + ok + "hello,sp\u0007am\n", "holds an invisible or control character (U+0007)", 8),
                Arguments.of("text,label\n" + ok + "hello,sp\u200Bam\n", "holds an invisible or control character (U+200B)", 8),
                // a label that is really a text
                Arguments.of("text,label\n" + ok + "hello," + "a very long label ".repeat(5) + "\n", "is 89 characters long", 8),
                // JSON instead of CSV
                Arguments.of("\n[{\"instruction\": \"x\", \"output\": \"y\"}]\n", "looks like JSON (line 2)", 2),
                // a header without a label column
                Arguments.of("text,kind\n" + ok, "has no label column (its columns: text, kind)", 1),
                // a row without its label
                Arguments.of("text,label\n" + ok + "just a text\n", "line 8 has 1 column(s)", 8),
                // three unnamed columns
                Arguments.of("a,b,c\nd,e,f\n", "line 1 has 3 column(s) and there is no header", 1),
                // nothing at all
                Arguments.of("\n\n", "holds no labelled messages", 0));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("badFiles")
    void aBadFileIsOneSentenceNamingTheLine(String text, String expected, int line) {
        // when the file is parsed
        LabelledDataException e = assertThrows(LabelledDataException.class, () -> LabelledData.parse("bad.csv", text));

        // then the message names the file and the problem, and the line it is on
        assertTrue(e.getMessage().startsWith("bad.csv"), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertEquals(line, e.line());
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void aHugeFileIsRefusedWithoutReadingIt(@TempDir Path dir) throws IOException {
        // given a sparse file of 1 GB (nothing is written but its end)
        Path huge = dir.resolve("huge.csv");
        try (RandomAccessFile f = new RandomAccessFile(huge.toFile(), "rw")) {
            f.setLength(1L << 30);
        }

        // when it is read, then it is refused by its size, in one sentence
        LabelledDataException e = assertThrows(LabelledDataException.class, () -> LabelledData.read(huge));
        assertTrue(e.getMessage().contains("huge.csv is larger than 20 MB"), e.getMessage());
    }

    @Test
    void aFileToMeasureOnNeedsNoTrainingChecks(@TempDir Path dir) throws Exception {
        // given a file of spam only (one class), as one might measure a classifier on
        Path f = Files.writeString(dir.resolve("spam.csv"), "text,label\n" + rows("spam", 2));

        // then it is refused for training but read for measuring
        assertThrows(LabelledDataException.class, () -> LabelledData.read(f));
        assertEquals(2, LabelledData.read(f, false).texts().size());
    }
}
