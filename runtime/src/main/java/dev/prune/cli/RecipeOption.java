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
        return NamedChoice.choose(recipes, CheckedRecipe::name, "recipe", line.getOptionValue("recipe"), file);
    }
}
