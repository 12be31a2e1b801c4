package dev.logitlab.ui.corpus;

import dev.logitlab.ui.corpus.ImportViewModel.Mode;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Import text without a window: files become sentences, which replace or follow the corpus. */
class ImportViewModelTest {
    private final StringProperty text = new SimpleStringProperty("eu gosto de pão\n");
    private final StringProperty name = new SimpleStringProperty("Portuguese");
    private final StringProperty status = new SimpleStringProperty("");
    private final ImportViewModel vm = new ImportViewModel(text, name, status);

    @Test
    void aTextFileReplacesTheCorpusAndTheStatusSaysHowMany(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("notes.txt"), "um\r\ndois\r\n\r\ntrês\r\n");
        ImportViewModel.Lines lines = assertInstanceOf(ImportViewModel.Lines.class, vm.prepare(f));
        vm.apply(lines.fileName(), null, lines.sentences(), Mode.REPLACE);
        assertEquals("um\ndois\ntrês\n", text.get());
        assertEquals("notes.txt", name.get());
        assertEquals("Imported 3 sentences from notes.txt.", status.get());
    }

    @Test
    void controlCharactersInAFileAreLeftOutAsTheCliLeavesThemOut(@TempDir Path dir) throws Exception {
        // given a text file with an escape sequence, a bell and a C1 control in its lines (and a tab, which stays)
        Path f = Files.writeString(dir.resolve("hostile.txt"), "um \u001b[31mdois\u0007\ntrês\u009b\tquatro\n");

        // when it is imported, the sentences hold none of them
        ImportViewModel.Lines lines = assertInstanceOf(ImportViewModel.Lines.class, vm.prepare(f));
        vm.apply(lines.fileName(), null, lines.sentences(), Mode.REPLACE);
        assertEquals("um [31mdois\ntrês\tquatro\n", text.get());
    }

    @Test
    void aFileWithNoSentencesLeavesTheCorpusAndSaysSoInOneSentence() {
        vm.apply("empty.csv", "text", List.of(), Mode.REPLACE);
        assertEquals("eu gosto de pão\n", text.get());
        assertEquals("Found no sentences in empty.csv (column 'text'); the corpus is unchanged.", status.get());
    }

    @Test
    void appendingKeepsTheCorpusAndAddsAfterIt() {
        text.set("eu gosto de pão");   // no final line break
        vm.apply("more.txt", null, List.of("ela bebe chá"), Mode.APPEND);
        assertEquals("eu gosto de pão\nela bebe chá\n", text.get());
        assertEquals("Portuguese", name.get());
        assertEquals("Appended 1 sentence from more.txt; the corpus has 2 sentences.", status.get());
    }

    @Test
    void aCsvFileOffersItsColumnsAndImportsTheChosenOne(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("reviews.csv"), "id,text\n1,\"great, really\"\n2,\n3,not for me\n");
        CsvChoice choice = assertInstanceOf(ImportViewModel.Csv.class, vm.prepare(f)).choice();
        // the header is guessed, and the column of sentences is chosen by default
        assertTrue(choice.headerProperty().get());
        assertEquals(List.of("id", "text"), choice.columnNames());
        assertEquals(1, choice.columnProperty().get());
        assertEquals(List.of("great, really", "not for me"), choice.preview());
        vm.apply(choice);
        assertEquals("great, really\nnot for me\n", text.get());
        assertEquals("Imported 2 sentences from reviews.csv (column 'text').", status.get());
    }

    @Test
    void untickingTheHeaderBoxNumbersTheColumnsAndPreviewsTheFirstRow(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("r.csv"), "id;text\n1;olá\n");
        CsvChoice choice = ((ImportViewModel.Csv) vm.prepare(f)).choice();
        choice.headerProperty().set(false);
        assertEquals(List.of("Column 1", "Column 2"), choice.columnNames());
        assertEquals(List.of("text", "olá"), choice.preview());
    }

    @Test
    void otherFilesAreRefusedOnTheStatusLine(@TempDir Path dir) throws Exception {
        Path png = Files.write(dir.resolve("photo.png"), new byte[]{1, 2, 3});
        assertInstanceOf(ImportViewModel.Refused.class, vm.prepare(png));
        assertEquals("photo.png is not a text file: LogitLab imports .txt and .csv files.", status.get());
        Path binary = Files.write(dir.resolve("fake.txt"), new byte[]{'a', 0, 'b'});
        assertInstanceOf(ImportViewModel.Refused.class, vm.prepare(binary));
        assertTrue(status.get().startsWith("fake.txt looks like a binary file"), status.get());
        assertEquals("eu gosto de pão\n", text.get());
    }
}
