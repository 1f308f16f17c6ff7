package dev.prune.plan;

import java.util.List;

/**
 * A file or folder some stages read, as the spec names it, with the SHA-256 of its content (a folder's
 * covers every file in it; {@link ContentDigests#MISSING} when nothing is there) and the stages whose hash
 * it enters.
 */
public record InputFile(String path, String sha256, List<String> readBy) {

    public InputFile {
        readBy = List.copyOf(readBy);
    }
}
