package dev.prune.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Where finished stages live, shared by every process of a run (or of many runs): a stage is a folder
 * named by its content key ({@code <stage>-<hash12>}), published whole or not at all.
 *
 * <p>Contract: {@link #publish} writes the folder aside and then commits it in one step, so a reader
 * never sees a partial stage; when two workers publish the same key, exactly one copy stays and both
 * calls succeed (equal keys mean equal inputs, so either copy is a valid result). A publisher killed at
 * any point leaves the key absent, never half-present.
 */
public interface StageStore {

    /** True when {@code key} has been committed. */
    boolean contains(String key) throws IOException;

    /**
     * Publishes the local folder {@code folder} under {@code key}. Returns true when this call's copy is
     * the one committed, false when another copy of the key was committed first (then this one is dropped).
     */
    boolean publish(String key, Path folder) throws IOException;

    /** Copies the committed stage {@code key} into {@code target} (created); false when the key is absent. */
    boolean fetch(String key, Path target) throws IOException;

    /**
     * Fetches {@code key} into the local stage folder {@code target} so that the folder, too, appears whole
     * or not at all: copied beside it, then renamed over it (a partial local attempt is replaced).
     */
    default boolean fetchStage(String key, Path target) throws IOException {
        Path aside = target.resolveSibling("." + target.getFileName() + ".fetching");
        Trees.delete(aside);
        try {
            if (!fetch(key, aside)) {
                return false;
            }
            Trees.delete(target);
            Files.move(aside, target, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } finally {
            Trees.delete(aside);
        }
    }

    /** The store's location, as the user wrote it. */
    String location();
}
