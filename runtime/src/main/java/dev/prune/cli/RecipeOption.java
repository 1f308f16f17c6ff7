package dev.prune.cli;

import dev.prune.lang.CheckedRecipe;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;

/** {@code --recipe NAME}: which recipe of a file with several. */
final class RecipeOption {

    private RecipeOption() {
    }

    static Option option() {
        return Option.builder().longOpt("recipe").hasArg().argName("NAME").desc("the recipe to use when the file has several").get();
    }

    static CheckedRecipe choose(List<CheckedRecipe> recipes, CommandLine line, String file) {
        List<String> names = recipes.stream().map(CheckedRecipe::name).toList();
        if (recipes.isEmpty()) {
            throw new UserError(file + " declares no recipe");
        }
        String wanted = line.getOptionValue("recipe");
        if (wanted == null) {
            if (recipes.size() > 1) {
                throw new UserError(file + " declares " + recipes.size() + " recipes (" + String.join(", ", names) + "): choose one with --recipe NAME");
            }
            return recipes.get(0);
        }
        return recipes.stream().filter(r -> r.name().equals(wanted)).findFirst()
                .orElseThrow(() -> new UserError(file + " has no recipe '" + wanted + "'; it has " + String.join(", ", names)));
    }
}
