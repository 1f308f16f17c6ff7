package dev.prune.cli;

import dev.prune.ir.Cost;
import dev.prune.ir.CostModel;
import dev.prune.ir.Graph;
import dev.prune.ir.Shape;
import dev.prune.lang.Argument;
import dev.prune.lang.Call;
import dev.prune.lang.Compiler;
import dev.prune.lang.Diagnostics;
import dev.prune.lang.Expr;
import dev.prune.lang.ListExpr;
import dev.prune.lang.NumberLit;
import dev.prune.lang.Source;
import dev.prune.lang.SpecParser;
import dev.prune.lang.Unit;
import dev.prune.plan.Json;
import dev.prune.rewrite.Block;
import dev.prune.rewrite.BlockFinder;
import dev.prune.rewrite.MergePayoff;
import dev.prune.rewrite.MergeRules;
import dev.prune.rewrite.Transform;
import dev.prune.zoo.BuildOptions;
import dev.prune.zoo.ImageShape;
import dev.prune.zoo.Zoo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code prune inspect MODEL}: a model's totals and its blocks, each with its cost, whether the UPDP
 * transform can prune it, and what pruning it pays once std.updp's merge rules have merged it (a block whose
 * merge leaves neither fewer layers nor fewer MACs is marked: a recipe's space leaves it out). The model is a zoo name ({@code convnext_tiny}), a zoo call written as in a
 * spec ({@code "convnext(depths: [3, 3, 9, 3], dims: [96, 192, 384, 768])"}), built with shapes only, or an
 * ONNX file exported from PyTorch, imported as it is.
 */
final class InspectCommand implements Command {

    @Override
    public String name() {
        return "inspect";
    }

    @Override
    public String usage() {
        return "MODEL|FILE.onnx [--input C,H,W] [--classes N] [--json]";
    }

    @Override
    public String summary() {
        return "list a model's blocks with their MACs and parameters, and whether each can be pruned";
    }

    @Override
    public Options options() {
        return new Options()
                .addOption(Option.builder().longOpt("input").hasArg().argName("C,H,W").desc("input shape (default 3,224,224)").get())
                .addOption(Option.builder().longOpt("classes").hasArg().argName("N").desc("number of classes (default 1000)").get())
                .addOption(Option.builder().longOpt("json").desc("print as JSON").get());
    }

