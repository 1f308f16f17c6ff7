package dev.prune.api;

import dev.prune.lang.Call;
import dev.prune.lang.Catalogue;
import dev.prune.lang.Compilation;
import dev.prune.lang.Compiler;
import dev.prune.lang.Formatter;
import dev.prune.lang.Header;
import dev.prune.lang.Import;
import dev.prune.lang.LetDecl;
import dev.prune.lang.Name;
import dev.prune.lang.QualifiedName;
import dev.prune.lang.RecipeDecl;
import dev.prune.lang.RecipeItem;
import dev.prune.lang.Section;
import dev.prune.lang.SectionKind;
import dev.prune.lang.Setting;
import dev.prune.lang.Source;
import dev.prune.lang.Span;
import dev.prune.lang.SpecFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * A recipe built in code, for toolchains that generate specs. It reads like the language:
 * <pre>{@code
 * Recipe recipe = Recipe.named("convnext_fashion")
 *     .seed(7)
 *     .model(call("convnext").arg("depths", List.of(2, 2, 6, 2)), m -> m.input(1, 28, 28).classes(10))
 *     .data(call("fashion_mnist").arg("examples/data/fashion-mnist"), d -> d.batch(128).val(2000))
 *     .train("baseline", t -> t.epochs(3).optimizer(call("adamw").arg("lr", 2e-3)))
 *     ...;
 * Compilation checked = recipe.check();
 * }</pre>
 *
 * <p>A recipe is immutable. Each method returns a new recipe; a section method edits the section of that
 * kind where it stands (creating it at the end when absent), and a setting written again replaces the
 * earlier one. So a sweep starts from one recipe and varies it: {@code base.space(s -> s.prune(k))}.
 *
 * <p>Two kinds of mistake are told apart. A recipe that could not be written as text at all (a name that
 * is not an identifier, {@code except} before {@code blocks}) throws at once. A recipe that is well formed
 * but wrong (an unknown optimizer, {@code lr: 0}) is reported by {@link #check()} as diagnostics, exactly as
 * for a hand-written file.
 */
public final class Recipe {

    /** The module every generated file imports: the paper's transform and merge rules. */
    public static final String STD_UPDP = "std.updp";

    private final String name;
    private final List<RecipeItem> items;

    private Recipe(String name, List<RecipeItem> items) {
        this.name = name;
        this.items = List.copyOf(items);
    }

    public static Recipe named(String name) {
        return new Recipe(Exprs.identifier(name), List.of());
    }

    public String name() {
        return name;
    }

    /** The same recipe under another name: each member of a sweep needs its own. */
    public Recipe renamed(String newName) {
        return new Recipe(Exprs.identifier(newName), items);
    }

    // ------------------------------------------------------------------ recipe settings and constants

    /** {@code seed 7}. */
    public Recipe seed(Object seed) {
        return put(setting("seed", Exprs.of(seed)));
    }

    /** {@code let name = value} inside the recipe; refer to it with {@link Exprs#name}. */
    public Recipe let(String constant, Object value) {
        return put(new LetDecl(Span.NONE, Name.of(Exprs.identifier(constant)), Exprs.of(value)));
    }

    /** {@code merge updp.merge}: the rule set that collapses pruned blocks. */
    public Recipe merge(String rules) {
        return put(setting("merge", Exprs.name(rules)));
    }

    // ------------------------------------------------------------------ sections

    /** {@code model convnext(...) { ... }}. */
    public Recipe model(CallBuilder architecture, UnaryOperator<ModelSection> body) {
        return section(SectionKind.MODEL, architecture.toCall(), ModelSection::new, body);
    }

    /** {@code data fashion_mnist("...") { ... }}. */
    public Recipe data(CallBuilder dataset, UnaryOperator<DataSection> body) {
        return section(SectionKind.DATA, dataset.toCall(), DataSection::new, body);
    }

    /** {@code train baseline { ... }}; one section per stage. */
    public Recipe train(String stage, UnaryOperator<TrainSection> body) {
        return section(SectionKind.TRAIN, Call.name(Exprs.identifier(stage)), TrainSection::new, body);
    }

    /** {@code space { ... }}. */
    public Recipe space(UnaryOperator<SpaceSection> body) {
        return section(SectionKind.SPACE, null, SpaceSection::new, body);
    }

    /** {@code search evolution { ... }}. */
    public Recipe search(String strategy, UnaryOperator<SearchSection> body) {
        return section(SectionKind.SEARCH, Call.name(Exprs.identifier(strategy)), SearchSection::new, body);
    }

    /** {@code export onnx("...")}, keeping the settings of an earlier export section. */
    public Recipe export(CallBuilder format) {
        return export(format, UnaryOperator.identity());
    }

    /** {@code export onnx("...") { ... }}. */
    public Recipe export(CallBuilder format, UnaryOperator<ExportSection> body) {
        return section(SectionKind.EXPORT, format.toCall(), ExportSection::new, body);
    }

    /** {@code runtime { ... }}. */
    public Recipe runtime(UnaryOperator<RuntimeSection> body) {
        return section(SectionKind.RUNTIME, null, RuntimeSection::new, body);
    }

    // ------------------------------------------------------------------ out

    /** The whole file: {@code prune 1}, {@code import std.updp}, and this recipe. */
    public SpecFile toSpecFile() {
        Header header = new Header(Span.NONE, Catalogue.LANGUAGE_VERSION);
        Import updp = new Import(Span.NONE, new Import.Module(QualifiedName.of(STD_UPDP)), Optional.empty());
        RecipeDecl recipe = new RecipeDecl(Span.NONE, Name.of(name), items);
        return new SpecFile(Span.NONE, Optional.of(header), List.of(updp), List.of(recipe));
    }

    /** The file as canonical text, as {@code prune fmt} prints it. */
    public String toText() {
        return Formatter.format(toSpecFile(), List.of());
    }

    /** Checks the recipe as {@code prune check} would check its text; diagnostics point into that text. */
    public Compilation check() {
        return check(List.of());
    }

    /** Checks with {@code --set path=value} overrides. */
    public Compilation check(List<String> sets) {
        return Compiler.compile(new Source(name + ".prune", toText()), sets);
    }

    /**
     * The resolved parameters of the checked recipe as JSON (see {@link RecipeJson}).
     *
     * @throws IllegalStateException with the rendered diagnostics when the recipe does not check
     */
    public String toJson() {
        Compilation compilation = check();
        if (!compilation.ok()) {
            throw new IllegalStateException("recipe " + name + " does not check:\n" + compilation.render());
        }
        return RecipeJson.write(compilation.recipes().get(0));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Recipe recipe && recipe.name.equals(name) && recipe.items.equals(items);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + items.hashCode();
    }

    @Override
    public String toString() {
        return "recipe " + name + " (" + items.size() + " items)";
    }

    // ------------------------------------------------------------------ editing

    private static Setting setting(String key, dev.prune.lang.Expr value) {
        return new Setting(Span.NONE, Name.of(key), List.of(value), List.of(), true);
    }

    /**
     * Edits the section of a kind (for train, of a stage): its body starts from the settings it has, and its
     * subject becomes {@code subject} (null for space and runtime, which have none).
     */
    private <S extends SectionBuilder<S>> Recipe section(SectionKind kind, Call subject, Function<Settings, S> make,
            UnaryOperator<S> body) {
        Section probe = new Section(Span.NONE, kind, Optional.ofNullable(subject), List.of());
        Settings current = find(identity(probe)).map(item -> new Settings(((Section) item).settings())).orElse(Settings.EMPTY);
        S edited = body.apply(make.apply(current));
        return put(new Section(Span.NONE, kind, Optional.ofNullable(subject), edited.settings.list()));
    }

    /** Replaces the item with the same identity where it stands, or appends it. */
    private Recipe put(RecipeItem item) {
        List<RecipeItem> out = new ArrayList<>(items);
        String id = identity(item);
        for (int i = 0; i < out.size(); i++) {
            if (identity(out.get(i)).equals(id)) {
                out.set(i, item);
                return new Recipe(name, out);
            }
        }
        out.add(item);
        return new Recipe(name, out);
    }

    private Optional<RecipeItem> find(String id) {
        return items.stream().filter(item -> identity(item).equals(id)).findFirst();
    }

    /** What makes two items the same place in a recipe: a section kind (train: and stage), a setting key, a constant's name. */
    private static String identity(RecipeItem item) {
        if (item instanceof Section section) {
            return section.kind() == SectionKind.TRAIN ? "train " + section.subjectName() : section.kind().keyword();
        }
        if (item instanceof Setting setting) {
            return "setting " + setting.keyText();
        }
        return "let " + ((LetDecl) item).name().text();
    }
}
