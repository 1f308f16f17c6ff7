package dev.prune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.onnx.OnnxExporter;
import dev.prune.zoo.BuildOptions;
import dev.prune.zoo.ImageShape;
import dev.prune.zoo.Zoo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What prune writes and shows of files: provenance in {@code inspect}, and {@code fmt --write} keeping mode and links. */
class ArtefactFilesTest {

    @Test
    void inspectPrintsTheMetadataOfAnExport(@TempDir Path dir) {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("prune.recipe", "quickstart");
        metadata.put("prune.plan_hash", "3f2a9c01");
        Path file = dir.resolve("m.onnx");
        OnnxExporter.write(Zoo.build("resnet", Map.of("depths", List.of(1, 1, 1, 1), "widths", List.of(4, 4, 4, 4)),
                ImageShape.of(1, 28, 28), 10, BuildOptions.seeded(1)), file, metadata);
        Cli.Result text = Cli.run(dir, "inspect", file.toString());
        assertEquals(ExitCode.OK, text.exit(), text.err());
        assertTrue(text.out().startsWith("metadata\n  prune.recipe:    quickstart\n  prune.plan_hash: 3f2a9c01\n"), text.out());
        Cli.Result json = Cli.run(dir, "inspect", file.toString(), "--json");
        assertTrue(json.out().contains("\"metadata\": {") && json.out().contains("\"prune.plan_hash\": \"3f2a9c01\""), json.out());
    }

    private static final String UNFORMATTED = "prune 1\nrules r {   fold batchnorm }\n";

    @Test
    void fmtWriteKeepsTheFilesModeAndItsSymbolicLink(@TempDir Path dir) throws IOException {
        Path real = Files.writeString(Files.createDirectories(dir.resolve("specs")).resolve("r.prune"), UNFORMATTED);
        Files.setPosixFilePermissions(real, PosixFilePermissions.fromString("rw-rw-r--"));
        Path link = Files.createSymbolicLink(dir.resolve("r.prune"), Path.of("specs", "r.prune"));
        Cli.Result result = Cli.run(dir, "fmt", "--write", link.toString());
        assertEquals(ExitCode.OK, result.exit(), result.err());
        assertTrue(Files.isSymbolicLink(link), "the link stays a link");
        assertTrue(!Files.readString(real).equals(UNFORMATTED), "the file the link names was formatted");
        assertEquals("rw-rw-r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(real)));
    }
}
