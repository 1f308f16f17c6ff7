package dev.prune.train;

import dev.prune.plan.ScheduleSpec;
import dev.prune.plan.Duration;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import dev.prune.data.Batch;
import dev.prune.engine.GraphModule;
import dev.prune.ir.Graph;
import dev.prune.ir.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {

    @TempDir
    Path tmp;

    private static final long SEED = 11;

    private static EpochLoop loop(GraphModule module, Optimizer optimizer, NDManager manager) {
        LrSchedule lr = LrSchedule.of(ScheduleSpec.cosine(Duration.steps(2), 1e-4), 3e-3, 8, 4);
        return new EpochLoop("subnet", module, optimizer, new Loss(0.1), lr, OptionalDouble.of(1.0), manager);
    }

    @Test
    void resumingFromACheckpointMatchesAnUninterruptedRun() throws Exception {
        Graph graph = Synthetic.resnet(); // BatchNorm: its running statistics must come back too
        List<Batch> epoch0 = Synthetic.batches(4, 8, 20);
        List<Batch> epoch1 = Synthetic.batches(4, 8, 21);
        Map<String, float[]> uninterrupted;
        try (NDManager root = NDManager.newBaseManager(); GraphModule module = new GraphModule(graph, root);
                Optimizer adam = new AdamW(root, 0.05f, 0.9f, 0.999f)) {
            EpochLoop loop = loop(module, adam, root);
            loop.run(0, Batches.of(epoch0), LambdaPlan.asBuilt(), Optional.empty());
            loop.run(1, Batches.of(epoch1), LambdaPlan.asBuilt(), Optional.empty());
            uninterrupted = EpochLoopTest.snapshot(module);
        }
        Path dir = tmp.resolve("subnet");
        try (NDManager root = NDManager.newBaseManager(); GraphModule module = new GraphModule(graph, root);
                Optimizer adam = new AdamW(root, 0.05f, 0.9f, 0.999f)) {
            EpochLoop loop = loop(module, adam, root);
            loop.run(0, Batches.of(epoch0), LambdaPlan.asBuilt(), Optional.empty());
            Checkpoint.save(dir, module, adam, Position.afterEpoch("subnet", 0, loop.step(), SEED));
        }
        try (NDManager root = NDManager.newBaseManager(); GraphModule module = new GraphModule(graph, root);
                Optimizer adam = new AdamW(root, 0.05f, 0.9f, 0.999f)) {
            Position position = Checkpoint.load(dir, module, adam);
            assertEquals(new Position("subnet", 1, 0, 4, SEED), position);
            EpochLoop loop = loop(module, adam, root).resumeAt(position.step());
            loop.run(position.epoch(), Batches.of(epoch1).skip(position.batchInEpoch()), LambdaPlan.asBuilt(), Optional.of(dir));
            EpochLoopTest.assertSameParameters(uninterrupted, EpochLoopTest.snapshot(module));
        }
    }

    @Test
    void everyParameterIsSavedIncludingRunningStatistics() throws Exception {
        Graph graph = Synthetic.resnet();
        Path dir = tmp.resolve("baseline");
        try (NDManager root = NDManager.newBaseManager(); GraphModule module = new GraphModule(graph, root);
                Optimizer sgd = new Sgd(root, 0.9f, 1e-4f, true)) {
            loop(module, sgd, root).run(0, Batches.of(Synthetic.batches(2, 8, 3)), LambdaPlan.asBuilt(), Optional.empty());
            Checkpoint.save(dir, module, sgd, new Position("baseline", 0, 2, 2, SEED));
            Map<String, Tensor> saved = Checkpoint.parameters(dir);
            assertEquals(graph.parameters().keySet(), saved.keySet());
            assertTrue(saved.containsKey("bn1.running_var"));
            assertEquals(module.array("bn1.running_mean").toFloatArray()[0], saved.get("bn1.running_mean").get(0));
            try (GraphModule other = new GraphModule(graph, root); Optimizer otherSgd = new Sgd(root, 0.9f, 1e-4f, true)) {
                Checkpoint.load(dir, other, otherSgd);
                EpochLoopTest.assertSameParameters(EpochLoopTest.snapshot(module), EpochLoopTest.snapshot(other));
                assertEquals(sgd.state().keySet(), otherSgd.state().keySet());
            }
            try (Optimizer adam = new AdamW(root, 0, 0.9f, 0.999f)) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Checkpoint.load(dir, module, adam));
                assertTrue(e.getMessage().contains("holds the state of Sgd, not of AdamW"), e.getMessage());
            }
            try (GraphModule convnext = new GraphModule(Synthetic.convnext(), root)) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Checkpoint.loadModel(dir, convnext));
                assertTrue(e.getMessage().contains("does not fit graph"), e.getMessage());
            }
        }
    }

    @Test
    void savingReplacesThePreviousCheckpointAndLeavesNothingBeside() throws Exception {
        Path dir = tmp.resolve("run").resolve("supernet");
        try (NDManager root = NDManager.newBaseManager(); GraphModule module = new GraphModule(Synthetic.convnext(), root);
                Optimizer adam = new AdamW(root, 0.05f, 0.9f, 0.999f)) {
            Checkpoint.save(dir, module, adam, new Position("supernet", 0, 0, 0, SEED));
            Checkpoint.save(dir, module, adam, new Position("supernet", 1, 0, 9, SEED));
            assertEquals(9, Checkpoint.position(dir).step());
            try (Stream<Path> siblings = Files.list(dir.getParent())) {
                assertEquals(List.of("supernet"), siblings.map(p -> p.getFileName().toString()).toList());
            }
            // A crash between the two renames: only <dir>.old-<n> is left, and find() returns it.
            Path old = dir.resolveSibling("supernet.old-123");
            Files.move(dir, old);
            assertEquals(Optional.of(old), Checkpoint.find(dir));
            // A crash while writing leaves a .tmp- directory, which the next save clears away.
            Files.createDirectory(dir.resolveSibling("supernet.tmp-999"));
            Checkpoint.save(dir, module, adam, new Position("supernet", 2, 0, 18, SEED));
            assertEquals(Optional.of(dir), Checkpoint.find(dir));
            assertFalse(Files.exists(dir.resolveSibling("supernet.tmp-999")));
        }
    }

    @Test
    void aTornOrAlteredFileIsRefused() throws Exception {
        Path file = tmp.resolve("t.bin");
        Map<String, Tensor> tensors = new java.util.LinkedHashMap<>();
        tensors.put("w", Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3));
        tensors.put("s", Tensor.scalar(7));
        TensorFile.write(file, Map.of("stage", "subnet"), tensors);
        TensorFile.Contents contents = TensorFile.read(file);
        assertEquals(Map.of("stage", "subnet"), contents.metadata());
        assertEquals(Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3), contents.tensors().get("w"));
        assertEquals(7f, contents.tensors().get("s").get(0));
        byte[] bytes = Files.readAllBytes(file);

        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 10));
        assertDamaged(file, "truncated");

        byte[] flipped = bytes.clone();
        flipped[bytes.length - 20] ^= 0x01; // in w's last value: after it come "s" (4 + 1), rank 0 (4), 7f (4), the CRC (4)
        Files.write(file, flipped);
        assertDamaged(file, "checksum mismatch");

        byte[] foreign = bytes.clone();
        foreign[0] = 'X';
        Files.write(file, foreign);
        assertDamaged(file, "not a prune checkpoint file");
    }

    private static void assertDamaged(Path file, String reason) {
        IOException e = assertThrows(DamagedCheckpointException.class, () -> TensorFile.read(file));
        assertTrue(e.getMessage().startsWith(file + ": damaged checkpoint: " + reason), e.getMessage());
    }
}
