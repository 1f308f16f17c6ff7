package dev.prune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --set search=random} and {@code --set model=...} on the command line: planned, or refused with exit 2 and a caret. */
class SetSubjectCommandTest {

    private static final String QUICKSTART = Path.of("../examples/quickstart.prune").toAbsolutePath().normalize().toString();

    @Test
    void theSearchStrategyIsReplacedInThePlan(@TempDir Path dir) {
        Cli.Result result = Cli.run(dir, "plan", "--json", QUICKSTART, "--set", "search=random", "--set", "search.population=3");
        assertEquals(0, result.exit(), result.err());
        assertTrue(result.out().matches("(?s).*\"search\": \\{\\s*\"value\": \"random\",\\s*\"from\": \"--set 1\".*"), result.out());
        assertTrue(result.out().matches("(?s).*\"search.population\": \\{\\s*\"value\": 3,\\s*\"from\": \"--set 2\".*"), result.out());
    }

    @Test
    void aBadSubjectExitsTwoWithACaretUnderIt(@TempDir Path dir) {
        Cli.Result search = Cli.run(dir, "plan", QUICKSTART, "--set", "search=randm");
        assertEquals(ExitCode.USAGE, search.exit(), search.err());
        assertTrue(search.err().contains("--set 1:1:8: error: unknown search strategy 'randm'"), search.err());
        assertTrue(search.err().contains(" 1 | search=randm\n   |        ^^^^^"), search.err());
        Cli.Result model = Cli.run(dir, "check", QUICKSTART, "--set", "model=convnext(depth: [1, 1, 1, 1])");
        assertEquals(ExitCode.USAGE, model.exit(), model.err());
        assertTrue(model.err().contains("--set 1:1:16: error: convnext has no argument 'depth'"), model.err());
    }
}
