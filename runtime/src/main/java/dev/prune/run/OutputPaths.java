package dev.prune.run;

import dev.prune.onnx.OnnxExporter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Output places proven usable before a run starts: a folder that exists or can be created under a folder we
 * may write in, and an export file that is absent, or one prune wrote (its ONNX header says so), unless the
 * user forces the overwrite. Nothing is created: the probe file is deleted at once.
 */
final class OutputPaths {

    private OutputPaths() {
    }

    static void requireFolder(Path folder, String what) throws RunSetupException {
        Path absolute = folder.toAbsolutePath().normalize();
        Path existing = nearestExisting(absolute);
        if (!Files.isDirectory(existing)) {
            throw new RunSetupException("cannot use " + folder + " as " + what + ": " + existing + " is a file, not a folder");
        }
        probe(existing, "cannot use " + folder + " as " + what);
    }

    static void requireExportTarget(Path file, boolean force, String what) throws RunSetupException {
        Path absolute = file.toAbsolutePath().normalize();
        if (Files.isDirectory(absolute)) {
            throw new RunSetupException(what + ": it is a folder; name the .onnx file to write");
        }
        if (Files.exists(absolute) && !force && !writtenByPrune(absolute)) {
            throw new RunSetupException(what + ": the file exists and was not written by prune; refusing to overwrite it"
                    + " (pass --force to replace it, or choose another path)");
        }
        requireFolder(absolute.getParent(), "the folder of " + what);
    }

    /** Whether the file starts as prune's ONNX exports do: ir_version, then producer_name "prune". */
    static boolean writtenByPrune(Path file) {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(64);
        } catch (IOException e) {
            return false;
        }
        return OnnxExporter.isPruneExport(head);
    }

    private static Path nearestExisting(Path path) {
        Path existing = path;
        while (existing.getParent() != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        return existing;
    }

    private static void probe(Path folder, String what) throws RunSetupException {
        try {
            Path probe = Files.createTempFile(folder, ".prune-probe", ".tmp");
            Files.delete(probe);
        } catch (IOException | UnsupportedOperationException e) {
            throw new RunSetupException(what + ": cannot write in " + folder + " (" + reason(e) + ")", e);
        }
    }

    private static String reason(Exception e) {
        if (e instanceof java.nio.file.FileSystemException fs) {
            return fs.getReason() != null ? fs.getReason()
                    : e instanceof java.nio.file.NoSuchFileException ? "no file can be created there" : "a file system error";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
