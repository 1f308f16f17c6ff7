package dev.prune.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.eclipse.lsp4j.Diagnostic;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Diagnostics for a 1,000-line spec after one edit, warm: the time from didChange to the published
 * diagnostics, the debounce set to zero. Run with
 * {@code mvn -q test -pl lsp -am -Dtest=DiagnosticsBenchmark -Dprune.excludedGroups=none -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("benchmark")
class DiagnosticsBenchmark {

    private static final int ROUNDS = 40;

    @Test
    void diagnosticsAfterOneEditOfAThousandLineSpec() throws Exception {
        Path quickstart = Session.example("quickstart.prune");
        String whole = Files.readString(quickstart);
        String header = whole.substring(0, whole.indexOf("recipe quickstart"));
        String recipe = whole.substring(whole.indexOf("recipe quickstart"));
        StringBuilder spec = new StringBuilder(header);
        int copies = 0;
        while (spec.toString().split("\n", -1).length < 1000) {
            spec.append(recipe.replace("recipe quickstart", "recipe quickstart_" + copies++)).append('\n');
        }
        String text = spec.toString();
        int lines = text.split("\n", -1).length;
        Session session = new Session();
        String uri = Session.uri(quickstart.resolveSibling("bench.prune"));
        assertEquals(List.of(), session.open(uri, text));
        List<Long> nanos = new ArrayList<>();
        List<Long> cpu = new ArrayList<>();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Analyzer analyzer = new Analyzer(dev.prune.lang.BlockCatalog.standard());
        for (int round = 0; round < ROUNDS; round++) {
            // One edit: a different seed in the last recipe; every other round a misspelt setting, so the text changes.
            String edited = replaceLast(text, "seed 7", "seed " + (8 + round));
            if (round % 2 == 1) {
                edited = replaceLast(edited, "batch 128", "bach 128");
            }
            long start = System.nanoTime();
            List<Diagnostic> diagnostics = session.change(uri, edited);
            nanos.add(System.nanoTime() - start);
            assertEquals(round % 2, diagnostics.size());
            // The same check on this thread, timed in CPU time: on a shared machine wall time also counts the waits.
            long cpuStart = threads.getCurrentThreadCpuTime();
            assertEquals(round % 2, analyzer.analyze(uri, edited).diagnostics().size());
            cpu.add(threads.getCurrentThreadCpuTime() - cpuStart);
        }
        long[] warm = warm(nanos);
        long[] warmCpu = warm(cpu);
        System.out.printf(Locale.ROOT, "diagnostics after one edit of a %d-line spec (%d recipes), warm, didChange to publishDiagnostics: "
                + "median %.1f ms wall (min %.1f, max %.1f); the check alone: median %.1f ms CPU (min %.1f)%n",
                lines, copies, warm[warm.length / 2] / 1e6, warm[0] / 1e6, warm[warm.length - 1] / 1e6,
                warmCpu[warmCpu.length / 2] / 1e6, warmCpu[0] / 1e6);
        System.out.println("rounds (ms): " + Arrays.toString(nanos.stream().mapToLong(n -> n / 1_000_000).toArray()));
    }

    /** The last three quarters of the rounds, sorted: the first are the JIT's warm-up. */
    private static long[] warm(List<Long> rounds) {
        return rounds.subList(ROUNDS / 4, ROUNDS).stream().mapToLong(Long::longValue).sorted().toArray();
    }

    private static String replaceLast(String text, String from, String to) {
        int at = text.lastIndexOf(from);
        return text.substring(0, at) + to + text.substring(at + from.length());
    }
}
