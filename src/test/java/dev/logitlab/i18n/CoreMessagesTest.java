package dev.logitlab.i18n;

import dev.logitlab.data.Dataset;
import dev.logitlab.engine.Engine;
import dev.logitlab.model.ModelFamily;
import dev.logitlab.model.gpt.GptSpec;
import dev.logitlab.text.TokenizerKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sentences and names below the window: both bundles agree, every key exists, Portuguese follows the switch. */
class CoreMessagesTest {
    private static final Pattern SAY = Pattern.compile("\\bsay\\(\"([^\"]+)\"");
    // keys built from an enum's name: "family." + cliName, "tokenizer." + cliName + ".name" …
    private static final Pattern BUILT = Pattern.compile("say\\(\"(family|tokenizer)\\.\"");

    @AfterEach
    void backToEnglish() { Messages.use(Locale.ENGLISH); }

    @Test
    void bothBundlesHaveTheSameKeys() throws IOException {
        // given the English and the Portuguese core bundle, then their keys are the same set
        assertEquals(new TreeSet<>(load("messages.properties").stringPropertyNames()),
                new TreeSet<>(load("messages_pt_BR.properties").stringPropertyNames()));
    }

    @Test
    void everyKeyUsedInTheCodeExistsInBothBundles() throws IOException {
        // given every say("…") in the sources, then each key is in both bundles
        Set<String> en = load("messages.properties").stringPropertyNames();
        Set<String> pt = load("messages_pt_BR.properties").stringPropertyNames();
        Set<String> missing = new TreeSet<>();
        int used = 0;
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = SAY.matcher(Files.readString(f));
                while (m.find()) {
                    if (BUILT.matcher(m.group()).lookingAt()) continue;
                    used++;
                    if (!en.contains(m.group(1)) || !pt.contains(m.group(1))) missing.add(f.getFileName() + ": " + m.group(1));
                }
            }
        }
        assertTrue(used > 80, "the scan found only " + used + " say(\"…\") calls");
        assertTrue(missing.isEmpty(), "keys not in both core bundles: " + missing);
        // and the keys built from enums exist for every constant
        for (ModelFamily f : ModelFamily.values()) assertTrue(en.contains("family." + f.cliName()) && pt.contains("family." + f.cliName()), f.name());
        for (TokenizerKind k : TokenizerKind.values()) {
            for (String part : new String[] {".name", ".about"}) {
                String key = "tokenizer." + k.cliName() + part;
                assertTrue(en.contains(key) && pt.contains(key), key);
            }
        }
    }

    @Test
    void englishIsVerbatimByDefault() {
        // given the tests' pinned English, then the names and sentences read as they always did
        assertEquals(Locale.ENGLISH, Messages.locale());
        assertEquals("MiniGPT (MLP)", ModelFamily.MLP.displayName());
        assertEquals("Word", TokenizerKind.WORD.toString());
        assertEquals("Portuguese · everyday sentences", Dataset.PT_EVERYDAY.title());
        assertEquals("There is no model yet: click Train first.", Messages.say("engine.no_model"));
        // arguments print as concatenation would: no digit grouping, the quote kept
        assertEquals("steps must be between 1 and 1000, was 5000", Messages.say("learn.steps", 5000));
        assertEquals("x.txt is larger than 20 MB; LogitLab's models are meant for small corpora.", Messages.say("import.too_big", "x.txt", 20));
        assertEquals("learning rate must be in (0, 1], was 1.5", Messages.say("config.learning_rate", 1.5));
    }

    @Test
    void portugueseInForceReachesTheEngineAndTheNames() throws InterruptedException {
        // given Portuguese chosen, as the window's I18n does on a switch
        Messages.use(Locale.forLanguageTag("pt-BR"));
        // then names come out in Portuguese
        assertEquals("Palavra", TokenizerKind.WORD.displayName());
        assertEquals("Português · frases do dia a dia", Dataset.PT_EVERYDAY.toString());
        assertEquals("GPT (transformer)", ModelFamily.GPT.displayName());
        // and a sentence the engine builds when asked for a prediction without a model
        Engine engine = new Engine();
        try {
            ExecutionException e = assertThrows(ExecutionException.class, () -> engine.predict("olá").get());
            assertEquals("Ainda não há modelo: clique em Treinar primeiro.", e.getCause().getMessage());
        } finally {
            engine.close();
        }
        // and a settings check (heads must divide the width)
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> GptSpec.TEACHING.withNHead(5));
        assertTrue(bad.getMessage().startsWith("nEmbd deve ser divisível por nHead"), bad.getMessage());
        // and English again after switching back
        Messages.use(Locale.ENGLISH);
        assertEquals("Word", TokenizerKind.WORD.displayName());
    }

    private static Properties load(String name) throws IOException {
        Properties p = new Properties();
        try (InputStream in = CoreMessagesTest.class.getResourceAsStream("/dev/logitlab/" + name)) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }
}
