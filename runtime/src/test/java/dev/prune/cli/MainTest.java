package dev.prune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.cli.Cli.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI run in-process, as a user runs it: arguments in, exit code and text out. */
class MainTest {

    @TempDir
    Path dir;

    /** The repository root, where the examples are; tests run in runtime/. */
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private Result run(Path cwd, String... args) {
        return Cli.run(cwd, args);
    }

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    @Test
    void checkPassesTheShippedExamplesAndStdlib() throws IOException {
        try (var files = Files.walk(ROOT.resolve("examples"))) {
            String[] args = java.util.stream.Stream.concat(java.util.stream.Stream.of("check"),
                    java.util.stream.Stream.concat(files.filter(f -> f.toString().endsWith(".prune")).map(f -> ROOT.relativize(f).toString()),
                            java.util.stream.Stream.of("stdlib/std/updp.prune"))).toArray(String[]::new);
            Result result = run(ROOT, args);
            assertEquals(0, result.exit(), result.err());
            assertEquals("", result.err());
        }
    }

    @Test
    void shippedSpecsAreInCanonicalForm() throws IOException {
        try (var files = Files.walk(ROOT.resolve("examples"))) {
            List<String> args = new java.util.ArrayList<>(List.of("fmt", "--check", "stdlib/std/updp.prune"));
            files.filter(f -> f.toString().endsWith(".prune")).map(f -> ROOT.relativize(f).toString()).forEach(args::add);
            Result result = run(ROOT, args.toArray(String[]::new));
            assertEquals(0, result.exit(), result.err());
        }
    }

    @Test
    void checkReportsEveryErrorWithItsPositionAndExits2() throws IOException {
        write("bad.prune", "prune 1\nrecipe r {\n  seed -1\n  model resnet18 { input [3, 32, 32]; classes 1 }\n}\n");
        Result result = run(dir, "check", "bad.prune");
        assertEquals(2, result.exit());
        assertTrue(result.err().contains("bad.prune:3:8: error: -1 is out of range for seed: expected a whole number from 0 to 9007199254740992"), result.err());
        assertTrue(result.err().contains("bad.prune:4:47: error: 1 is out of range"), result.err());
        assertTrue(result.err().contains("   |        ^^"), result.err());
        assertFalse(result.err().contains("Exception"), result.err());
    }

    @Test
    void checkJsonGivesEditorsPositions() throws IOException {
        write("bad.prune", "prune 1\nrecipe r { train baseline { epocs 3 } }\n");
        Result result = run(dir, "check", "--json", "bad.prune");
        assertEquals(2, result.exit());
        assertTrue(result.out().startsWith("["), result.out());
        assertTrue(result.out().contains("\"code\": \"unknown-setting\""), result.out());
        assertTrue(result.out().contains("\"line\": 2"), result.out());
        assertTrue(result.out().contains("\"column\": 29"), result.out());
        assertTrue(result.out().contains("did you mean 'epochs'?"), result.out());
    }

    @Test
    void planPrintsEveryValueWithItsOriginAndTakesSet() {
        Result table = run(ROOT, "plan", "examples/quickstart.prune", "--set", "train.baseline.epochs=1");
        assertEquals(0, table.exit(), table.err());
        assertTrue(table.out().contains("stage 1: baseline  [train-baseline]"), table.out());
        assertTrue(table.out().matches("(?s).*train\\.baseline\\.epochs\\s+1\\s+--set 1.*"), table.out());
        assertTrue(table.out().matches("(?s).*data\\.workers\\s+2\\s+default.*"), table.out());

        Result json = run(ROOT, "plan", "--json", "examples/quickstart.prune");
        assertEquals(0, json.exit(), json.err());
        assertTrue(json.out().contains("\"plan_version\": 1"), json.out());
        assertTrue(json.out().contains("\"hash\": \""), json.out());
    }

    @Test
    void planOfABadSpecExits2WithDiagnostics() {
        Result result = run(ROOT, "plan", "examples/quickstart.prune", "--set", "train.baseline.epocs=1");
        assertEquals(2, result.exit());
        assertTrue(result.err().contains("--set 1:1:1: error: --set names no setting"), result.err());
        assertTrue(result.err().contains("did you mean 'train.baseline.epochs'?"), result.err());
        assertEquals("", result.out());
    }

    @Test
    void fmtChecksAndRewritesAtomically() throws IOException {
        Path file = write("messy.prune", "prune 1\nlet   a=1+2\n");
        Result check = run(dir, "fmt", "--check", "messy.prune");
        assertEquals(1, check.exit());
        assertTrue(check.err().contains("not formatted: messy.prune"));

        Result write = run(dir, "fmt", "--write", "messy.prune");
        assertEquals(0, write.exit(), write.err());
        assertEquals("prune 1\n\nlet a = 1 + 2\n", Files.readString(file));
        assertEquals(0, run(dir, "fmt", "--check", "messy.prune").exit());
        try (var left = Files.list(dir)) {
            assertEquals(1, left.count(), "no temporary file is left behind");
        }
    }

    @Test
    void fmtRefusesAFileWithSyntaxErrorsAndLeavesItAlone() throws IOException {
        Path file = write("broken.prune", "prune 1\nrecipe {\n");
        Result result = run(dir, "fmt", "--write", "broken.prune");
        assertEquals(2, result.exit());
        assertTrue(result.err().contains("broken.prune:2:8: error:"), result.err());
        assertEquals("prune 1\nrecipe {\n", Files.readString(file));
    }

    @Test
    void usageMistakesAreExplainedWithoutAStackTrace() {
        Result unknown = run(dir, "plna");
        assertEquals(2, unknown.exit());
        assertTrue(unknown.err().contains("did you mean 'plan'?"), unknown.err());

        Result missing = run(dir, "check", "nope.prune");
        assertEquals(2, missing.exit());
        assertEquals("prune check: cannot read nope.prune: no such file\n", missing.err());

        Result badOption = run(dir, "plan", "--bogus", "x.prune");
        assertEquals(2, badOption.exit());
        assertTrue(badOption.err().contains("usage: prune plan FILE"), badOption.err());

        Result directory = run(ROOT, "check", "examples");
        assertEquals(2, directory.exit());
        assertTrue(directory.err().contains("it is a directory"), directory.err());
    }

    @Test
    void helpAndVersion() {
        Result help = run(dir, "--help");
        assertEquals(0, help.exit());
        assertTrue(help.out().contains("check") && help.out().contains("plan") && help.out().contains("fmt")
                && help.out().contains("bench"), help.out());
        Result planHelp = run(dir, "plan", "--help");
        assertEquals(0, planHelp.exit());
        assertTrue(planHelp.out().contains("--set"), planHelp.out());
        Result version = run(dir, "--version");
        assertTrue(version.out().startsWith("prune "), version.out());
    }
}
