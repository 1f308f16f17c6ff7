package dev.prune.run;

import dev.prune.plan.Plan;
import dev.prune.plan.Stage;
import dev.prune.train.Checkpoint;
import dev.prune.train.TensorFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What an earlier run left for this plan, read before the run relies on it: the weights of each finished
 * stage and the checkpoint of each unfinished one, through their checksums. A damaged file is named with
 * the folder to delete to run that stage again; a damaged {@code done.json} is left to {@link DoneRecords},
 * which reruns its stage.
 */
final class RunFolderCheck {

    private RunFolderCheck() {
    }

    /** @return one line per stage found on disk, for {@code --dry-run} */
    static List<String> check(Plan plan, Path runFolder) throws RunSetupException {
        RunLayout layout = new RunLayout(runFolder);
        List<String> lines = new java.util.ArrayList<>();
        for (Stage stage : plan.stages()) {
            Path folder = layout.stage(stage);
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try {
                if (Files.exists(layout.done(stage))) {
                    Path weights = folder.resolve(WeightsLocation.WEIGHTS);
                    if (Files.exists(weights)) {
                        TensorFile.read(weights);
                    }
                    lines.add("stage " + stage.name() + ": finished earlier, will be reused (" + folder.getFileName() + ")");
                    continue;
                }
                Optional<Path> checkpoint = Checkpoint.find(layout.checkpoint(stage));
                if (checkpoint.isPresent()) {
                    Checkpoint.verify(checkpoint.get());
                    lines.add("stage " + stage.name() + ": will resume from " + folder.getFileName() + "/" + checkpoint.get().getFileName());
                }
            } catch (IOException e) {
                throw new RunSetupException(e.getMessage() + "; delete " + folder + " to run stage " + stage.name()
                        + " again from the start", e);
            }
        }
        return lines;
    }
}
