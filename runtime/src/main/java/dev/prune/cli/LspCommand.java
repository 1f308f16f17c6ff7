package dev.prune.cli;

import dev.prune.lsp.PruneLanguageServer;
import java.io.PrintStream;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;

/** {@code prune lsp}: the language server, speaking the Language Server Protocol over stdin and stdout. */
final class LspCommand implements Command {

    @Override
    public String name() {
        return "lsp";
    }

    @Override
    public String usage() {
        return "";
    }

    @Override
    public String summary() {
        return "run the language server for editors (LSP over stdin/stdout)";
    }

    @Override
    public Options options() {
        return new Options();
    }

    @Override
    public int run(CommandLine line, Io io) throws Exception {
        if (line.getArgs().length > 0) {
            throw new UserError("lsp takes no arguments (it speaks LSP on stdin and stdout)");
        }
        PrintStream protocol = io.out();
        // Stdout carries the protocol: anything else printed there (a library's log line) would corrupt it.
        PrintStream previous = System.out;
        System.setOut(io.err());
        try {
            return PruneLanguageServer.serve(System.in, protocol);
        } finally {
            System.setOut(previous);
        }
    }
}
