package dev.prune.cli;

import dev.prune.data.DataException;
import dev.prune.data.DataPreview;
import dev.prune.data.DataSpec;
import dev.prune.data.Dataset;
import dev.prune.data.ModelInput;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code prune data FILE}: the first examples of a split as the model receives them, as {@code .npy} arrays
 * and a contact sheet, so that a person can look at the data and a script can compare it with another
 * pipeline (torchvision's, say).
 */
final class DataCommand implements Command {

    static final int DEFAULT_COUNT = 16;

    @Override
    public String name() {
        return "data";
    }

    @Override
    public String usage() {
        return "FILE [--split train|val|test] [--count N] [--out DIR] [--recipe NAME] [--set PATH=VALUE]...";
    }

    @Override
    public String summary() {
        return "write the first examples of a split after preprocessing (and augmentation) as .npy and a contact sheet";
    }

    @Override
    public Options options() {
        return new Options()
                .addOption(Option.builder().longOpt("split").hasArg().argName("SPLIT")
                        .desc("train (augmented, epoch 0), val or test (default test)").get())
                .addOption(Option.builder().longOpt("count").hasArg().argName("N")
                        .desc("how many examples, from the first (default " + DEFAULT_COUNT + ")").get())
                .addOption(Option.builder().longOpt("out").hasArg().argName("DIR").desc("where to write (default data-preview)").get())
                .addOption(RecipeOption.option())
                .addOption(SetOption.option());
    }

    @Override
    public int run(CommandLine line, Io io) throws Exception {
        String split = line.getOptionValue("split", "test");
        if (!DataPreview.SPLITS.contains(split)) {
            throw new UserError("--split takes train, val or test; got '" + split + "'");
        }
        int count = count(line.getOptionValue("count"));
        Path out = io.workingDirectory().resolve(line.getOptionValue("out", "data-preview"));
        PlanCommand.Compiled compiled = PlanCommand.compile(line, io, SetOption.values(line));
        DataPreview.Written written;
        try {
            Dataset data = Dataset.open(DataSpec.from(compiled.plan().data(), compiled.plan().seed()).resolvedAgainst(io.workingDirectory()),
                    ModelInput.from(compiled.plan().model()));
            written = DataPreview.write(data, split, count, out);
        } catch (DataException e) {
            throw new UserError(e.getMessage());
        }
        io.out().println(written.split() + ": " + written.count() + " of " + written.available() + " examples, "
                + Arrays.toString(written.shape()) + " float32");
        io.out().println("  " + out.resolve("images.npy"));
        io.out().println("  " + out.resolve("labels.npy") + " (classes in classes.txt)");
        io.out().println("  " + out.resolve("contact.png"));
        return ExitCode.OK;
    }

    private static int count(String text) {
        if (text == null) {
            return DEFAULT_COUNT;
        }
        try {
            int n = Integer.parseInt(text.strip());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UserError("--count takes a whole number >= 1; got '" + text + "'");
    }
}
