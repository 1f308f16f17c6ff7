package dev.prune.store;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/** Stage folders for store tests: a done.json, a weights file of some size, a nested checkpoint; the seed makes each distinct. */
public final class StageFixtures {

    private StageFixtures() {
    }

    public static Path stage(Path folder, int seed) throws IOException {
        Files.createDirectories(folder.resolve("checkpoint"));
        byte[] weights = new byte[256 * 1024];
        new Random(seed).nextBytes(weights);
        Files.write(folder.resolve("weights.bin"), weights);
        Files.writeString(folder.resolve("checkpoint").resolve("position.bin"), "epoch " + seed);
        Files.writeString(folder.resolve("done.json"), "{\"seed\": " + seed + "}\n");
        return folder;
    }

    public static boolean sameTree(Path a, Path b) throws IOException {
        List<Path> filesA = files(a);
        List<Path> filesB = files(b);
        if (!filesA.equals(filesB)) {
            return false;
        }
        for (Path file : filesA) {
            if (!Arrays.equals(Files.readAllBytes(a.resolve(file.toString())), Files.readAllBytes(b.resolve(file.toString())))) {
                return false;
            }
        }
        return true;
    }

    public static void assertSameTree(Path expected, Path actual) throws IOException {
        assertTrue(sameTree(expected, actual), actual + " differs from " + expected);
    }

    private static List<Path> files(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
        }
    }
}
