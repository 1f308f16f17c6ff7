package dev.prune.run;

import java.nio.file.Path;
import java.util.regex.Pattern;

/** Names in a run folder that errors point users at. */
public final class RunFolders {

    /** {@code <stage>-<hash12>}: see {@link RunLayout#stage}. */
    private static final Pattern STAGE = Pattern.compile("[a-z_]+-[0-9a-f]{6,}");

    private RunFolders() {
    }

    /** The stage folder holding {@code file}, or the file's own folder when it lies in none. */
    public static Path stageFolderOf(Path file) {
        for (Path p = file.toAbsolutePath().getParent(); p != null; p = p.getParent()) {
            if (p.getFileName() != null && STAGE.matcher(p.getFileName().toString()).matches()) {
                return p;
            }
        }
        return file.toAbsolutePath().getParent();
    }
}
