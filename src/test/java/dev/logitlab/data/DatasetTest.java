package dev.logitlab.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

/** The corpora bundled into the application are the files in datasets/. */
class DatasetTest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dataset.class)
    void aBundledDatasetIsTheFileInTheCheckout(Dataset dataset) throws IOException {
        // given a dataset shipped with the application
        // when it is read from the class path
        Corpus bundled = dataset.corpus();

        // then it holds sentences, exactly those of the file in datasets/
        String onDisk = Files.readString(Path.of("datasets", dataset.file()), StandardCharsets.UTF_8);
        assertFalse(bundled.isEmpty());
        assertEquals(Corpus.parse(dataset.file(), onDisk), bundled);
    }

    @Test
    void theDefaultIsTheEverydayPortugueseSet() {
        // given the dataset the window opens with
        // when it is named
        // then it is the Portuguese everyday set
        assertSame(Dataset.PT_EVERYDAY, Dataset.DEFAULT);
        assertEquals("pt-everyday.txt", Dataset.DEFAULT.file());
    }
}
