package dev.logitlab.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The last few projects opened or saved, newest first, kept in a small JSON file. */
public final class RecentProjects {
    public static final int MAX = 8;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path file;

    public RecentProjects(Path file) { this.file = file; }

    /** The list; a missing or unreadable file is an empty list (it is only a convenience). */
    public List<Path> load() {
        List<Path> paths = new ArrayList<>();
        try {
            if (!Files.isRegularFile(file)) return paths;
            JsonNode root = JSON.readTree(file.toFile());
            root.path("projects").forEach(p -> { if (paths.size() < MAX) paths.add(Path.of(p.asText())); });
        } catch (IOException | RuntimeException unreadable) {
            // a damaged list is forgotten: it is rewritten on the next save
        }
        return paths;
    }

    /** Puts {@code project} first and returns the new list. */
    public List<Path> add(Path project) {
        Path p = project.toAbsolutePath().normalize();
        List<Path> paths = load();
        paths.remove(p);
        paths.add(0, p);
        while (paths.size() > MAX) paths.remove(paths.size() - 1);
        write(paths);
        return paths;
    }

    public List<Path> remove(Path project) {
        List<Path> paths = load();
        paths.remove(project.toAbsolutePath().normalize());
        write(paths);
        return paths;
    }

    public void clear() { write(List.of()); }

    private void write(List<Path> paths) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            var root = JSON.createObjectNode().put("version", 1);
            ArrayNode a = root.putArray("projects");
            paths.forEach(p -> a.add(p.toString()));
            AtomicWrite.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
        } catch (IOException e) {
            System.getLogger(RecentProjects.class.getName()).log(System.Logger.Level.WARNING, "could not write " + file + ": " + e.getMessage());
        }
    }
}
