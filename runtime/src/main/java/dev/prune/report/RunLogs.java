package dev.prune.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Everything the stages of one run logged, read from {@code runs/<recipe>/}: the metrics of each training
 * stage and the search's candidates, with the warnings met on the way (skipped torn lines, ambiguous
 * folders). Stages that did not run, or wrote nothing yet, are simply absent.
 *
 * @param stages the stage folders used, in {@link Stages#ORDER}
 * @param training per training stage (any folder with a {@code metrics.jsonl}), its metrics
 * @param candidates every candidate the search scored, in file order; empty when the search did not run
 */
public record RunLogs(Path runDir, List<StageFolder> stages, Map<String, StageLog> training,
        List<CandidateLine> candidates, List<String> warnings) {

    public RunLogs {
        stages = List.copyOf(stages);
        training = Collections.unmodifiableMap(new LinkedHashMap<>(training));
        candidates = List.copyOf(candidates);
        warnings = List.copyOf(warnings);
    }

    /**
     * Reads the run in {@code runDir}, using for each stage the folder of the given hash when
     * {@code hashes12} names one (the plan knows which folders belong to this run); otherwise the only folder
     * of that stage, or the most recently modified one, with a warning, when an earlier spec left others.
     */
    public static RunLogs read(Path runDir, Map<String, String> hashes12) {
        List<String> warnings = new ArrayList<>();
        List<StageFolder> stages = pickFolders(runDir, hashes12, warnings);
        Map<String, StageLog> training = new LinkedHashMap<>();
        List<CandidateLine> candidates = new ArrayList<>();
        for (StageFolder folder : stages) {
            if (Files.isRegularFile(folder.metrics())) {
                JsonlReader.Result<MetricLine> metrics = JsonlReader.readMetrics(folder.metrics());
                warnings.addAll(metrics.warnings());
                training.put(folder.stage(), StageLog.of(folder.stage(), metrics.records()));
            }
            if (Files.isRegularFile(folder.candidates())) {
                JsonlReader.Result<CandidateLine> read = JsonlReader.readCandidates(folder.candidates());
                warnings.addAll(read.warnings());
                candidates.addAll(read.records());
            }
        }
        long chosen = candidates.stream().filter(CandidateLine::chosen).count();
        if (!candidates.isEmpty() && chosen != 1) {
            warnings.add("the search marked " + chosen + " candidates as chosen, expected exactly one");
        }
        return new RunLogs(runDir, stages, training, candidates, warnings);
    }

    /** {@link #read(Path, Map)} without hashes: discovers the stage folders. */
    public static RunLogs read(Path runDir) {
        return read(runDir, Map.of());
    }

    public Optional<StageLog> stage(String name) {
        return Optional.ofNullable(training.get(name));
    }

    /** The candidate the search chose, when it marked exactly one. */
    public Optional<CandidateLine> chosen() {
        List<CandidateLine> marked = candidates.stream().filter(CandidateLine::chosen).toList();
        return marked.size() == 1 ? Optional.of(marked.get(0)) : Optional.empty();
    }

    private static List<StageFolder> pickFolders(Path runDir, Map<String, String> hashes12, List<String> warnings) {
        Map<String, List<StageFolder>> byStage = new LinkedHashMap<>();
        for (StageFolder folder : listFolders(runDir)) {
            byStage.computeIfAbsent(folder.stage(), s -> new ArrayList<>()).add(folder);
        }
        List<StageFolder> picked = new ArrayList<>();
        for (Map.Entry<String, List<StageFolder>> entry : byStage.entrySet()) {
            String stage = entry.getKey();
            List<StageFolder> folders = entry.getValue();
            String wanted = hashes12.get(stage);
            if (wanted != null) {
                folders.stream().filter(f -> f.hash12().equals(wanted)).findFirst().ifPresent(picked::add);
            } else if (folders.size() == 1) {
                picked.add(folders.get(0));
            } else {
                StageFolder newest = folders.stream().max(Comparator.comparing(f -> modified(f.dir()))).orElseThrow();
                warnings.add(folders.size() + " folders for stage " + stage + "; reporting the newest, "
                        + newest.dir().getFileName());
                picked.add(newest);
            }
        }
        picked.sort(Comparator.comparingInt(f -> Stages.rank(f.stage())));
        return picked;
    }

    private static List<StageFolder> listFolders(Path runDir) {
        try (Stream<Path> children = Files.list(runDir)) {
            return children.filter(Files::isDirectory).map(StageFolder::parse).flatMap(Optional::stream)
                    .sorted(Comparator.comparing(f -> f.dir().getFileName().toString())).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list run folder " + runDir + ": " + e.getMessage(), e);
        }
    }

    private static FileTime modified(Path dir) {
        try {
            return Files.getLastModifiedTime(dir);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }
}
