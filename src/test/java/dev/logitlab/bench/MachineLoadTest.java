package dev.logitlab.bench;

import dev.logitlab.bench.MachineLoad.CpuTimes;
import dev.logitlab.bench.MachineLoad.LoadAverage;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Telling a busy machine from a quiet one, from /proc text and the ratios' spread (no real load needed). */
class MachineLoadTest {
    private static final PairedRatios STEADY = new PairedRatios("gpt_train_t2", "tokens/s", true,
            new double[]{12, 12, 12, 12, 12}, new double[]{10, 10, 10, 10, 10});

    @Test
    void readsTheLoadAverageLine() {
        LoadAverage l = LoadAverage.parse("0.26 1.01 1.60 2/531 12345\n");
        assertEquals(new LoadAverage(0.26, 1.01, 1.60), l);
        assertThrows(IllegalArgumentException.class, () -> LoadAverage.parse("0.26"));
    }

    @Test
    void readsTheCpuLineLeavingStealOut() {
        // user nice system idle iowait irq softirq steal
        CpuTimes t = CpuTimes.parse("cpu  100 0 50 800 50 0 0 30 0 0");
        assertEquals(150, t.busy());
        assertEquals(1000, t.total());
        assertThrows(IllegalArgumentException.class, () -> CpuTimes.parse("intr 1 2 3"));
    }

    @Test
    void foreignCoresAreTheMachinesBusyCoresLessOurOwn() {
        // given 2 cores, 1,000 ticks of which 750 busy (1.5 cores), while we used 1 core-second a second
        CpuTimes before = new CpuTimes(0, 0), after = new CpuTimes(750, 1000);
        assertEquals(0.5, MachineLoad.foreignCores(before, after, 2, 10, 10), 1e-12);
        // and our own use never makes it negative
        assertEquals(0, MachineLoad.foreignCores(before, after, 2, 30, 10), 1e-12);
    }

    @Test
    void aQuietRunHasNoWarning() {
        // load 0.1 before; 2.3 after a 2-thread run (0.3 others); nothing foreign; steady ratios
        List<String> w = MachineLoad.warnings(new LoadAverage(0.1, 0.2, 0.3), new LoadAverage(2.3, 1.5, 0.8), 2, 2, 0.05, List.of(STEADY));
        assertTrue(w.isEmpty(), w.toString());
    }

    @Test
    void eachSignOfABusyMachineIsNamed() {
        PairedRatios jumpy = new PairedRatios("mlp_train_t1", "tokens/s", true, new double[]{8, 10, 10, 10, 12}, new double[]{10, 10, 10, 10, 10});

        // load before: others were running
        assertTrue(MachineLoad.warnings(new LoadAverage(3.0, 2, 1), null, 2, 2, Double.NaN, List.of()).get(0).contains("before the run"));
        // load after, beyond our own 1 thread by 1.5 > 0.5
        assertTrue(MachineLoad.warnings(null, new LoadAverage(2.5, 2, 1), 2, 1, Double.NaN, List.of()).get(0).contains("more than its own 1"));
        // other processes' CPU
        assertTrue(MachineLoad.warnings(null, null, 2, 2, 0.8, List.of()).get(0).contains("0.80 cores"));
        // ratios spread 40% > 15%
        List<String> spread = MachineLoad.warnings(null, null, 2, 2, Double.NaN, List.of(STEADY, jumpy));
        assertEquals(1, spread.size(), spread.toString());
        assertTrue(spread.get(0).startsWith("mlp_train_t1: the paired ratios spread 40%"), spread.get(0));
    }

    @Test
    void anUnsettledPeakOrAnMfuAbove100PercentIsNamed() {
        assertTrue(MachineLoad.peakWarnings(2, true, 0.6).isEmpty());
        assertTrue(MachineLoad.peakWarnings(2, false, 0.6).get(0).contains("did not all settle"));
        assertTrue(MachineLoad.peakWarnings(1, true, 1.3).get(0).contains("130% of the sgemm peak"));
    }
}
