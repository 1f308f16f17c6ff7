import static dev.prune.api.Exprs.call;
import static dev.prune.api.Exprs.epochs;

import dev.prune.api.Recipe;
import dev.prune.lang.Compilation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A toolchain in one file: generates a sweep of ConvNeXt recipes on Fashion-MNIST that prune 2, 4 and 6
 * blocks, prints each as canonical text, checks it, and writes NAME.prune and NAME.json (the resolved
 * parameters) into the folder given as argument. Exits 1 if a recipe does not check, after printing why.
 *
 * <p>Run it from the repository root (the first line builds the project and its classpath file):
 * <pre>
 * ./prune --version && java -cp "$(cat runtime/target/classpath.txt)" \
 *     examples/api/GenerateRecipe.java out/sweep
 * </pre>
 */
public class GenerateRecipe {

    /**
     * What the members of the sweep share; each one then sets its own name, block count and output. Paths in a
     * spec start from the spec's folder: {@code dataset} is the shipped Fashion-MNIST as seen from where the
     * recipes are written.
     */
    public static Recipe base(String dataset) {
        return Recipe.named("convnext_fashion")
                .seed(7)
                .model(call("convnext").arg("depths", List.of(2, 2, 6, 2)).arg("dims", List.of(24, 48, 96, 192)),
                        m -> m.input(1, 28, 28).classes(10))
                .data(call("fashion_mnist").arg(dataset),
                        d -> d.batch(128).val(2000).augment(call("random_crop").arg(28).arg("padding", 2), call("hflip")))
                .train("baseline", t -> t.epochs(3)
                        .optimizer(call("adamw").arg("lr", 2e-3).arg("weight_decay", 0.05))
                        .schedule(call("cosine").arg("warmup", epochs(0.5))))
                .space(s -> s.blocks("features.*.*").except("features.*.0").transform("updp.block"))
                .train("supernet", t -> t.epochs(2).sample(call("uniform")).optimizer(call("adamw").arg("lr", 1e-3)))
                .search("evolution", s -> s.population(24).generations(8).score("top1", "val"))
                .train("subnet", t -> t.epochs(3)
                        .progressive(call("linear").arg("until", epochs(2)))
                        .optimizer(call("adamw").arg("lr", 5e-4)))
                .merge("updp.merge");
    }

    public static Recipe pruning(Recipe base, int blocks) {
        String name = base.name() + "_p" + blocks;
        return base.renamed(name)
                .space(s -> s.prune(blocks))
                .export(call("onnx").arg("out/" + name + ".onnx"), e -> e.verifyAtol(1e-4).benchBatch(1, 32));
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: java -cp <compiler classpath> examples/api/GenerateRecipe.java <output folder>");
            System.exit(2);
        }
        Path folder = Files.createDirectories(Path.of(args[0])).toAbsolutePath();
        String dataset = folder.relativize(Path.of("examples/data/fashion-mnist").toAbsolutePath()).toString();
        boolean allChecked = true;
        for (int blocks : List.of(2, 4, 6)) {
            Recipe recipe = pruning(base(dataset), blocks);
            String text = recipe.toText();
            System.out.println(text);
            Compilation checked = recipe.check();
            if (!checked.ok()) {
                System.err.println(checked.render());
                allChecked = false;
                continue;
            }
            Files.writeString(folder.resolve(recipe.name() + ".prune"), text);
            Files.writeString(folder.resolve(recipe.name() + ".json"), recipe.toJson() + "\n");
        }
        System.exit(allChecked ? 0 : 1);
    }
}
