package dev.logitlab.store;

import java.nio.file.Path;

/**
 * Where LogitLab keeps a user's files: the recent-projects list under {@code config}, autosaves and
 * session markers under {@code data}. The system property {@code logitlab.home} puts both in one
 * folder (tests use a temporary one); otherwise the XDG folders ({@code ~/.config/logitlab},
 * {@code ~/.local/share/logitlab}).
 */
public record AppHome(Path config, Path data) {
    public static final String PROPERTY = "logitlab.home";

    public static AppHome fromSystem() {
        String home = System.getProperty(PROPERTY);
        if (home != null && !home.isBlank()) return of(Path.of(home));
        Path user = Path.of(System.getProperty("user.home"));
        return new AppHome(xdg("XDG_CONFIG_HOME", user.resolve(".config")).resolve("logitlab"),
                xdg("XDG_DATA_HOME", user.resolve(".local").resolve("share")).resolve("logitlab"));
    }

    /** Both kinds of file in one folder. */
    public static AppHome of(Path dir) {
        return new AppHome(dir, dir);
    }

    private static Path xdg(String variable, Path fallback) {
        String v = System.getenv(variable);
        return v != null && !v.isBlank() && Path.of(v).isAbsolute() ? Path.of(v) : fallback;
    }

    public Path recentFile() { return config.resolve("recent-projects.json"); }
    public Path autosaveDir() { return data.resolve("autosave"); }
}
