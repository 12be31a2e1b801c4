package dev.logitlab.bench;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The bench's memory figures read Linux's own counts of this process. */
class MemoryTest {
    @Test
    void residentMemoryIsPositiveAndThePeakIsAtLeastIt() {
        assumeTrue(Files.isReadable(Path.of("/proc/self/status")), "skipped: no /proc (not Linux)");
        long now = Memory.residentMb(), peak = Memory.peakResidentMb();
        assertTrue(now > 0, "VmRSS " + now);
        assertTrue(peak >= now, "VmHWM " + peak + " < VmRSS " + now);
    }
}
