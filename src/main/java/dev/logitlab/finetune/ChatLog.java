package dev.logitlab.finetune;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.logitlab.store.Destination;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The chat's memory: every exchange appended to a JSON Lines file ({@code {"time", "user", "reply"}} per
 * line), which {@code deeptrain} learns from. Appending (not the atomic rewrite the model files use) is
 * what a log wants: each exchange is one write of one line, so a crash can at most cut the last line,
 * and a cut or foreign line is skipped when the log is read back.
 */
public final class ChatLog {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The file name's ending: a model {@code pt.logitlab-model} chats into {@code pt.chat.jsonl} beside it. */
    public static final String SUFFIX = ".chat.jsonl";

    private final Path file;

    public ChatLog(Path file) {
        this.file = file;
    }

    public Path file() { return file; }

    /** One exchange: what the user typed and what the model answered. */
    public record Exchange(Instant time, String user, String reply) {}

    /**
     * The default log of a model: beside it, named after it ({@code pt.logitlab-model} → {@code pt.chat.jsonl};
     * a HuggingFace folder {@code gpt2/} → {@code gpt2.chat.jsonl} next to the folder), so each model keeps
     * its own conversation where the user keeps the model.
     */
    public static Path besideModel(Path model) {
        return Destination.beside(model, SUFFIX);
    }

    /** Appends one exchange as one line (the file is created when missing). */
    public void append(Exchange e) throws IOException {
        ObjectNode o = JSON.createObjectNode().put("time", e.time().toString()).put("user", e.user()).put("reply", e.reply());
        Files.write(file, (JSON.writeValueAsString(o) + "\n").getBytes(StandardCharsets.UTF_8),
                StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
    }

    /** Every readable exchange, oldest first; an absent log is empty. */
    public List<Exchange> read() throws IOException {
        List<Exchange> out = new ArrayList<>();
        if (!Files.exists(file)) return out;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank()) continue;
            try {
                JsonNode n = JSON.readTree(line);
                if (n == null || !n.path("user").isTextual()) continue;   // not one of ours: skipped, not fatal
                Instant time;
                try {
                    time = Instant.parse(n.path("time").asText());
                } catch (RuntimeException noTime) {
                    time = Instant.EPOCH;
                }
                out.add(new Exchange(time, n.get("user").asText(), n.path("reply").asText("")));
            } catch (JsonProcessingException cut) {
                // a line cut by a crash: the others still count
            }
        }
        return out;
    }

    /** What the user typed, in order (what {@code deeptrain} learns). */
    public List<String> userLines() throws IOException {
        return read().stream().map(Exchange::user).filter(s -> !s.isBlank()).toList();
    }
}
