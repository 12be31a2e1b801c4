package dev.logitlab.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** This process's resident memory as Linux counts it ({@code /proc/self/status}); −1 where there is no such file. */
final class Memory {
    private Memory() {}

    /** Resident now (VmRSS), in MB. */
    static long residentMb() { return field("VmRSS:"); }

    /** The most resident so far in the process's life (VmHWM), in MB. */
    static long peakResidentMb() { return field("VmHWM:"); }

    private static long field(String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(name)) return Long.parseLong(line.substring(name.length()).replace("kB", "").strip()) / 1024;
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
