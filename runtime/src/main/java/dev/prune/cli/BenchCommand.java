package dev.prune.cli;

import dev.prune.verify.BenchResult;
import dev.prune.verify.ExecutionProvider;
import dev.prune.verify.LatencyBenchmark;
import dev.prune.verify.ModelLoadException;
import dev.prune.verify.ProviderUnavailableException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code prune bench A.onnx B.onnx}: the median latency of two models in ONNX Runtime, typically a baseline
 * and its merged form, and their ratio A/B per batch size. Runs alternate A, B, A, B (see
 * {@link LatencyBenchmark}) so that a shared machine's noise falls on both; the ratio is the number to read.
 */
final class BenchCommand implements Command {

    static final List<Integer> DEFAULT_BATCHES = List.of(1, 32);
    static final int DEFAULT_RUNS = 20;

    @Override
    public String name() {
        return "bench";
    }

    @Override
    public String usage() {
        return "A.onnx B.onnx [--batch 1,32] [--runs N] [--warmup N] [--provider cpu] [--json]";
    }

    @Override
    public String summary() {
        return "median latency of two ONNX models in ONNX Runtime, runs interleaved, and the ratio A/B per batch";
    }

    @Override
    public Options options() {
        return new Options()
                .addOption(Option.builder().longOpt("batch").hasArg().argName("N,N...")
                        .desc("batch sizes, comma-separated (default 1,32)").get())
                .addOption(Option.builder().longOpt("runs").hasArg().argName("N")
                        .desc("timed runs per model and batch size (default " + DEFAULT_RUNS + ")").get())
                .addOption(Option.builder().longOpt("warmup").hasArg().argName("N")
                        .desc("untimed runs first, per model and batch size (default " + LatencyBenchmark.DEFAULT_WARMUP + ")").get())
                .addOption(Option.builder().longOpt("provider").hasArg().argName("NAME")
                        .desc("ONNX Runtime execution provider: cpu, cuda[:N], rocm[:N] (default cpu)").get())
                .addOption(Option.builder().longOpt("json").desc("print the result as JSON on stdout").get());
    }

    @Override
    public int run(CommandLine line, Io io) {
        String[] models = line.getArgs();
        if (models.length != 2) {
            throw new UserError("bench needs two ONNX files, A and B (got " + models.length + ")");
        }
        List<Integer> batches = batches(line.getOptionValue("batch"));
        int runs = count(line, "runs", DEFAULT_RUNS, 1);
        int warmup = count(line, "warmup", LatencyBenchmark.DEFAULT_WARMUP, 0);
        String provider = provider(line.getOptionValue("provider", "cpu"));
        Path a = SpecFiles.existing(io, models[0]);
        Path b = SpecFiles.existing(io, models[1]);

        BenchResult result = measure(a, b, batches, runs, warmup, provider, models);
        io.out().print(line.hasOption("json") ? result.toJson() : result.toTable());
        return ExitCode.OK;
    }

    /** The benchmark, with the user's problems (a file ONNX Runtime cannot load, a missing provider) as user errors. */
    private static BenchResult measure(Path a, Path b, List<Integer> batches, int runs, int warmup, String provider,
            String[] asWritten) {
        try {
            return LatencyBenchmark.run(a, b, batches, runs, warmup, provider);
        } catch (ModelLoadException e) {
            String name = e.model().equals(a) ? asWritten[0] : asWritten[1];
            throw new UserError("cannot load " + name + ": not an ONNX model this ONNX Runtime can load ("
                    + e.detail().strip() + ")");
        } catch (ProviderUnavailableException | IllegalArgumentException e) {
            // The provider message says what to install; the argument one, which input cannot be fed.
            throw new UserError(e.getMessage());
        } catch (IllegalStateException e) {
            // A model that loads but fails while running: the job failed, prune did not.
            throw new UserError(e.getMessage(), ExitCode.FAILED);
        }
    }

    /** {@code 1,32} → [1, 32]; every size ≥ 1. */
    private static List<Integer> batches(String value) {
        if (value == null) {
            return DEFAULT_BATCHES;
        }
        List<Integer> sizes = new ArrayList<>();
        for (String part : value.split(",", -1)) {
            sizes.add(atLeast(1, part).orElseThrow(() -> new UserError(
                    "--batch takes batch sizes ≥ 1 separated by commas, e.g. 1,32; got '" + value + "'")));
        }
        return List.copyOf(sizes);
    }

    private static int count(CommandLine line, String option, int fallback, int min) {
        String value = line.getOptionValue(option);
        if (value == null) {
            return fallback;
        }
        return atLeast(min, value).orElseThrow(() -> new UserError("--" + option + " takes a whole number ≥ " + min
                + "; got '" + value + "'"));
    }

    /** The provider name, checked for form here so that a typo fails before any model is loaded. */
    private static String provider(String name) {
        try {
            return ExecutionProvider.parse(name).toString();
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
    }

    /** The whole number the text spells, if it is one and ≥ min. */
    private static Optional<Integer> atLeast(int min, String text) {
        try {
            return Optional.of(Integer.parseInt(text.strip())).filter(n -> n >= min);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
