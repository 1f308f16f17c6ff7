package dev.prune.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Writes a run's human-readable report: {@code report.md} with its tables, and the PNG plots it embeds under
 * {@code plots/}: one training-curve plot per training stage with epochs, and the search's candidates. The
 * plots are written first and the markdown last, so that once {@code report.md} appears every image it links
 * to exists. A value whose stage did not run prints as "not run".
 */
public final class ReportWriter {

    public static final String FILE_NAME = "report.md";
    public static final String PLOTS_DIR = "plots";

    /** What was written: the markdown file, and each plot by a short name (a stage, or "search"). */
    public record Report(Path markdown, Map<String, Path> plots) {

        public Report {
            plots = Collections.unmodifiableMap(new LinkedHashMap<>(plots));
        }
    }

    private ReportWriter() {
    }

    public static Report write(Summary summary, RunLogs logs, Path runDir) {
        return write(summary, logs, runDir, ChartSize.DEFAULT);
    }

    public static Report write(Summary summary, RunLogs logs, Path runDir, ChartSize size) {
        Map<String, Path> plots = writePlots(logs, runDir, size);
        Path markdown = runDir.resolve(FILE_NAME);
        ReportFiles.write(markdown, markdown(summary, logs, relativeLinks(runDir, plots)));
        return new Report(markdown, plots);
    }

    private static Map<String, Path> writePlots(RunLogs logs, Path runDir, ChartSize size) {
        Map<String, Path> plots = new LinkedHashMap<>();
        Path folder = runDir.resolve(PLOTS_DIR);
        for (StageLog stage : logs.training().values()) {
            if (TrainingChart.drawable(stage)) {
                Path file = folder.resolve(stage.stage() + "-training.png");
                Charts.writePng(TrainingChart.render(stage, size), file);
                plots.put(stage.stage(), file);
            }
        }
        if (CandidateChart.drawable(logs.candidates())) {
            Path file = folder.resolve("search-candidates.png");
            Charts.writePng(CandidateChart.render(logs.candidates(), size), file);
            plots.put("search", file);
        }
        return plots;
    }

    /** Links relative to the report, with '/' whatever the platform, as markdown expects. */
    private static Map<String, String> relativeLinks(Path runDir, Map<String, Path> plots) {
        Map<String, String> links = new LinkedHashMap<>();
        plots.forEach((name, file) -> links.put(name, runDir.relativize(file).toString().replace('\\', '/')));
        return links;
    }

    /** The whole markdown text; package-visible so tests can read it without touching files. */
    static String markdown(Summary s, RunLogs logs, Map<String, String> plotLinks) {
        StringBuilder md = new StringBuilder();
        md.append("# Run report: ").append(s.recipe()).append("\n\n");
        md.append("- plan: `").append(s.planHash() == null ? "unknown" : s.planHash()).append("`\n");
        md.append("- data: ").append(s.data() == null ? "not recorded" : s.data()).append("\n\n");
        accuracy(md, s);
        cost(md, s);
        latency(md, s);
        verification(md, s);
        stages(md, s);
        prunedBlocks(md, s);
        plots(md, logs, plotLinks);
        warnings(md, s);
        return md.toString();
    }

    private static void accuracy(StringBuilder md, Summary s) {
        md.append("## Accuracy\n\n");
        Double base = s.baselineTop1();
        MarkdownTable table = new MarkdownTable("model", ">top-1", ">vs baseline")
                .row("baseline", Format.percent(base), "")
                .row("supernet, best candidate of the search", Format.percent(s.supernetBestTop1()),
                        Format.points(s.supernetBestTop1(), base));
        if (s.prunedAtOnce() != null) {
            Double atOnce = s.prunedAtOnce().testTop1();
            table.row("pruned at once (λ = 1, before subnet training)", Format.percent(atOnce), Format.points(atOnce, base));
        }
        md.append(table
                .row("subnet (after the last epoch)", Format.percent(s.subnetTop1()), Format.points(s.subnetTop1(), base))
                .row("merged", Format.percent(s.mergedTop1()), Format.points(s.mergedTop1(), base))
                .row("ONNX Runtime", Format.percent(s.onnxTop1()), Format.points(s.onnxTop1(), base))
                .render());
        md.append('\n');
        if (s.baselineConverged() != null) {
            md.append("The baseline trained ").append(s.baselineValCurve().size()).append(" epochs until converged: the rule ")
                    .append(s.baselineConverged() ? "held" : "did not hold by its last epoch").append(".\n\n");
        }
    }

    private static void cost(StringBuilder md, Summary s) {
        md.append("## Cost\n\n");
        md.append(new MarkdownTable("", ">baseline", ">merged", ">merged / baseline")
                .row("MACs (per input)", Format.count(s.macsBaseline()), Format.count(s.macsMerged()),
                        Format.ratio(s.macsRatio()))
                .row("parameters", Format.count(s.paramsBaseline()), Format.count(s.paramsMerged()),
                        Format.ratio(s.paramsRatio()))
                .render());
        md.append('\n');
    }

