package dev.logitlab.data;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** File → Datasets lists {@link Dataset}: every corpus shipped in datasets/ must be there, with text. */
class DatasetsListedTest {

    @Test
    void everyFileInTheDatasetsFolderIsADataset() throws Exception {
        try (Stream<Path> files = Files.list(Path.of("datasets"))) {
            assertEquals(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".txt")).sorted().toList(),
                    Arrays.stream(Dataset.values()).map(Dataset::file).sorted().toList());
        }
        for (Dataset d : Dataset.values()) assertFalse(d.text().isBlank(), d.file());
    }
}
