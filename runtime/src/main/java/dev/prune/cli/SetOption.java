package dev.prune.cli;

import java.util.Arrays;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;

/** {@code --set path=value}, repeatable: overrides a setting of the spec for this invocation. */
final class SetOption {

    private SetOption() {
    }

    static Option option() {
        return Option.builder().longOpt("set").hasArg().argName("PATH=VALUE")
                .desc("override a setting, e.g. --set train.baseline.epochs=5 (repeatable; 'prune plan' lists the paths)").get();
    }

    static List<String> values(CommandLine line) {
        String[] values = line.getOptionValues("set");
        return values == null ? List.of() : Arrays.asList(values);
    }
}
