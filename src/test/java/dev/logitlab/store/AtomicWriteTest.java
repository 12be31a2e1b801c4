package dev.logitlab.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every file LogitLab writes is either the old one or the whole new one, and a failure is a sentence naming the file. */
class AtomicWriteTest {
    @TempDir Path dir;

    private List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aWriteReplacesTheFileAndLeavesNoTemporary() throws IOException {
        // given an existing file
        Path file = dir.resolve("grid.csv");
        Files.writeString(file, "old\n");

        // when it is written again
        AtomicWrite.writeString(file, "alpha,beta,loss\n0,0,1.5\n");

        // then it holds the new text and nothing else is in the folder
        assertEquals("alpha,beta,loss\n0,0,1.5\n", Files.readString(file));
        assertEquals(List.of("grid.csv"), names());
    }

    @Test
    void aFullDiskMidWayLeavesTheOldFileIntactAndSaysSoNamingTheFile() throws IOException {
        // given an existing file, and a write that fails half-way as the system reports a full disk
        Path file = dir.resolve("model.logitlab-model");
        Files.writeString(file, "the previous model");

        // when it is written
        IOException e = assertThrows(IOException.class, () -> AtomicWrite.write(file, out -> {
            out.write(new byte[100_000]);
            throw new IOException("No space left on device");
        }));

        // then the message is one sentence naming the file and the cause, the old file is intact, and no temporary is left
        assertTrue(e.getMessage().contains("model.logitlab-model") && e.getMessage().contains("disk is full"), e.getMessage());
        assertTrue(e.getMessage().contains("unchanged"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        assertEquals("the previous model", Files.readString(file));
        assertEquals(List.of("model.logitlab-model"), names());
    }

    @Test
    void systemFailuresBecomeSentences() {
        Path file = dir.resolve("p.logitlab");
        // a folder one may not write in (what the system says for a read-only folder as a user)
        String denied = AtomicWrite.failure(file, new AccessDeniedException(dir.resolve(".saving-1.tmp").toString())).getMessage();
        assertTrue(denied.contains("read-only") && denied.contains(dir.toString()) && denied.contains("p.logitlab"), denied);
        // a read-only file system
        String readOnly = AtomicWrite.failure(file, new FileSystemException(file.toString(), null, "Read-only file system")).getMessage();
        assertTrue(readOnly.contains("read-only"), readOnly);
        // a quota
        String quota = AtomicWrite.failure(file, new IOException("Disk quota exceeded")).getMessage();
        assertTrue(quota.contains("disk is full"), quota);
        // any other system error keeps the system's reason, still naming the file
        String other = AtomicWrite.failure(file, new FileSystemException(file.toString(), null, "Input/output error")).getMessage();
        assertTrue(other.contains("Input/output error") && other.contains("p.logitlab"), other);
    }

    @Test
    void aMissingFolderOrAFolderAsTargetIsRefusedBeforeWriting() {
        IOException missing = assertThrows(IOException.class, () -> AtomicWrite.writeString(dir.resolve("nope").resolve("x.csv"), "x"));
        assertTrue(missing.getMessage().contains("nope") && missing.getMessage().contains("does not exist"), missing.getMessage());
        IOException folder = assertThrows(IOException.class, () -> AtomicWrite.writeString(dir, "x"));
        assertTrue(folder.getMessage().contains("is a folder"), folder.getMessage());
    }

    @Test
    void staleTemporariesOfOurPatternAreRemovedAndNothingElse() throws IOException {
        // given a temporary a killed save left an hour ago, one being written now, and files that only look alike
        Path stale = dir.resolve(AtomicWrite.PREFIX + "123456" + AtomicWrite.SUFFIX);
        Path fresh = dir.resolve(AtomicWrite.PREFIX + "654321" + AtomicWrite.SUFFIX);
        Path notOurs = dir.resolve(AtomicWrite.PREFIX + "notes.txt");
        Path alsoNotOurs = dir.resolve("saving-1.tmp");
        for (Path p : List.of(stale, fresh, notOurs, alsoNotOurs)) Files.writeString(p, "x", StandardCharsets.UTF_8);
        FileTime hourAgo = FileTime.from(Instant.now().minus(Duration.ofHours(1)));
        for (Path p : List.of(stale, notOurs, alsoNotOurs)) Files.setLastModifiedTime(p, hourAgo);

        // when a file is saved into that folder
        AtomicWrite.writeString(dir.resolve("corpus.txt"), "olá\n");

        // then only the stale temporary is gone
        assertFalse(Files.exists(stale));
        assertEquals(List.of(AtomicWrite.PREFIX + "654321" + AtomicWrite.SUFFIX, AtomicWrite.PREFIX + "notes.txt", "corpus.txt", "saving-1.tmp"), names());
    }
}
