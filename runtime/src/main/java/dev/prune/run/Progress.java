package dev.prune.run;

import java.io.PrintStream;
import java.util.Locale;

/**
 * What a run tells the person watching it. On a terminal, a line that redraws itself during an epoch
 * (a progress bar); in a log, one line per epoch and per stage, never a carriage return.
 */
public final class Progress {

    private final PrintStream out;
    private final boolean terminal;
    private long lastDraw;

    public Progress(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    public static Progress detect(PrintStream out) {
        return new Progress(out, System.console() != null && System.getenv("CI") == null);
    }

    public void stage(int index, int count, String name, String what) {
        line(String.format(Locale.ROOT, "[%d/%d] %s: %s", index, count, name, what));
    }

    public void info(String message) {
        line("      " + message);
    }

    /** During an epoch: redrawn at most ten times a second, and only on a terminal. */
    public void step(String stage, int epoch, long stepInEpoch, long stepsInEpoch, double loss) {
        if (!terminal) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastDraw < 100_000_000L && stepInEpoch < stepsInEpoch) {
            return;
        }
        lastDraw = now;
        int width = 30;
        int filled = (int) Math.min(width, width * stepInEpoch / Math.max(1, stepsInEpoch));
        out.print(String.format(Locale.ROOT, "\r      %s epoch %d [%s%s] %d/%d loss %.4f ", stage, epoch, "#".repeat(filled),
                ".".repeat(width - filled), stepInEpoch, stepsInEpoch, loss));
        out.flush();
    }

    private void line(String text) {
        if (terminal) {
            out.print("\r\033[K");
        }
        out.println(text);
        out.flush();
    }
}
