package dev.prune.cli;

import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;

/** A subcommand of {@code prune}: its name, a one-line summary, its options, and what it does. */
interface Command {

    String name();

    /** What follows the name in the usage line, e.g. {@code FILE... [--check | --write]}. */
    String usage();

    String summary();

    Options options();

    /** Runs the command and returns the exit code; throws {@link UserError} for the user's mistakes. */
    int run(CommandLine line, Io io) throws Exception;
}
