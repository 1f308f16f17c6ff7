package dev.prune.train;

import dev.prune.engine.GraphModule;
import dev.prune.ir.Tensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * A training state in a directory: {@code model.bin} (every parameter of the module, BatchNorm running
 * statistics included), {@code optimizer.bin} (its moments and step count) and {@code position.bin} (stage,
 * epoch, step, seed), each a {@link TensorFile}.
 *
 * <p>Saving is atomic as seen by a reader or a crash: the files are written and forced to disk in
 * {@code <dir>.tmp-<n>}, then the previous checkpoint is renamed to {@code <dir>.old-<n>}, the new one to
 * {@code <dir>} (both {@code ATOMIC_MOVE}), and the old one deleted. Linux cannot rename a directory over a
 * non-empty one, hence two renames; a crash between them leaves no {@code <dir>} but a complete
 * {@code <dir>.old-<n>}, which {@link #find} then returns. One writer per directory.
 */
public final class Checkpoint {

    static final String MODEL = "model.bin";
    static final String OPTIMIZER = "optimizer.bin";
    static final String POSITION = "position.bin";

    private Checkpoint() {
    }

    public static void save(Path dir, GraphModule module, Optimizer optimizer, Position position) throws IOException {
        Path parent = dir.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        String name = dir.getFileName().toString();
        deleteSiblings(parent, name + ".tmp-"); // left by a save that crashed: incomplete by construction
        Path tmp = Files.createTempDirectory(parent, name + ".tmp-");
        Map<String, Tensor> parameters = new LinkedHashMap<>();
        for (String parameter : module.graph().parameters().keySet()) {
            parameters.put(parameter, GraphModule.toTensor(module.array(parameter)));
        }
        TensorFile.write(tmp.resolve(MODEL), Map.of("graph", module.graph().name()), parameters);
        TensorFile.write(tmp.resolve(OPTIMIZER), Map.of("optimizer", optimizer.getClass().getSimpleName()), optimizer.state());
        TensorFile.write(tmp.resolve(POSITION), position.toMetadata(), Map.of());
        forceDirectory(tmp);
        Path old = null;
        if (Files.exists(dir)) {
            old = parent.resolve(name + ".old-" + tmp.getFileName().toString().substring(name.length() + ".tmp-".length()));
            Files.move(dir, old, StandardCopyOption.ATOMIC_MOVE);
        }
        Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
        forceDirectory(parent);
        if (old != null) {
            deleteTree(old);
        }
    }

    /** The complete checkpoint at {@code dir}, or the one a crash mid-replacement left beside it, if any. */
    public static Optional<Path> find(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return Optional.of(dir);
        }
        Path parent = dir.toAbsolutePath().getParent();
        if (!Files.isDirectory(parent)) {
            return Optional.empty();
        }
        String prefix = dir.getFileName() + ".old-";
        try (Stream<Path> siblings = Files.list(parent)) {
            return siblings.filter(p -> p.getFileName().toString().startsWith(prefix))
                    .max(Comparator.comparing(Checkpoint::modified));
        }
    }

    /**
     * Restores module, optimizer and position. Every parameter of the module must be in the checkpoint with
     * its shape, and nothing else: a checkpoint of another graph is refused by name, not half loaded.
     */
    public static Position load(Path dir, GraphModule module, Optimizer optimizer) throws IOException {
        TensorFile.Contents optimizerState = TensorFile.read(dir.resolve(OPTIMIZER));
        String savedBy = optimizerState.metadata().get("optimizer");
        if (!optimizer.getClass().getSimpleName().equals(savedBy)) {
            throw new IllegalArgumentException(dir + " holds the state of " + savedBy + ", not of " + optimizer.getClass().getSimpleName());
        }
        Position position = Position.fromMetadata(TensorFile.read(dir.resolve(POSITION)).metadata());
        loadModel(dir, module);
        optimizer.load(optimizerState.tensors());
        return position;
    }

    /** The module's parameters only: a later stage starting from this one's weights. */
    public static void loadModel(Path dir, GraphModule module) throws IOException {
        Map<String, Tensor> saved = parameters(dir);
        Set<String> expected = module.graph().parameters().keySet();
        Set<String> missing = new TreeSet<>(expected);
        missing.removeAll(saved.keySet());
        Set<String> extra = new TreeSet<>(saved.keySet());
        extra.removeAll(expected);
        if (!missing.isEmpty() || !extra.isEmpty()) {
            throw new IllegalArgumentException(dir + " does not fit graph " + module.graph().name() + ": missing " + first(missing)
                    + ", unexpected " + first(extra));
        }
        module.load(saved);
    }

    /**
     * Reads every file of the checkpoint through its checksum, so that a damaged one is found before a run
     * relies on it.
     *
     * @throws DamagedCheckpointException naming the first file that is missing, truncated or altered
     */
    public static void verify(Path dir) throws IOException {
        for (String file : new String[] {MODEL, OPTIMIZER, POSITION}) {
            Path path = dir.resolve(file);
            if (!Files.isRegularFile(path)) {
                throw new DamagedCheckpointException(path, "missing");
            }
            TensorFile.read(path);
        }
    }

    /** The saved parameters by name. */
    public static Map<String, Tensor> parameters(Path dir) throws IOException {
        return TensorFile.read(dir.resolve(MODEL)).tensors();
    }

    public static Position position(Path dir) throws IOException {
        return Position.fromMetadata(TensorFile.read(dir.resolve(POSITION)).metadata());
    }

    private static String first(Set<String> names) {
        List<String> shown = new ArrayList<>(names).subList(0, Math.min(5, names.size()));
        return names.isEmpty() ? "none" : shown + (names.size() > shown.size() ? " and " + (names.size() - shown.size()) + " more" : "");
    }

    /** fsync of a directory makes the renames and new entries in it durable (Linux; ignored where unsupported). */
    private static void forceDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some file systems refuse to open a directory; the renames are still atomic there.
        }
    }

    private static void deleteSiblings(Path parent, String prefix) throws IOException {
        try (Stream<Path> siblings = Files.list(parent)) {
            for (Path p : siblings.filter(s -> s.getFileName().toString().startsWith(prefix)).toList()) {
                deleteTree(p);
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static java.nio.file.attribute.FileTime modified(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
