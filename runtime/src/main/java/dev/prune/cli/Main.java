package dev.prune.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;
import org.apache.commons.cli.help.HelpFormatter;
import org.apache.commons.cli.help.TextHelpAppendable;

/**
 * The {@code prune} command. Diagnostics and user errors are rendered here, at the edge; a user's mistake
 * never shows a stack trace. Exit codes: 0 success, 1 the job failed, 2 bad usage or bad input.
 */
public final class Main {

    private final Map<String, Command> commands = new LinkedHashMap<>();

    public Main() {
        for (Command command : List.of(new CheckCommand(), new PlanCommand(), new FmtCommand(), new InspectCommand(),
                new BenchCommand(), new RunCommand(), new LspCommand())) {
            commands.put(command.name(), command);
        }
        commands.put("data", new DataCommand());
    }

    public static void main(String[] args) {
        System.exit(new Main().run(args, Io.system()));
    }

    public int run(String[] args, Io io) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            if (args.length > 1 && commands.containsKey(args[1])) {
                printHelp(commands.get(args[1]), io);
                return ExitCode.OK;
            }
            printOverview(io);
            return args.length == 0 ? ExitCode.USAGE : ExitCode.OK;
        }
        if (args[0].equals("--version") || args[0].equals("-V")) {
            io.out().println("prune " + version());
            return ExitCode.OK;
        }
        Command command = commands.get(args[0]);
        if (command == null) {
            io.err().println("prune: unknown command '" + args[0] + "'");
            dev.prune.lang.Suggest.nearest(args[0], commands.keySet()).ifPresent(s -> io.err().println("  did you mean '" + s + "'?"));
            io.err().println("  run 'prune --help' for the list of commands");
            return ExitCode.USAGE;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        Options options = command.options().addOption(Option.builder("h").longOpt("help").desc("show this help").get());
        try {
            CommandLine line = DefaultParser.builder().get().parse(options, rest);
            if (line.hasOption("help")) {
                printHelp(command, io);
                return ExitCode.OK;
            }
            return command.run(line, io);
        } catch (ParseException e) {
            io.err().println("prune " + command.name() + ": " + e.getMessage());
            io.err().println("  usage: prune " + command.name() + " " + command.usage());
            return ExitCode.USAGE;
        } catch (UserError e) {
            if (e.getMessage() != null) {
                io.err().println("prune " + command.name() + ": " + e.getMessage());
            }
            return e.exitCode();
        } catch (Exception | StackOverflowError e) {
            // Not the user's mistake: say so, and keep the trace for the bug report.
            io.err().println("prune " + command.name() + ": internal error: " + e);
            io.err().println("  this is a bug in prune; please report it with the command and the input file");
            if (System.getenv("PRUNE_DEBUG") != null) {
                e.printStackTrace(io.err());
            } else {
                io.err().println("  (set PRUNE_DEBUG=1 to print the stack trace)");
            }
            return ExitCode.FAILED;
        }
    }

    private void printOverview(Io io) {
        io.out().println("prune " + version() + ": depth-pruning recipes for neural networks (UPDP)");
        io.out().println();
        io.out().println("usage: prune COMMAND [OPTIONS] [ARGS]");
        io.out().println();
        io.out().println("commands:");
        int width = commands.keySet().stream().mapToInt(String::length).max().orElse(0);
        for (Command command : commands.values()) {
            io.out().println("  " + command.name() + " ".repeat(width - command.name().length() + 2) + command.summary());
        }
        io.out().println();
        io.out().println("'prune COMMAND --help' describes a command. Exit codes: 0 success, 1 the job failed, 2 bad usage or input.");
    }

    private static void printHelp(Command command, Io io) {
        try {
            HelpFormatter formatter = HelpFormatter.builder().setShowSince(false)
                    .setHelpAppendable(new TextHelpAppendable(io.out())).get();
            List<Option> options = new ArrayList<>(command.options().getOptions());
            options.add(Option.builder("h").longOpt("help").desc("show this help").get());
            formatter.printHelp("prune " + command.name() + " " + command.usage(), command.summary(), options, "", false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String version() {
        try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
