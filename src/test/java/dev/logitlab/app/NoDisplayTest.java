package dev.logitlab.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Starting the window with no display says so in one line and exits 1, without a JavaFX stack trace. */
class NoDisplayTest {

    @ParameterizedTest(name = "{0}, DISPLAY=''{1}'', WAYLAND_DISPLAY=''{2}'', glass={3} → {4}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "Linux    | -    | -         | -       | false",   // a server or an ssh session without X forwarding
            "Linux    | ' '  | -         | -       | false",   // a blank DISPLAY is none
            "Linux    | :0   | -         | -       | true",    // X11
            "Linux    | -    | wayland-0 | -       | true",    // Wayland
            "Linux    | -    | -         | Monocle | true",    // the headless platform the tests use
            "FreeBSD  | -    | -         | -       | false",   // other Unixes need X too
            "Mac OS X | -    | -         | -       | true",    // macOS and Windows always have one
            "Windows 11 | -  | -         | -       | true"})
    void aDisplayIsFoundOnlyWhereOneIs(String os, String display, String wayland, String glass, boolean expected) {
        Map<String, String> env = new HashMap<>();
        if (display != null) env.put("DISPLAY", display);
        if (wayland != null) env.put("WAYLAND_DISPLAY", wayland);
        assertEquals(expected, Launcher.hasDisplay(os, env, glass));
    }

    @Test
    void aChildJvmWithoutADisplaySaysSoAndExitsOne() throws Exception {
        // given a JVM started with no DISPLAY nor WAYLAND_DISPLAY, on Linux
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getProperty("os.name").startsWith("Linux"));
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Launcher.class.getName());
        pb.environment().remove("DISPLAY");
        pb.environment().remove("WAYLAND_DISPLAY");
        pb.redirectErrorStream(true);

        // when the launcher is started without arguments (the window)
        Process p = pb.start();
        assertTrue(p.waitFor(2, TimeUnit.MINUTES), "the launcher did not exit");
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        // then it says what to do, in one line, exits 1, and prints no stack trace
        assertEquals(1, p.exitValue(), output);
        assertEquals(Launcher.NO_DISPLAY, output.strip());
        assertFalse(output.contains("Exception"), output);
    }
}
