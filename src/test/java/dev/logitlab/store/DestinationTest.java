package dev.logitlab.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** No command writes over a file it reads, whatever name it is given by. */
class DestinationTest {
    @TempDir Path dir;

    private Path corpus() throws IOException {
        Path c = dir.resolve("corpus.txt");
        Files.writeString(c, "o gato dorme\n");
        return c;
    }

    private void assertRefused(Path out, Path corpus) {
        IOException e = assertThrows(IOException.class, () -> Destination.check(out, new Destination.Input("the corpus", corpus)));
        assertTrue(e.getMessage().contains("the corpus") && e.getMessage().contains("choose another file"), e.getMessage());
    }

    @Test
    void theInputItselfIsRefused() throws IOException {
        Path c = corpus();
        assertRefused(c, c);
        // the same file by another spelling
        Files.createDirectory(dir.resolve("sub"));
        assertRefused(dir.resolve(".").resolve("sub").resolve("..").resolve("corpus.txt"), c);
    }

    @Test
    void aSymbolicLinkToTheInputIsRefused() throws IOException {
        Path c = corpus();
        Path link = Files.createSymbolicLink(dir.resolve("model.logitlab-model"), c);
        assertRefused(link, c);
    }

    @Test
    void aHardLinkToTheInputIsRefused() throws IOException {
        Path c = corpus();
        Path hard = Files.createLink(dir.resolve("other-name.txt"), c);
        assertRefused(hard, c);
    }

    @Test
    void anotherExistingFileOrANewFileMayBeWritten() throws IOException {
        Path c = corpus();
        Path old = dir.resolve("old-model.logitlab-model");
        Files.writeString(old, "an older model");
        assertDoesNotThrow(() -> Destination.check(old, new Destination.Input("the corpus", c)));
        assertDoesNotThrow(() -> Destination.check(dir.resolve("new.logitlab-model"), new Destination.Input("the corpus", c)));
    }

    @Test
    void aMissingFolderIsRefusedBeforeAnyWork() {
        IOException e = assertThrows(IOException.class, () -> Destination.check(dir.resolve("missing").resolve("grid.csv")));
        assertTrue(e.getMessage().contains("missing") && e.getMessage().contains("does not exist"), e.getMessage());
    }
}