    @Override
    public int run(CommandLine line, Io io) {
        if (line.getArgs().length != 1) {
            throw new UserError("expected one MODEL, e.g. convnext_tiny or \"convnext(depths: [1, 1, 3, 1], dims: [16, 32, 64, 128])\"");
        }
        String model = line.getArgs()[0];
        Graph graph;
        ImageShape input;
        int classes;
        Map<String, String> metadata = Map.of();
        if (model.endsWith(".onnx")) {
            dev.prune.onnx.OnnxModel file = readOnnx(SpecFiles.resolve(io, model), model);
            metadata = file.metadata();
            graph = importOnnx(file, SpecFiles.resolve(io, model), model);
            dev.prune.ir.Shape in = graph.inputs().get(0).shape();
            Shape out = graph.outputs().get(0).shape();
            input = ImageShape.of(in.dim(1), in.dim(2), in.dim(3));
            classes = out.dim(out.rank() - 1);
        } else {
            input = parseInput(line.getOptionValue("input", "3,224,224"));
            classes = parsePositive("--classes", line.getOptionValue("classes", "1000"));
            Call call = parseModel(model);
            try {
                graph = Zoo.build(call.calleeName(), arguments(call), input, classes, BuildOptions.shapesOnly());
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage());
            }
        }
        List<Block> blocks = BlockFinder.find(graph);
        Map<String, MergePayoff> payoffs = MergePayoff.of(graph, Transform.from(dev.prune.plan.RuleDecls.of(Compiler.standard("std.updp", "block"))),
                MergeRules.from(dev.prune.plan.RuleDecls.of(Compiler.standard("std.updp", "merge"))),
                blocks.stream().filter(Block::isCandidate).map(Block::name).toList());
        Map<String, Object> report = report(model, input, classes, graph, blocks, payoffs);
        if (model.endsWith(".onnx")) {
            report.put("metadata", new LinkedHashMap<>(metadata));
        }
        if (line.hasOption("json")) {
            io.out().print(Json.pretty(report));
        } else {
            io.out().print(metadataLines(metadata));
            io.out().print(table(model, input, classes, graph, blocks, payoffs));
        }
        return ExitCode.OK;
    }

    private static Map<String, Object> report(String model, ImageShape input, int classes, Graph graph, List<Block> blocks,
            Map<String, MergePayoff> payoffs) {
        Cost total = CostModel.of(graph);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("model", model);
        out.put("input", List.of(input.channels(), input.height(), input.width()));
        out.put("classes", classes);
        out.put("params", total.params());
        out.put("macs", total.macs());
        out.put("layers", total.layers());
        out.put("blocks_total", blocks.size());
        out.put("blocks_residual", blocks.stream().filter(Block::residual).count());
        out.put("blocks_prunable", blocks.stream().filter(Block::isCandidate).count());
        out.put("blocks_left_out", payoffs.values().stream().filter(p -> !p.pays()).count());
        out.put("merge_rules", "updp.merge");
        List<Object> list = new ArrayList<>();
        for (Block block : blocks) {
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("name", block.name());
            b.put("residual", block.residual());
            b.put("prunable", block.isCandidate());
            b.put("reason", block.rejection().orElse(null));
            b.put("gated", dev.prune.rewrite.Transform.hasGate(graph, block));
            b.put("macs", block.cost().macs());
            b.put("params", block.cost().params());
            b.put("layers", block.cost().layers());
            MergePayoff payoff = payoffs.get(block.name());
            // The block pruned and merged, and whether a recipe's space keeps it.
            b.put("merged_layers", payoff == null ? null : payoff.after().layers());
            b.put("merged_macs", payoff == null ? null : payoff.after().macs());
            b.put("left_out", payoff != null && !payoff.pays());
            b.put("left_out_reason", payoff == null || payoff.pays() ? null : payoff.describe());
            list.add(b);
        }
        out.put("blocks", list);
        return out;
    }

    private static String table(String model, ImageShape input, int classes, Graph graph, List<Block> blocks,
            Map<String, MergePayoff> payoffs) {
        Cost total = CostModel.of(graph);
        StringBuilder out = new StringBuilder();
        out.append(model).append("  input [").append(input.channels()).append(", ").append(input.height()).append(", ")
                .append(input.width()).append("], ").append(classes).append(" classes\n");
        out.append(String.format(Locale.ROOT, "params %,d   MACs %s   layers %d%n", total.params(), macs(total.macs()), total.layers()));
        long leftOut = payoffs.values().stream().filter(p -> !p.pays()).count();
        out.append(String.format(Locale.ROOT, "%d blocks (%d residual, %d prunable%s)%n%n", blocks.size(),
                blocks.stream().filter(Block::residual).count(), blocks.stream().filter(Block::isCandidate).count(),
                leftOut == 0 ? "" : ", " + leftOut + " left out: their merge would not pay"));
        int width = Math.max(5, blocks.stream().mapToInt(b -> b.name().length()).max().orElse(5));
        out.append(String.format(Locale.ROOT, "%-" + width + "s  %-8s  %10s  %12s  %-22s  %s%n", "block", "kind", "MACs", "params",
                "merged (updp)", "prunable"));
        for (Block block : blocks) {
            MergePayoff payoff = payoffs.get(block.name());
            out.append(String.format(Locale.ROOT, "%-" + width + "s  %-8s  %10s  %,12d  %-22s  %s%n", block.name(),
                    block.residual() ? "residual" : "chain", macs(block.cost().macs()), block.cost().params(),
                    payoff == null ? "" : saved(payoff),
                    block.rejection().map(r -> "no: " + r)
                            .orElse(payoff != null && !payoff.pays() ? "left out: " + payoff.describe()
                                    : dev.prune.rewrite.Transform.hasGate(graph, block)
                                    ? "yes, with a gate (std.updp removes it progressively; 'refuse gates' would not "
                                            + "prune it)"
                                    : "yes")));
        }
        return out.toString();
    }

    /** {@code 2 → 1 layers, 1.39× MACs}: the block pruned and merged. */
    private static String saved(MergePayoff payoff) {
        return String.format(Locale.ROOT, "%d → %d layers, %.2f× MACs", payoff.before().layers(), payoff.after().layers(),
                (double) payoff.after().macs() / Math.max(1, payoff.before().macs()));
    }

    /** The file's ONNX model as written, or why it is none. */
    private static dev.prune.onnx.OnnxModel readOnnx(java.nio.file.Path path, String shown) {
        if (!java.nio.file.Files.isRegularFile(path)) {
            throw new UserError("cannot read " + shown + ": no such file");
        }
        try {
            return dev.prune.onnx.OnnxReader.read(path);
        } catch (dev.prune.onnx.OnnxFormatException e) {
            throw new UserError("cannot read " + shown + ": not a readable ONNX model: " + e.getMessage());
        } catch (java.io.UncheckedIOException e) {
            throw new UserError("cannot read " + shown + ": " + e.getCause().getMessage());
        }
    }

    /** A model as the user's exporter wrote it, or every node it cannot read, named in the error. */
    private static Graph importOnnx(dev.prune.onnx.OnnxModel model, java.nio.file.Path path, String shown) {
        try {
            return dev.prune.onnx.OnnxImporter.importModel(model, path.getFileName().toString().replaceFirst("\\.onnx$", ""), shown);
        } catch (dev.prune.onnx.OnnxImportException e) {
            throw new UserError(e.getMessage());
        }
    }

    /** The file's metadata_props (where a prune export came from), one {@code key: value} line each. */
    private static String metadataLines(Map<String, String> metadata) {
        if (metadata.isEmpty()) {
            return "";
        }
        int width = metadata.keySet().stream().mapToInt(String::length).max().orElse(0);
        StringBuilder out = new StringBuilder("metadata\n");
        metadata.forEach((key, value) -> out.append("  ").append(key).append(":").append(" ".repeat(width - key.length() + 1))
                .append(value).append('\n'));
        return out.append('\n').toString();
    }

    static String macs(long macs) {
        if (macs >= 1_000_000_000L) {
            return String.format(Locale.ROOT, "%.3f G", macs / 1e9);
        }
        if (macs >= 1_000_000L) {
            return String.format(Locale.ROOT, "%.2f M", macs / 1e6);
        }
        return String.format(Locale.ROOT, "%.1f K", macs / 1e3);
    }

    private static Call parseModel(String text) {
        Diagnostics diagnostics = new Diagnostics();
        Optional<Expr> expr = SpecParser.parseExpression(new Source("MODEL", text), diagnostics);
        if (expr.isEmpty() || !(expr.get() instanceof Call call)) {
            String reason = diagnostics.sorted().isEmpty() ? "expected a model name or call" : diagnostics.sorted().get(0).message();
            throw new UserError("cannot read MODEL '" + text + "': " + reason
                    + "; write a zoo name (" + String.join(", ", Zoo.names()) + ") or a call such as \"convnext(depths: [3, 3, 9, 3])\"");
        }
        return call;
    }

    /** The call's named arguments as the zoo takes them: numbers and lists of numbers. */
    private static Map<String, Object> arguments(Call call) {
        Map<String, Object> args = new LinkedHashMap<>();
        for (Argument argument : call.args()) {
            if (argument.name().isEmpty()) {
                throw new UserError("name the arguments of " + call.calleeName() + ", e.g. " + call.calleeName() + "(depths: [...])");
            }
            args.put(argument.name().get().text(), plain(argument.value(), argument.name().get().text()));
        }
        return args;
    }

    private static Object plain(Expr expr, String name) {
        if (expr instanceof NumberLit number && number.unit() == Unit.NONE) {
            return number.isInteger() ? (Object) (int) number.value() : (Object) number.value();
        }
        if (expr instanceof ListExpr list) {
            return list.items().stream().map(item -> plain(item, name)).toList();
        }
        throw new UserError("argument '" + name + "' must be a number or a list of numbers");
    }

    private static ImageShape parseInput(String text) {
        String[] parts = text.split(",");
        if (parts.length != 3) {
            throw new UserError("--input takes C,H,W, e.g. 3,224,224; found '" + text + "'");
        }
        return ImageShape.of(parsePositive("--input", parts[0].strip()), parsePositive("--input", parts[1].strip()),
                parsePositive("--input", parts[2].strip()));
    }

    private static int parsePositive(String option, String text) {
        try {
            int value = Integer.parseInt(text);
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw new UserError(option + " takes positive whole numbers; found '" + text + "'");
    }
}
