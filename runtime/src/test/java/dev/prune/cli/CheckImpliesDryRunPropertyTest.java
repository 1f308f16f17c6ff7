package dev.prune.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.lang.Catalogue;
import dev.prune.lang.Family;
import dev.prune.lang.SectionKind;
import dev.prune.lang.SettingSpec;
import dev.prune.lang.Type;
import dev.prune.lang.Types;
import dev.prune.lang.Unit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10's property: for random {@code --set} values drawn per numeric position from the catalogue's own
 * types (in range, at the ends, just outside, zero, negative, huge), whatever {@code check} accepts,
 * {@code run --dry-run} accepts too; neither ever reports an internal error. One JVM, the CLI in-process.
 */
class CheckImpliesDryRunPropertyTest {

    private static final int TRIALS = 1000;

    /** The positions of the test recipe a --set can reach, each with the type the catalogue gives it. */
    private static Map<String, Type> positions() {
        Map<String, Type> out = new LinkedHashMap<>();
        for (SettingSpec spec : Catalogue.RECIPE_SETTINGS) {
            out.put(spec.key(), spec.type());
        }
        Map<SectionKind, List<String>> prefixes = Map.of(SectionKind.MODEL, List.of("model"), SectionKind.DATA, List.of("data"),
                SectionKind.TRAIN, List.of("train.baseline", "train.subnet"), SectionKind.SEARCH, List.of("search"),
                SectionKind.EXPORT, List.of("export"), SectionKind.RUNTIME, List.of("runtime"));
        prefixes.forEach((kind, names) -> {
            for (String prefix : names) {
                String subject = prefix.startsWith("train.") ? prefix.substring(6) : prefix.equals("search") ? "exhaustive" : "";
                for (SettingSpec spec : Catalogue.SECTIONS.get(kind)) {
                    if (!spec.only().isEmpty() && !spec.only().contains(subject)) {
                        continue;
                    }
                    if (!spec.clausesOnly()) {
                        out.put(prefix + "." + spec.key(), spec.type());
                    }
                    spec.clauses().forEach(c -> out.put(prefix + "." + spec.key() + "." + c.keyword(), c.type()));
                }
            }
        });
        // The calls the recipe makes, with their arguments.
        args(out, "model", Catalogue.ARCHITECTURES, "resnet");
        args(out, "data", Catalogue.DATASETS, "fashion_mnist");
        for (String stage : List.of("train.baseline", "train.subnet")) {
            args(out, stage + ".optimizer", Catalogue.OPTIMIZERS, "adamw");
            args(out, stage + ".schedule", Catalogue.SCHEDULES, "constant");
        }
        args(out, "train.subnet.progressive", Catalogue.PROGRESSIONS, "linear");
        out.values().removeIf(type -> numberIn(type) == null);
        return out;
    }

    private static void args(Map<String, Type> out, String path, Family family, String call) {
        family.call(call).orElseThrow().params().forEach(p -> out.put(path + "." + p.name(), p.type()));
    }

    /** The number type inside a position's type, or null for non-numeric positions. */
    private static Types.NumberType numberIn(Type type) {
        if (type instanceof Types.NumberType number) {
            return number;
        }
        if (type instanceof Types.OrNone none) {
            return numberIn(none.inner());
        }
        if (type instanceof Types.ListType list) {
            return numberIn(list.item());
        }
        if (type instanceof Types.CountOrPercent || type instanceof Types.CountOrRange) {
            return Types.wholeAtLeast(1);
        }
        return null;
    }

    private static String draw(Random random, Type type) {
        Types.NumberType number = numberIn(type);
        double min = number.min();
        double max = Double.isInfinite(number.max()) ? 1e12 : number.max();
        double value = switch (random.nextInt(10)) {
            case 0 -> min;
            case 1 -> max;
            case 2 -> min - 1;
            case 3 -> max + 1;
            case 4 -> 0;
            case 5 -> -1;
            case 6 -> 1e300;
            case 7 -> 0.5;
            default -> {
                double v = min + (max - min) * Math.pow(random.nextDouble(), 4); // small values more often
                yield number.integer() ? Math.floor(v) : v;
            }
        };
        String text = value < 0 ? "-" + literal(-value) : literal(value);
        Unit unit = number.units().stream().filter(u -> u != Unit.NONE).findFirst().orElse(Unit.NONE);
        if (type instanceof Types.CountOrPercent && random.nextBoolean()) {
            unit = Unit.PERCENT;
        }
        String withUnit = unit == Unit.NONE ? text : unit == Unit.PERCENT ? text + "%" : text + " " + unit.text();
        if (type instanceof Types.ListType list) {
            List<String> items = new ArrayList<>();
            for (int i = 0; i < list.minLength(); i++) {
                items.add(i == 0 ? withUnit : i == 1 ? "28" : "28");
            }
            return "[" + String.join(", ", items) + "]";
        }
        return withUnit;
    }

    private static String literal(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%.6g", v).replace("e+", "e");
    }

    @TempDir
    Path dir;

    @Test
    void whatCheckAcceptsTheDryRunAccepts() throws IOException {
        // The hostile-input suite's tiny dataset and recipe, in this test's own folder.
        HostileInputsTest.dir = dir;
        HostileInputsTest.tinyDataset();
        Path spec = Files.writeString(dir.resolve("property.prune"), HostileInputsTest.recipe());
        List<Map.Entry<String, Type>> all = new ArrayList<>(positions().entrySet());
        assertTrue(all.size() >= 30, "expected the recipe's numeric positions, found " + all.size());
        Random random = new Random(10);
        int accepted = 0;
        List<String> violations = new ArrayList<>();
        for (int trial = 0; trial < TRIALS; trial++) {
            Map.Entry<String, Type> position = all.get(random.nextInt(all.size()));
            String set = position.getKey() + "=" + draw(random, position.getValue());
            Cli.Result check = Cli.run(dir, "check", spec.toString(), "--set", set);
            assertFalse(check.err().contains("internal error"), set + ": " + check.err());
            if (check.exit() != ExitCode.OK) {
                assertTrue(check.err().contains("error"), set + ": refused without a diagnostic");
                continue;
            }
            accepted++;
            Cli.Result run = Cli.run(dir, "run", "--dry-run", spec.toString(), "--out", dir.resolve("runs").toString(), "--set", set);
            assertFalse(run.err().contains("internal error"), set + ": " + run.err());
            if (run.exit() != ExitCode.OK) {
                violations.add("--set " + set + ": " + run.err().strip());
            }
        }
        assertTrue(violations.isEmpty(), violations.size() + " values passed check but not run --dry-run:\n" + String.join("\n", violations));
        assertTrue(accepted > TRIALS / 5, "too few accepted values to test the property: " + accepted);
        System.out.println(accepted + " of " + TRIALS + " drawn values accepted by check, all accepted by run --dry-run");
    }
}