    private static void latency(StringBuilder md, Summary s) {
        md.append("## Latency (ONNX Runtime, median ms per batch)\n\n");
        if (s.latency() == null) {
            md.append("Benchmark ").append(Format.NOT_RUN).append(".\n\n");
            return;
        }
        MarkdownTable table = new MarkdownTable(">batch", ">baseline ms", ">merged ms", ">speedup");
        Latency latency = s.latency();
        SortedSet<Integer> batches = new TreeSet<>(latency.baselineMs().keySet());
        batches.addAll(latency.mergedMs().keySet());
        for (int batch : batches) {
            table.row(Integer.toString(batch), Format.millis(latency.baselineMs().get(batch)),
                    Format.millis(latency.mergedMs().get(batch)), Format.ratio(latency.speedup().get(batch)));
        }
        md.append(table.render()).append('\n');
    }

    private static void verification(StringBuilder md, Summary s) {
        md.append("## Verification chain\n\n");
        VerifyChain chain = s.verify();
        if (chain == null) {
            md.append("Verification ").append(Format.NOT_RUN).append(".\n\n");
            return;
        }
        MarkdownTable table = new MarkdownTable("check", ">max abs difference", ">tolerance", "result");
        link(table, "subnet at λ = 0 vs baseline", chain.lambda0VsBaseline());
        link(table, "merged vs subnet at λ = 1", chain.mergedVsSubnet());
        link(table, "ONNX Runtime vs merged", chain.onnxVsMerged());
        md.append(table.render()).append('\n');
        md.append("Overall: **").append(status(chain.overall())).append("**\n\n");
    }

    private static void link(MarkdownTable table, String name, VerifyChain.Link link) {
        table.row(name, Format.small(link.maxAbsDiff()), Format.small(link.tolerance()), status(link.status()));
    }

    private static String status(VerifyChain.Status status) {
        return switch (status) {
            case PASS -> "pass";
            case FAIL -> "FAIL";
            case NOT_RUN -> Format.NOT_RUN;
        };
    }

    /**
     * Every known stage gets a row, so a skipped one reads "not run" instead of silently missing; a stage that
     * left a folder but whose time the runner did not give reads "not recorded".
     */
    private static void stages(StringBuilder md, Summary s) {
        md.append("## Stages\n\n");
        List<String> names = new ArrayList<>(Stages.ORDER);
        s.stageSeconds().keySet().stream().filter(n -> !names.contains(n)).forEach(names::add);
        MarkdownTable table = new MarkdownTable("stage", "folder", ">seconds", ">peak RSS MB",
                "RSS after each epoch (MB)");
        for (String name : names) {
            boolean ran = s.stageFolders().containsKey(name) || s.stageSeconds().containsKey(name);
            Double seconds = s.stageSeconds().get(name);
            RssTrace rss = s.rss().get(name);
            String folder = s.stageFolders().containsKey(name) ? "`" + name + "-" + s.stageFolders().get(name) + "`" : "";
            table.row(name, folder, !ran ? Format.NOT_RUN : seconds == null ? "not recorded" : Format.seconds(seconds),
                    rss != null ? Format.megabytes(rss.peakMb()) : ran || !Stages.TRAINING.contains(name) ? "" : Format.NOT_RUN,
                    rss == null ? "" : rss.afterEpochMb().stream().map(Format::megabytes)
                            .collect(Collectors.joining(", ")));
        }
        md.append(table.render()).append('\n');
        Double peak = s.peakRssMb();
        md.append("Peak RSS of the run: ").append(peak == null ? "not recorded" : Format.megabytes(peak) + " MB")
                .append(" (sampled at epoch ends).\n\n");
    }

    private static void prunedBlocks(StringBuilder md, Summary s) {
        md.append("## Pruned blocks\n\n");
        if (s.prunedBlocks() == null) {
            md.append("Search ").append(Format.NOT_RUN).append(".\n\n");
            return;
        }
        for (String block : s.prunedBlocks()) {
            md.append("- `").append(block).append("`\n");
        }
        md.append('\n');
    }

    private static void plots(StringBuilder md, RunLogs logs, Map<String, String> links) {
        md.append("## Plots\n\n");
        for (String stage : Stages.TRAINING) {
            md.append("### Training: ").append(stage).append("\n\n");
            String link = links.get(stage);
            if (link != null) {
                md.append("![Training curves of the ").append(stage).append(" stage](").append(link).append(")\n\n");
            } else {
                md.append(logs.stage(stage).isPresent() ? "No epoch finished.\n\n" : Format.NOT_RUN + ".\n\n");
            }
        }
        md.append("### Search\n\n");
        String search = links.get("search");
        md.append(search == null ? "Search " + Format.NOT_RUN + ".\n\n"
                : "![Search score against MACs of every candidate, the chosen one marked](" + search + ")\n\n");
    }

    private static void warnings(StringBuilder md, Summary s) {
        if (s.warnings().isEmpty()) {
            return;
        }
        md.append("## Warnings\n\n");
        for (String warning : s.warnings()) {
            md.append("- ").append(warning).append('\n');
        }
        md.append('\n');
    }
}
