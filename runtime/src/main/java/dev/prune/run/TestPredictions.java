package dev.prune.run;

import dev.prune.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Which test examples a model got right, one byte per example in the test split's order (1 right, 0 wrong):
 * what an experiment's McNemar test compares between two runs.
 */
final class TestPredictions {

    static final String FILE = "test-correct.bin";

    private TestPredictions() {
    }

    static void write(Path file, boolean[] correct) throws IOException {
        byte[] bytes = new byte[correct.length];
        for (int i = 0; i < correct.length; i++) {
            bytes[i] = (byte) (correct[i] ? 1 : 0);
        }
        AtomicFiles.write(file, bytes);
    }

    static boolean[] read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        boolean[] correct = new boolean[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] != 0 && bytes[i] != 1) {
                throw new IOException(file + " is damaged: byte " + i + " is " + bytes[i] + ", not 0 or 1");
            }
            correct[i] = bytes[i] == 1;
        }
        return correct;
    }

    static double top1(boolean[] correct) {
        int right = 0;
        for (boolean c : correct) {
            right += c ? 1 : 0;
        }
        return (double) right / correct.length;
    }
}
