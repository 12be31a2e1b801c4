package dev.logitlab.ui.common;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The two bundles say the same things, and every key the interface asks for is in them. */
class MessagesTest {
    private static final Pattern TR = Pattern.compile("\\btr\\(\"([^\"]+)\"");

    @Test
    void bothBundlesHaveTheSameKeys() throws IOException {
        // given the English and the Portuguese bundle, then their keys are the same set
        assertEquals(new TreeSet<>(load("messages.properties").stringPropertyNames()),
                new TreeSet<>(load("messages_pt_BR.properties").stringPropertyNames()));
    }

    @Test
    void everyKeyUsedInTheCodeExists() throws IOException {
        // given every tr("…") in the sources, then each key is in the English bundle
        Set<String> keys = load("messages.properties").stringPropertyNames();
        Set<String> missing = new TreeSet<>();
        int used = 0;
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = TR.matcher(Files.readString(f));
                while (m.find()) {
                    used++;
                    if (!keys.contains(m.group(1))) missing.add(f.getFileName() + ": " + m.group(1));
                }
            }
        }
        assertTrue(used > 300, "the scan found only " + used + " tr(\"…\") calls");
        assertTrue(missing.isEmpty(), "keys not in messages.properties: " + missing);
    }

    @Test
    void withoutAModelTheViewsSayTheirOwnSentence_inPortugueseToo() throws Exception {
        // the engine's "no model" is recognised by its type, not by its English words
        try (dev.logitlab.engine.Engine engine = new dev.logitlab.engine.Engine()) {
            I18n.use(I18n.Language.PORTUGUESE, false);
            var main = new dev.logitlab.ui.MainViewModel(engine, UiDispatcher.DIRECT);
            var attention = main.attentionModel();
            attention.refresh();
            long end = System.nanoTime() + 20_000_000_000L;
            while (attention.busyProperty().get() && System.nanoTime() < end) Thread.sleep(20);
            assertEquals(dev.logitlab.ui.attention.AttentionViewModel.noModel(), attention.messageProperty().get());
            assertTrue(attention.messageProperty().get().startsWith("Treine"), attention.messageProperty().get());
        } finally {
            I18n.use(I18n.Language.ENGLISH, false);
        }
    }

    @Test
    void portugueseIsLookedUpAndEnglishIsTheFallback() {
        // when the language is switched, tr follows it
        try {
            I18n.use(I18n.Language.PORTUGUESE, false);
            assertEquals("Treinar", I18n.tr("shortcuts.train"));
            // and the sentences and names built below the window follow it too
            assertEquals("Ainda não há modelo: clique em Treinar primeiro.", dev.logitlab.i18n.Messages.say("engine.no_model"));
            assertEquals("Caractere", dev.logitlab.text.TokenizerKind.CHAR.displayName());
            I18n.use(I18n.Language.ENGLISH, false);
            assertEquals("Train", I18n.tr("shortcuts.train"));
            assertEquals("There is no model yet: click Train first.", dev.logitlab.i18n.Messages.say("engine.no_model"));
            // an unknown key shows itself instead of failing
            assertEquals("no.such.key", I18n.tr("no.such.key"));
        } finally {
            I18n.use(I18n.Language.ENGLISH, false);
        }
    }

    private static Properties load(String name) throws IOException {
        Properties p = new Properties();
        try (InputStream in = MessagesTest.class.getResourceAsStream("/dev/logitlab/ui/" + name)) {
            p.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        }
        return p;
    }
}
