package dev.logitlab.data;

import dev.logitlab.data.TextImport.ImportException;
import dev.logitlab.data.TextImport.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading .txt and .csv files into sentences. */
class TextImportTest {

    @Test
    void aTextFileWithABomAndWindowsLineEndingsBecomesItsLines() throws Exception {
        // given UTF-8 bytes with a BOM, CRLF endings, a blank line and trailing spaces
        byte[] bytes = "\uFEFFeu gosto de pão\r\n\r\nela come maçã  \r\núltima linha".getBytes(StandardCharsets.UTF_8);
        // when decoded and split
        List<String> lines = TextImport.lines(TextImport.decode(bytes, "a.txt"));
        // then the BOM is gone, blank lines skipped, and nothing carries a \r
        assertEquals(List.of("eu gosto de pão", "ela come maçã", "última linha"), lines);
    }

    @Test
    void aBinaryFileIsRefusedWithAClearMessage() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13};
        ImportException e = assertThrows(ImportException.class, () -> TextImport.decode(png, "photo.txt"));
        assertTrue(e.getMessage().contains("photo.txt looks like a binary file"), e.getMessage());
    }

    @Test
    void textInAnotherEncodingIsRefused() {
        byte[] latin1 = "pão".getBytes(StandardCharsets.ISO_8859_1);
        ImportException e = assertThrows(ImportException.class, () -> TextImport.decode(latin1, "old.txt"));
        assertTrue(e.getMessage().contains("not UTF-8"), e.getMessage());
    }

    @Test
    void aFileOverTheLimitIsRefusedBeforeItIsRead(@TempDir Path dir) throws Exception {
        Path big = dir.resolve("big.txt");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) { f.setLength(TextImport.MAX_BYTES + 1); }
        ImportException e = assertThrows(ImportException.class, () -> TextImport.readText(big));
        assertTrue(e.getMessage().contains("larger than 20 MB"), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"a.txt, TXT", "B.TXT, TXT", "reviews.csv, CSV", "tabs.tsv, CSV", "photo.png, ", "notes, "})
    void theKindComesFromTheName(String name, TextImport.Kind kind) {
        assertEquals(kind, TextImport.Kind.of(name));
    }

    @Test
    void quotedCellsKeepTheirCommasQuotesAndLineBreaks() throws Exception {
        // given cells with a comma, a doubled quote and a line break inside quotes
        String csv = "id,text\n1,\"hello, world\"\n2,\"she said \"\"hi\"\"\"\n3,\"two\nlines\"\n";
        Table t = TextImport.parseCsv(csv);
        // then there are four rows of two cells, and a cell's line break becomes a space
        assertEquals(',', t.delimiter());
        assertEquals(4, t.rows().size());
        assertEquals(List.of("hello, world", "she said \"hi\"", "two lines"), t.column(1, true));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // comma
            "'a,b,c\n1,2,3\n'| ,",
            // semicolon, as spreadsheets in many locales write it; the commas are inside the text
            "'name;text\nx;hello, there\ny;one, two, three\n'| ;",
            // tab
            "'name\ttext\nx\thello, there\n'| TAB",
            // a semicolon inside quotes does not count
            "'a,\"b;c\"\n1,\"2;3\"\n'| ,",
            // one column: nothing splits, comma by default
            "'just one sentence\nanother one\n'| ,"})
    void theDelimiterIsDetected(String text, String expected) {
        char d = expected.equals("TAB") ? '\t' : expected.charAt(0);
        assertEquals(d, TextImport.detectDelimiter(text.replace("\\t", "\t")));
    }

    @Test
    void aHeaderIsDetectedWhenTheFirstRowNamesTheColumns() throws Exception {
        assertTrue(TextImport.parseCsv("id,review\n1,great little book\n2,not for me\n").looksLikeHeader());
        // given no header: the first row is data like the rest
        assertFalse(TextImport.parseCsv("1,great little book\n2,not for me\n").looksLikeHeader());
        assertFalse(TextImport.parseCsv("eu gosto de pão;ela gosta de chá\nnós comemos;eles bebem\n").looksLikeHeader());
    }

    @Test
    void columnsAreNamedByTheHeaderOrByNumber() throws Exception {
        Table t = TextImport.parseCsv("id,,text\n1,x,hello\n");
        assertEquals(List.of("id", "Column 2", "text"), t.columnNames(true));
        assertEquals(List.of("Column 1", "Column 2", "Column 3"), t.columnNames(false));
    }

    @Test
    void theChosenColumnSkipsEmptyCellsAndShortRows() throws Exception {
        Table t = TextImport.parseCsv("id,text,lang\n1,olá mundo,pt\n2,,pt\n3,\"  \",en\n4\n5,bom dia,pt\n");
        assertEquals(List.of("olá mundo", "bom dia"), t.column(1, true));
        assertEquals(List.of("pt", "pt", "en", "pt"), t.column(2, true));
        // without the header box, the header row is a sentence like the others
        assertEquals(List.of("text", "olá mundo", "bom dia"), t.column(1, false));
    }

    @Test
    void readTextReadsAFileFromDisk(@TempDir Path dir) throws Exception {
        Path f = Files.write(dir.resolve("r.csv"), "\uFEFFa;b\r\n1;2\r\n".getBytes(StandardCharsets.UTF_8));
        Table t = TextImport.parseCsv(TextImport.readText(f));
        assertEquals(';', t.delimiter());
        assertEquals(List.of(List.of("a", "b"), List.of("1", "2")), t.rows());
        assertNull(TextImport.Kind.of("r.xlsx"));
    }
}
