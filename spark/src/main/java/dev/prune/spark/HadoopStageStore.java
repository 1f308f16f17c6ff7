package dev.prune.spark;

import dev.prune.store.StageKeys;
import dev.prune.store.StageStore;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A store on any file system Hadoop reaches ({@code hdfs://}, {@code s3a://} with its jars, ...). Directory
 * renames are not atomic everywhere (S3 has none), so a stage is committed by a marker file instead:
 * the publisher copies the folder to {@code stages/<key>/<id>/}, then creates {@code stages/<key>.commit}
 * holding {@code <id>}, refusing to overwrite it. A reader follows only the marker, which names a copy that
 * was whole before the marker existed; a publisher killed before the marker leaves a copy nobody reads; the
 * second of two publishers finds the marker taken and deletes its own copy.
 */
public final class HadoopStageStore implements StageStore {

    private static final Pattern ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final FileSystem fs;
    private final Path root;
    private final Runnable beforeCommit;

    public HadoopStageStore(URI root, Configuration conf) throws IOException {
        this(root, conf, () -> { });
    }

    HadoopStageStore(URI root, Configuration conf, Runnable beforeCommit) throws IOException {
        this.fs = FileSystem.get(root, conf);
        this.root = fs.makeQualified(new Path(root));
        this.beforeCommit = beforeCommit;
    }

    @Override
    public boolean contains(String key) throws IOException {
        return committed(StageKeys.check(key)).isPresent();
    }

    @Override
    public boolean publish(String key, java.nio.file.Path folder) throws IOException {
        StageKeys.check(key);
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException("not a stage folder: " + folder);
        }
        if (contains(key)) {
            return false;
        }
        String id = UUID.randomUUID().toString();
        Path copy = new Path(new Path(stages(), key), id);
        fs.copyFromLocalFile(false, true, new Path(folder.toAbsolutePath().toUri()), copy);
        beforeCommit.run();
        boolean won = fs instanceof org.apache.hadoop.fs.LocalFileSystem || fs instanceof org.apache.hadoop.fs.RawLocalFileSystem
                ? commitLocally(key, id) : commitExclusively(key, id);
        // Where exclusive creation is only checked, not enforced, two markers may race: the one that stays wins.
        won = won && committed(key).filter(id::equals).isPresent();
        if (!won) {
            fs.delete(copy, true);
        }
        return won;
    }

    @Override
    public boolean fetch(String key, java.nio.file.Path target) throws IOException {
        Optional<String> id = committed(StageKeys.check(key));
        if (id.isEmpty()) {
            return false;
        }
        Files.createDirectories(target.toAbsolutePath().getParent());
        fs.copyToLocalFile(false, new Path(new Path(stages(), key), id.get()), new Path(target.toAbsolutePath().toUri()), true);
        return true;
    }

    @Override
    public String location() {
        return root.toString();
    }

    /** Creates the marker with {@code overwrite = false}: exclusive on HDFS, only checked on some object stores. */
    private boolean commitExclusively(String key, String id) throws IOException {
        try (FSDataOutputStream out = fs.create(marker(key), false)) {
            out.write(id.getBytes(StandardCharsets.US_ASCII));
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (IOException e) {
            if (!fs.exists(marker(key))) {
                throw e;
            }
            return false;
        }
    }

    /**
     * On the local file system Hadoop's {@code create(path, false)} checks and then creates: two publishers can both
     * pass the check, and the second truncates the first one's marker after the first has read it back as its own.
     * Here the marker is written whole under a name of its own and then hard-linked to its place, which the
     * operating system refuses atomically when the place is taken.
     */
    private boolean commitLocally(String key, String id) throws IOException {
        java.nio.file.Path marker = java.nio.file.Path.of(fs.makeQualified(marker(key)).toUri());
        java.nio.file.Path written = marker.resolveSibling(marker.getFileName() + "." + id);
        Files.write(written, id.getBytes(StandardCharsets.US_ASCII));
        try {
            Files.createLink(marker, written);
            return true;
        } catch (java.nio.file.FileAlreadyExistsException taken) {
            return false;
        } finally {
            Files.deleteIfExists(written);
        }
    }

    /** The committed copy's id; empty while no marker is complete. */
    private Optional<String> committed(String key) throws IOException {
        Path marker = marker(key);
        if (!fs.exists(marker)) {
            return Optional.empty();
        }
        String id;
        try (InputStream in = fs.open(marker)) {
            id = new String(in.readNBytes(64), StandardCharsets.US_ASCII);
        } catch (java.io.FileNotFoundException e) {
            return Optional.empty();
        }
        return ID.matcher(id).matches() ? Optional.of(id) : Optional.empty();
    }

    private Path stages() {
        return new Path(root, "stages");
    }

    private Path marker(String key) {
        return new Path(stages(), key + ".commit");
    }
}
