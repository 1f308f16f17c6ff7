package dev.prune.lang;

import dev.prune.lang.CheckedRecipe.ResolvedDirective;
import dev.prune.lang.CheckedRecipe.RuleSet;
import dev.prune.lang.Family.CallSpec;
import dev.prune.lang.Family.Param;
import dev.prune.lang.SettingSpec.ClauseSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The semantic pass: versions, names, units, ranges, required sections, argument types, references to
 * transforms and rules, and {@code --set} values. It reads the AST and the {@link Catalogue}, never
 * changes the AST, and turns each recipe into a {@link CheckedRecipe}. Every problem is reported; a
 * recipe with errors gives no result.
 */
public final class Checker {

    private final Diagnostics diagnostics;
    private final Map<Module, Map<String, Resolved>> constants = new IdentityHashMap<>();
    private final Set<Module> declarationsChecked = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    /** The checked bound of each merge rule condition, by identity (AST equality ignores positions). */
    private final Map<Comparison, Value.Num> ruleBounds = new IdentityHashMap<>();

    private final BlockCatalog catalog;

    public Checker(Diagnostics diagnostics) {
        this(diagnostics, BlockCatalog.standard());
    }

    /** @param catalog the models' blocks, against which {@code space} selectors are resolved */
    public Checker(Diagnostics diagnostics, BlockCatalog catalog) {
        this.diagnostics = diagnostics;
        this.catalog = catalog;
    }

    /** Checks every recipe of {@code root} (and every declaration of what it imports). */
    public List<CheckedRecipe> check(Module root, Overrides overrides) {
        checkModule(root);
        List<CheckedRecipe> recipes = new ArrayList<>();
        for (RecipeDecl recipe : root.ast().recipes()) {
            new RecipeChecker(root, recipe, overrides.copy()).check().ifPresent(recipes::add);
        }
        return recipes;
    }

    /**
     * Checks one recipe of {@code module} with {@code overrides} (a cell of an experiment), reporting what is
     * wrong; the module's declarations are checked once, however many cells ask.
     */
    public Optional<CheckedRecipe> checkRecipe(Module module, RecipeDecl recipe, Overrides overrides) {
        checkModule(module);
        return new RecipeChecker(module, recipe, overrides).check();
    }

    /**
     * A transform or rules declaration of {@code module}, checked and resolved as a recipe naming it as
     * {@code shownAs} would see it; empty when the module declares none of that name or it has errors.
     */
    public Optional<RuleSet> declaration(Module module, String name, String shownAs) {
        int errors = diagnostics.errorCount();
        checkModule(module);
        if (diagnostics.errorCount() > errors) {
            return Optional.empty();
        }
        for (Decl decl : module.ast().decls()) {
            if (decl.name().text().equals(name) && (decl instanceof TransformDecl || decl instanceof RulesDecl)) {
                List<Directive> directives = decl instanceof TransformDecl t ? t.directives() : ((RulesDecl) decl).directives();
                return Optional.of(new RuleSet(shownAs, module.name(), resolveDirectives(directives)));
            }
        }
        return Optional.empty();
    }

    // ------------------------------------------------------------------ modules and declarations

    private void checkModule(Module module) {
        if (!declarationsChecked.add(module)) {
            return;
        }
        module.imports().values().forEach(this::checkModule);
        SpecFile file = module.ast();
        if (file.header().isEmpty()) {
            Span at = file.decls().isEmpty() && file.imports().isEmpty() ? file.span()
                    : firstSpan(file);
            diagnostics.error("missing-header", at, "missing version header", "start the file with 'prune " + Catalogue.LANGUAGE_VERSION + "'");
        } else if (file.header().get().version() != Catalogue.LANGUAGE_VERSION) {
            diagnostics.error("unsupported-version", file.header().get().span(),
                    "this compiler reads prune " + Catalogue.LANGUAGE_VERSION + ", not prune " + file.header().get().version());
        }
        ExpressionEvaluator evaluator = new ExpressionEvaluator(constantsOf(module), diagnostics, module.name());
        Map<String, Decl> seen = new HashMap<>();
        for (Decl decl : file.decls()) {
            String key = (decl instanceof LetDecl ? "let " : decl instanceof ExperimentDecl ? "experiment " : "decl ") + decl.name().text();
            Decl first = seen.putIfAbsent(key, decl);
            if (first != null) {
                diagnostics.error("duplicate-definition", decl.name().span(), "'" + decl.name().text() + "' is defined twice",
                        "first defined at line " + first.name().span().line());
            }
            if (decl instanceof TransformDecl transform) {
                checkDirectives(module.parsed().source(), evaluator, transform.directives(), true);
            } else if (decl instanceof RulesDecl rules) {
                checkDirectives(module.parsed().source(), evaluator, rules.directives(), false);
            }
        }
    }

    private static Span firstSpan(SpecFile file) {
        return !file.imports().isEmpty() ? file.imports().get(0).span() : file.decls().get(0).span();
    }

    /** An evaluator over the constants {@code module}'s recipes see. */
    ExpressionEvaluator evaluatorFor(Module module) {
        return new ExpressionEvaluator(new LinkedHashMap<>(constantsOf(module)), diagnostics, module.name());
    }

    /** The constants a module's recipes see: its own lets, and each import's as {@code namespace.name}. */
    private Map<String, Resolved> constantsOf(Module module) {
        Map<String, Resolved> cached = constants.get(module);
        if (cached != null) {
            return cached;
        }
        Map<String, Resolved> scope = new LinkedHashMap<>();
        module.imports().forEach((namespace, imported) -> constantsOf(imported).forEach((name, value) -> {
            if (!name.contains(".")) {
                scope.put(namespace + "." + name, value);
            }
        }));
        constants.put(module, scope);
        for (Decl decl : module.ast().decls()) {
            if (decl instanceof LetDecl let) {
                new ExpressionEvaluator(scope, diagnostics, module.name()).define(let.name().text(), let.value());
            }
        }
        return scope;
    }

    private void checkDirectives(Source source, ExpressionEvaluator evaluator, List<Directive> directives, boolean transform) {
        Map<String, List<String>> verbs = transform ? Catalogue.TRANSFORM_VERBS : Catalogue.RULE_VERBS;
        String kind = transform ? "transform" : "rules";
        Set<String> replaced = new HashSet<>();
        for (Directive directive : directives) {
            String verb = directive.verb().text();
            List<String> targets = verbs.get(verb);
            if (targets == null) {
                diagnostics.error("unknown-verb", directive.verb().span(), "unknown " + kind + " directive '" + verb + "'",
                        Suggest.help(verb, verbs.keySet(), "a " + kind + " declaration takes"));
                continue;
            }
            for (Name target : directive.targets()) {
                if (!targets.contains(target.text())) {
                    diagnostics.error("unknown-target", target.span(), "'" + verb + "' does not apply to '" + target.text() + "'",
                            Suggest.help(target.text(), targets, "'" + verb + "' applies to"));
                } else if (verb.equals("replace") && !replaced.add(target.text())) {
                    diagnostics.error("duplicate-target", target.span(), "'" + target.text() + "' is replaced twice");
                }
            }
            if (verb.equals("replace")) {
                if (directive.replacement().isEmpty()) {
                    diagnostics.error("missing-replacement", directive.span(), "'replace' needs a replacement",
                            "write e.g. 'replace relu -> identity progressively'");
                } else if (!Catalogue.REPLACEMENTS.contains(directive.replacement().get().text())) {
                    Name replacement = directive.replacement().get();
                    diagnostics.error("unknown-replacement", replacement.span(), "unknown replacement '" + replacement.text() + "'",
                            Suggest.help(replacement.text(), Catalogue.REPLACEMENTS, "replacements"));
                }
            } else if (directive.replacement().isPresent()) {
                diagnostics.error("unexpected-replacement", directive.replacement().get().span(),
                        "'" + verb + "' takes no replacement ('->')");
            }
            if (transform && directive.progressively() && (verb.equals("keep") || verb.equals("refuse"))) {
                diagnostics.error("unexpected-progressively", wordIn(source, directive.span(), "progressively"),
                        "'" + verb + " gates' changes nothing over training: 'progressively' has no meaning here",
                        "remove 'progressively', or write 'remove gates progressively'");
            }
            if (!transform && directive.progressively()) {
                diagnostics.error("unexpected-progressively", wordIn(source, directive.span(), "progressively"),
                        "merge rules apply after training: 'progressively' has no meaning here", "remove 'progressively'");
            }
            if (transform && !directive.conditions().isEmpty()) {
                diagnostics.error("unexpected-condition", directive.conditions().get(0).span(),
                        "a transform applies to every chosen block: 'where' belongs in merge rules");
            }
            for (Comparison condition : directive.conditions()) {
                checkRuleCondition(evaluator, condition);
            }
        }
    }

    /** The span of {@code word} inside {@code within} (the directive's keyword, which the AST keeps as a flag); else {@code within}. */
    private static Span wordIn(Source source, Span within, String word) {
        String text = source.text();
        if (!within.isReal() || within.end() > text.length()) {
            return within;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\b" + word + "\\b").matcher(text).region(within.start(), within.end());
        if (!m.find()) {
            return within;
        }
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < m.start(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        int column = m.start() - lineStart + 1;
        return new Span(within.file(), line, column, line, column + word.length() - 1, m.start(), m.end());
    }

    /** Checks {@code macs <= 1.5 x}; a bound that passes is kept in {@link #ruleBounds} for the recipes that use the rules. */
    private void checkRuleCondition(ExpressionEvaluator evaluator, Comparison condition) {
        String metric = condition.metric().text();
        if (!Catalogue.RULE_METRICS.contains(metric)) {
            diagnostics.error("unknown-metric", condition.metric().span(), "unknown metric '" + metric + "'",
                    Suggest.help(metric, Catalogue.RULE_METRICS, "rules bound"));
        }
        Optional<Value> bound = evaluator.resolve(condition.bound()).map(Resolved::value);
        if (bound.isEmpty()) {
            return;
        }
        if (!(bound.get() instanceof Value.Num num) || num.unit() != Unit.TIMES) {
            diagnostics.error("wrong-unit", condition.bound().span(), "a merge rule's bound is a ratio to the block before merging, such as '1.5 x'",
                    "found " + Values.describe(bound.get()));
        } else if (!(num.value() > 0)) {
            diagnostics.error("out-of-range", condition.bound().span(), "a merge rule's bound must be above 0");
        } else {
            ruleBounds.put(condition, num);
        }
    }

    private List<ResolvedDirective> resolveDirectives(List<Directive> directives) {
        List<ResolvedDirective> out = new ArrayList<>();
        for (Directive d : directives) {
            // A condition without a checked bound has been reported, and the recipe gives no result.
            List<Value.Cond> conditions = d.conditions().stream()
                    .filter(ruleBounds::containsKey)
                    .map(c -> new Value.Cond(c.metric().text(), c.op(), ruleBounds.get(c)))
                    .toList();
            out.add(new ResolvedDirective(d.verb().text(), d.targets().stream().map(Name::text).toList(),
                    d.replacement().map(Name::text).orElse(null), d.progressively(), conditions));
        }
        return out;
    }

    // ------------------------------------------------------------------ recipes

    /** Checks one recipe; one instance per recipe, so that state stays local. */
    private final class RecipeChecker implements Type.Context {
        private final Module module;
        private final RecipeDecl recipe;
        private final Overrides overrides;
        private final Map<String, Resolved> scope;
        private final Map<String, Resolved> params = new LinkedHashMap<>();
        private final Set<String> knownPaths = new LinkedHashSet<>();
        private final int errorsBefore;
        private String path = "";
        private RuleSet transform;
        private RuleSet rules;

        RecipeChecker(Module module, RecipeDecl recipe, Overrides overrides) {
            this.module = module;
            this.recipe = recipe;
            this.overrides = overrides;
            this.scope = new LinkedHashMap<>(constantsOf(module));
            this.errorsBefore = errorCount();
        }

        @Override
        public Diagnostics diagnostics() {
            return diagnostics;
        }

        @Override
        public String path() {
            return path;
        }

        Optional<CheckedRecipe> check() {
            Map<String, Section> sections = new LinkedHashMap<>();
            Map<String, Setting> recipeSettings = new LinkedHashMap<>();
            Set<String> lets = new HashSet<>();
            for (RecipeItem item : recipe.items()) {
                if (item instanceof LetDecl let) {
                    if (!lets.add(let.name().text())) {
                        diagnostics.error("duplicate-definition", let.name().span(), "'" + let.name().text() + "' is defined twice in recipe "
                                + recipe.name().text());
                    }
                    evaluator().define(let.name().text(), let.value());
                } else if (item instanceof Section section) {
                    String key = sectionKey(section);
                    Section first = sections.putIfAbsent(key, section);
                    if (first != null) {
                        diagnostics.error("duplicate-section", section.span().to(section.span()), "second '" + section.title() + "' section",
                                "the first is at line " + first.span().line() + "; merge them");
                    }
                } else {
                    Setting setting = (Setting) item;
                    Optional<SettingSpec> spec = Catalogue.RECIPE_SETTINGS.stream().filter(s -> s.key().equals(setting.keyText())).findFirst();
                    if (spec.isEmpty() || !setting.known()) {
                        reportUnknownSetting(setting, "recipe " + recipe.name().text(), Catalogue.RECIPE_SETTINGS.stream().map(SettingSpec::key).toList());
                    } else if (recipeSettings.putIfAbsent(setting.keyText(), setting) != null) {
                        duplicateSetting(setting, recipeSettings.get(setting.keyText()));
                    }
                }
            }
            checkRequiredSections(sections);
            for (SettingSpec spec : Catalogue.RECIPE_SETTINGS) {
                checkSetting(spec, recipeSettings.get(spec.key()), spec.key(), recipe.name().span(), "recipe '" + recipe.name().text() + "'");
            }
            checkSection(SectionKind.MODEL, sections.get("model"), "model");
            checkSection(SectionKind.DATA, sections.get("data"), "data");
            List<String> stages = new ArrayList<>();
            for (String stage : Catalogue.TRAIN_STAGES) {
                Section section = sections.get("train " + stage);
                if (section != null) {
                    stages.add(stage);
                    checkSection(SectionKind.TRAIN, section, "train." + stage);
                    checkStageLength(section, "train." + stage);
                }
            }
            for (Section section : sections.values()) {
                if (section.kind() == SectionKind.TRAIN && !Catalogue.TRAIN_STAGES.contains(section.subjectName())) {
                    Call subject = section.subject().orElseThrow();
                    diagnostics.error("unknown-stage", subject.span(), "unknown train stage '" + section.subjectName() + "'",
                            Suggest.help(section.subjectName(), Catalogue.TRAIN_STAGES, "the stages are"));
                }
            }
            checkSection(SectionKind.SPACE, sections.get("space"), "space");
            boolean spaceResolvable = errorCount() == errorsBefore;
            // The space is judged by what its blocks' merge pays, so the transform and rules come first.
            transform = resolveReference("space.transform", TransformDecl.class, "transform");
            rules = resolveReference("merge", RulesDecl.class, "rules");
            if (spaceResolvable) {
                // Declarations with errors (reported with their module) cannot judge a merge.
                boolean judged = !diagnostics.hasErrors();
                new SpaceResolver(catalog, diagnostics, params).resolve(sections.get("space"), recipe.name().span(),
                        judged ? transform : null, judged ? rules : null);
            }
            checkSection(SectionKind.SEARCH, sections.get("search"), "search");
            checkSection(SectionKind.EXPORT, sections.get("export"), "export");
            checkSection(SectionKind.RUNTIME, sections.get("runtime"), "runtime");
            checkConsistency(sections);
            reportUnusedOverrides();
            if (errorCount() > errorsBefore) {
                return Optional.empty();
            }
            return Optional.of(new CheckedRecipe(recipe.name().text(), module.name(), params, stages, transform, rules));
        }

        private int errorCount() {
            return diagnostics.errorCount();
        }

        private ExpressionEvaluator evaluator() {
            return new ExpressionEvaluator(scope, diagnostics, module.name());
        }

        private String sectionKey(Section section) {
            return switch (section.kind()) {
                case TRAIN -> "train " + section.subjectName();
                default -> section.kind().keyword();
            };
        }

        private void checkRequiredSections(Map<String, Section> sections) {
            for (SectionKind kind : Catalogue.REQUIRED_SECTIONS) {
                if (!sections.containsKey(kind.keyword())) {
                    diagnostics.error("missing-section", recipe.name().span(), "recipe '" + recipe.name().text() + "' has no " + kind.keyword() + " section",
                            "add one, e.g. " + example(kind));
                }
            }
            if (!sections.containsKey("train subnet")) {
                diagnostics.error("missing-section", recipe.name().span(), "recipe '" + recipe.name().text() + "' has no train subnet section",
                        "add one, e.g. train subnet { epochs 2; progressive linear(until: 1 epochs) }");
            }
        }

        private static String example(SectionKind kind) {
            return switch (kind) {
                case MODEL -> "model resnet18 { input [3, 32, 32]; classes 10 }";
                case DATA -> "data fashion_mnist(\"data/fashion-mnist\") { batch 128 }";
                case SPACE -> "space { blocks \"*\"; prune 2; transform updp.block }";
                case SEARCH -> "search evolution { population 16; generations 6 }";
                case EXPORT -> "export onnx(\"out/model.onnx\")";
                default -> kind.keyword() + " { }";
            };
        }

        /** Checks a section (or, when absent, fills its defaults and takes its --set values). */
        private void checkSection(SectionKind kind, Section section, String prefix) {
            String title = section == null ? prefix.replace('.', ' ') : section.title();
            Call subjectCall = section == null ? null : section.subject().orElse(null);
            boolean subjectReplaced = false;
            if (kind == SectionKind.SEARCH && subjectCall != null) {
                // `search = random` in a variant, or --set search=random: another strategy, the section's settings kept.
                Optional<Expr> override = overrides.take(prefix);
                if (override.isPresent() && override.get() instanceof Call c && c.isBareName() && c.callee().isSimple()) {
                    subjectCall = c;
                    subjectReplaced = true;
                } else if (override.isPresent()) {
                    diagnostics.error("type-mismatch", override.get().span(), "expected a search strategy such as random",
                            "the strategies are " + String.join(", ", Catalogue.SEARCH_STRATEGIES));
                }
            }
            String subject = subjectCall == null ? "" : subjectCall.calleeName();
            if (subjectCall != null) {
                Call call = subjectCall;
                Family family = Catalogue.subjectFamily(kind);
                if (family != null) {
                    Optional<Expr> override = overrides.take(prefix);
                    Expr expr = override.orElse(call);
                    path = prefix;
                    evaluator().resolve(expr).ifPresent(r -> resolveCall(family, r.value(), expr.span(), prefix)
                            .ifPresent(v -> params.put(prefix, new Resolved(v, r.origin()))));
                } else if (kind == SectionKind.SEARCH) {
                    if (!Catalogue.SEARCH_STRATEGIES.contains(subject)) {
                        diagnostics.error("unknown-strategy", call.span(), "unknown search strategy '" + subject + "'",
                                Suggest.help(subject, Catalogue.SEARCH_STRATEGIES, "the strategies are"));
                    }
                    params.put(prefix, new Resolved(new Value.Sym(subject), evaluator().origin(call.span())));
                }
            }
            knownPaths.add(prefix);
            List<SettingSpec> specs = Catalogue.SECTIONS.get(kind);
            Map<String, Setting> written = new LinkedHashMap<>();
            if (section != null) {
                for (Setting setting : section.settings()) {
                    Optional<SettingSpec> spec = specs.stream().filter(s -> s.key().equals(setting.keyText())).findFirst();
                    if (spec.isEmpty() || !setting.known()) {
                        reportUnknownSetting(setting, title, specs.stream().filter(s -> s.only().isEmpty() || s.only().contains(subject))
                                .map(SettingSpec::key).toList());
                    } else if (!spec.get().only().isEmpty() && !spec.get().only().contains(subject) && subjectReplaced) {
                        // Written for the strategy the override replaced (`generations` when search = random): it no longer applies.
                        continue;
                    } else if (!spec.get().only().isEmpty() && !spec.get().only().contains(subject) && knownSubject(kind, subject)) {
                        diagnostics.error("misplaced-setting", setting.key().span(), "'" + setting.keyText() + "' applies to "
                                + kind.keyword() + " " + String.join(" or ", new java.util.TreeSet<>(spec.get().only())) + " only, not to " + title);
                    } else if (written.putIfAbsent(setting.keyText(), setting) != null) {
                        duplicateSetting(setting, written.get(setting.keyText()));
                    }
                }
            }
            if (section == null && kind != SectionKind.RUNTIME) {
                return;
            }
            for (SettingSpec spec : specs) {
                if (!spec.only().isEmpty() && !spec.only().contains(subject)) {
                    continue;
                }
                Span at = section == null ? recipe.name().span() : section.subject().map(Call::span).orElse(section.span());
                checkSetting(spec, written.get(spec.key()), prefix + "." + spec.key(), at, title);
            }
        }

        /** An unknown strategy or stage is reported once, at its name; its settings are not blamed for it. */
        private static boolean knownSubject(SectionKind kind, String subject) {
            List<String> names = Catalogue.subjectNames(kind);
            return names.isEmpty() || names.contains(subject);
        }

        private void checkSetting(SettingSpec spec, Setting setting, String path, Span sectionSpan, String title) {
            knownPaths.add(path);
            if (!spec.clausesOnly()) {
                Optional<Expr> override = overrides.take(path);
                Optional<Resolved> value;
                if (override.isPresent()) {
                    value = checkValues(spec.type(), spec.many(), List.of(override.get()), path);
                } else if (setting != null) {
                    value = checkValues(spec.type(), spec.many(), setting.values(), path);
                } else if (spec.defaultValue().isPresent()) {
                    value = checkDefault(spec.type(), spec.defaultValue().get(), path);
                } else {
                    if (spec.required()) {
                        diagnostics.error("missing-setting", sectionSpan, title + " needs '" + spec.key() + "'", spec.doc());
                    }
                    value = Optional.empty();
                }
                value.ifPresent(v -> params.put(path, v));
            }
            for (ClauseSpec clause : spec.clauses()) {
                String clausePath = path + "." + clause.keyword();
                knownPaths.add(clausePath);
                Optional<Expr> override = overrides.take(clausePath);
                Optional<Clause> written = setting == null ? Optional.empty() : setting.clause(clause.keyword());
                Optional<Resolved> value;
                if (override.isPresent()) {
                    value = checkValues(clause.type(), clause.many(), List.of(override.get()), clausePath);
                } else if (written.isPresent()) {
                    value = checkValues(clause.type(), clause.many(), written.get().values(), clausePath);
                } else if (clause.defaultValue().isPresent()) {
                    value = Optional.of(Resolved.byDefault(clause.defaultValue().get()));
                } else {
                    if (clause.required()) {
                        diagnostics.error("missing-clause", setting == null ? sectionSpan : setting.span(),
                                "'" + spec.key() + "' needs '" + clause.keyword() + "'");
                    }
                    value = Optional.empty();
                }
                value.ifPresent(v -> params.put(clausePath, v));
            }
        }

        /** Evaluates and type-checks the values of a setting; a list setting also accepts one list value (from --set). */
        private Optional<Resolved> checkValues(Type type, boolean many, List<Expr> exprs, String path) {
            this.path = path;
            List<Value> values = new ArrayList<>();
            Origin origin = null;
            boolean ok = true;
            for (Expr expr : exprs) {
                Optional<Resolved> resolved = evaluator().resolve(expr);
                if (resolved.isEmpty()) {
                    ok = false;
                    continue;
                }
                origin = origin == null ? resolved.get().origin() : origin;
                List<Value> items = many && resolved.get().value() instanceof Value.Lst list ? list.items() : List.of(resolved.get().value());
                for (Value item : items) {
                    this.path = path;
                    Optional<Value> checked = type.check(item, expr.span(), this);
                    ok &= checked.isPresent();
                    checked.ifPresent(values::add);
                }
            }
            if (!ok) {
                return Optional.empty();
            }
            Value value = many ? new Value.Lst(values) : values.get(0);
            return Optional.of(new Resolved(value, origin));
        }

        /** Defaults are checked too: a call default such as {@code adamw} gets its own defaults and --set values. */
        private Optional<Resolved> checkDefault(Type type, Value value, String path) {
            this.path = path;
            if (value instanceof Value.Fn) {
                return type.check(value, recipe.name().span(), this).map(Resolved::byDefault);
            }
            return Optional.of(Resolved.byDefault(value));
        }

        @Override
        public Optional<Value> resolveCall(Family family, Value value, Span span, String path) {
            String name;
            Map<String, Resolved> named = new LinkedHashMap<>();
            List<Resolved> positional = List.of();
            Span callSpan = span;
            if (value instanceof Value.Sym sym) {
                name = sym.name();
            } else if (value instanceof Value.RawCall raw) {
                name = raw.call().calleeName();
                named.putAll(raw.named());
                positional = raw.positional();
                callSpan = raw.call().span();
            } else if (value instanceof Value.Fn fn) {
                name = fn.name();
                named.putAll(fn.args());
            } else {
                diagnostics.error("type-mismatch", span, "expected " + family.description() + ", found " + Values.describe(value));
                return Optional.empty();
            }
            Optional<CallSpec> found = family.call(name);
            if (found.isEmpty()) {
                Span nameSpan = value instanceof Value.RawCall raw ? raw.call().callee().span() : span;
                diagnostics.error("unknown-" + family.name().replace(' ', '-'), nameSpan, "unknown " + family.name() + " '" + name + "'",
                        Suggest.help(name, family.calls().keySet(), "expected one of"));
                return Optional.empty();
            }
            CallSpec spec = found.get();
            boolean ok = true;
            if (positional.size() > spec.params().size()) {
                diagnostics.error("too-many-arguments", positional.get(spec.params().size()).origin().span(),
                        name + " takes " + spec.params().size() + " argument" + (spec.params().size() == 1 ? "" : "s")
                                + ", found " + (positional.size() + named.size()));
                return Optional.empty();
            }
            Map<String, Resolved> given = new LinkedHashMap<>();
            for (int i = 0; i < positional.size(); i++) {
                given.put(spec.params().get(i).name(), positional.get(i));
            }
            for (Map.Entry<String, Resolved> entry : named.entrySet()) {
                Optional<Param> param = spec.param(entry.getKey());
                Span argSpan = argumentNameSpan(value, entry.getKey())
                        .orElse(entry.getValue().origin().span().isReal() ? entry.getValue().origin().span() : callSpan);
                if (param.isEmpty()) {
                    diagnostics.error("unknown-argument", argSpan, name + " has no argument '" + entry.getKey() + "'",
                            spec.params().isEmpty() ? name + " takes no arguments"
                                    : Suggest.help(entry.getKey(), spec.params().stream().map(Param::name).toList(), name + " takes"));
                    ok = false;
                } else if (given.putIfAbsent(entry.getKey(), entry.getValue()) != null) {
                    diagnostics.error("duplicate-argument", argSpan, "argument '" + entry.getKey() + "' of " + name + " is given twice");
                    ok = false;
                }
            }
            Map<String, Resolved> args = new LinkedHashMap<>();
            for (Param param : spec.params()) {
                String argPath = path + "." + param.name();
                knownPaths.add(argPath);
                Optional<Expr> override = overrides.take(argPath);
                Resolved arg;
                if (override.isPresent()) {
                    Optional<Resolved> evaluated = evaluator().resolve(override.get());
                    if (evaluated.isEmpty()) {
                        ok = false;
                        continue;
                    }
                    arg = evaluated.get();
                } else if (given.containsKey(param.name())) {
                    arg = given.get(param.name());
                } else if (param.defaultValue().isPresent()) {
                    arg = Resolved.byDefault(param.defaultValue().get());
                } else {
                    diagnostics.error("missing-argument", callSpan, name + " needs argument '" + param.name() + "'",
                            "write e.g. " + name + "(" + param.name() + ": " + example(param.type()) + ")",
                            param.name() + ": " + Catalogue.argumentDoc(family, spec, param));
                    ok = false;
                    continue;
                }
                String saved = this.path;
                this.path = argPath;
                Span argSpan = arg.origin().span().isReal() ? arg.origin().span() : callSpan;
                Optional<Value> checked = param.type().check(arg.value(), argSpan, this);
                this.path = saved;
                if (checked.isEmpty()) {
                    ok = false;
                    continue;
                }
                args.put(param.name(), new Resolved(checked.get(), arg.origin()));
            }
            return ok ? Optional.of(new Value.Fn(name, args)) : Optional.empty();
        }

        /** Where {@code name:} is written in a call, when the call comes from text. */
        private static Optional<Span> argumentNameSpan(Value call, String name) {
            if (call instanceof Value.RawCall raw) {
                return raw.call().named(name).flatMap(Argument::name).map(Name::span).filter(Span::isReal);
            }
            return Optional.empty();
        }

        private static String example(Type type) {
            if (type instanceof Types.NumberType number && number.units().contains(Unit.EPOCHS)) {
                return "2 epochs";
            }
            if (type instanceof Types.StringType || type instanceof Types.PathType) {
                return "\"...\"";
            }
            return "1";
        }

        private void reportUnknownSetting(Setting setting, String where, List<String> valid) {
            String key = setting.keyText();
            Optional<String> elsewhere = Catalogue.SECTIONS.entrySet().stream()
                    .filter(e -> e.getValue().stream().anyMatch(s -> s.key().equals(key)))
                    .map(e -> e.getKey().keyword())
                    .findFirst();
            String help;
            if (Suggest.nearest(key, valid).isPresent()) {
                help = Suggest.help(key, valid, "");
            } else if (elsewhere.isPresent()) {
                help = "'" + key + "' is a setting of the " + elsewhere.get() + " section";
            } else if (SectionKind.byKeyword(key).isPresent()) {
                help = "'" + key + "' opens a section and needs a body in braces";
            } else {
                help = "valid here: " + String.join(", ", valid);
            }
            diagnostics.error("unknown-setting", setting.key().span(), "unknown setting '" + key + "' in " + where, help);
        }

        private void duplicateSetting(Setting second, Setting first) {
            diagnostics.error("duplicate-setting", second.key().span(), "'" + second.keyText() + "' is set twice",
                    "the first is at line " + first.span().line());
        }

        /** A stage runs for a number of epochs or of steps: exactly one of the two. */
        private void checkStageLength(Section section, String prefix) {
            boolean epochs = params.containsKey(prefix + ".epochs");
            boolean steps = params.containsKey(prefix + ".steps");
            if (epochs && steps) {
                diagnostics.error("conflicting-settings", section.subject().map(Call::span).orElse(section.span()),
                        section.title() + " gives both epochs and steps", "keep one of them");
            } else if (!epochs && !steps && !hasErrorsIn(section)) {
                diagnostics.error("missing-setting", section.subject().map(Call::span).orElse(section.span()),
                        section.title() + " needs a length", "add 'epochs N' or 'steps N'");
            }
        }

        /** Whether the section writes a length, perhaps wrongly (a bad value, or a misspelt key such as 'epocs'). */
        private boolean hasErrorsIn(Section section) {
            List<String> lengths = List.of("epochs", "steps");
            return section.settings().stream().anyMatch(s -> lengths.contains(s.keyText())
                    || !s.known() && Suggest.nearest(s.keyText(), lengths).isPresent());
        }

        private <D extends Decl> RuleSet resolveReference(String path, Class<D> kind, String kindName) {
            Resolved reference = params.get(path);
            if (reference == null || !(reference.value() instanceof Value.Sym sym)) {
                return null;
            }
            Span span = reference.origin().span();
            String dotted = sym.name();
            Module owner = module;
            String name = dotted;
            int dot = dotted.lastIndexOf('.');
            if (dot >= 0) {
                String namespace = dotted.substring(0, dot);
                name = dotted.substring(dot + 1);
                owner = module.imports().get(namespace);
                if (owner == null) {
                    diagnostics.error("unknown-namespace", span, "nothing is imported as '" + namespace + "'",
                            module.imports().isEmpty() ? "add 'import std." + namespace + "' after the version header"
                                    : Suggest.help(namespace, module.imports().keySet(), "imported"));
                    return null;
                }
            }
            List<Decl> decls = owner.ast().decls();
            String finalName = name;
            Optional<Decl> found = decls.stream().filter(d -> !(d instanceof LetDecl) && d.name().text().equals(finalName)).findFirst();
            if (found.isEmpty()) {
                List<String> candidates = decls.stream().filter(kind::isInstance).map(d -> d.name().text()).toList();
                diagnostics.error("unknown-" + kindName, span, "no " + kindName + " declaration '" + dotted + "'",
                        candidates.isEmpty() ? owner.name() + " declares no " + kindName
                                : Suggest.help(name, candidates, owner.name() + " declares"));
                return null;
            }
            if (!kind.isInstance(found.get())) {
                diagnostics.error("wrong-declaration", span, "'" + dotted + "' is not a " + kindName + " declaration",
                        "'" + path.replace("space.", "") + "' names a " + kindName + " declaration");
                return null;
            }
            return declaration(owner, name, dotted).orElseThrow();
        }

        /** Checks that span sections: the baseline's source, λ and warmup lengths, data against the model. */
        private void checkConsistency(Map<String, Section> sections) {
            Value weights = params.containsKey("model.weights") ? params.get("model.weights").value() : null;
            boolean randomInit = weights instanceof Value.Fn fn && fn.name().equals("none");
            if (randomInit && !sections.containsKey("train baseline") && sections.containsKey("model")) {
                diagnostics.error("missing-section", sections.get("model").span(), "with 'weights none' the recipe needs a train baseline section",
                        "add 'train baseline { epochs 3 }', or start from trained weights: weights onnx(\"model.onnx\")");
            }
            for (String stage : Catalogue.TRAIN_STAGES) {
                String prefix = "train." + stage;
                Resolved epochs = params.get(prefix + ".epochs");
                Resolved steps = params.get(prefix + ".steps");
                Value.Num length = epochs != null ? new Value.Num(((Value.Num) epochs.value()).value(), Unit.EPOCHS)
                        : steps != null ? new Value.Num(((Value.Num) steps.value()).value(), Unit.STEPS) : null;
                if (length == null) {
                    continue;
                }
                checkWithinStage(prefix + ".schedule", "warmup", length, stage);
                checkWithinStage(prefix + ".schedule", "every", length, stage);
                checkWithinStage(prefix + ".progressive", "until", length, stage);
                checkConvergenceFits(prefix + ".until", length, stage);
                Resolved progressive = params.get(prefix + ".progressive");
                if (progressive != null && progressive.value() instanceof Value.Fn fn && fn.args().containsKey("from")) {
                    double from = ((Value.Num) fn.arg("from")).value();
                    double to = ((Value.Num) fn.arg("to")).value();
                    if (from > to) {
                        diagnostics.error("bad-range", fn.args().get("from").origin().span().isReal() ? fn.args().get("from").origin().span()
                                : progressive.origin().span(), "λ would decrease from " + Values.show(from) + " to " + Values.show(to),
                                "a progressive schedule moves blocks towards their pruned form: from <= to");
                    }
                    if (to != 1) {
                        Span toSpan = fn.args().get("to").origin().span();
                        diagnostics.error("incomplete-progression", toSpan.isReal() ? toSpan : progressive.origin().span(),
                                "λ ends at " + Values.show(to) + ", but merging needs the pruned form, λ = 1", "write 'to: 1'");
                    }
                }
            }
            Resolved init = params.get("train.subnet.init");
            // Written: an error without a supernet to start from. Left to its default, the subnet starts from the baseline.
            if (init != null && init.value() instanceof Value.Sym start && start.name().equals("supernet")
                    && init.origin().span().isReal() && !sections.containsKey("train supernet")) {
                diagnostics.error("missing-section", init.origin().span(),
                        "the subnet starts from the supernet, but recipe '" + recipe.name().text() + "' has no train supernet section",
                        "add a train supernet section, or start from the baseline: init baseline");
            } else if (init != null && init.origin().kind() == Origin.Kind.DEFAULT && !sections.containsKey("train supernet")
                    && sections.containsKey("train subnet")) {
                // The plan shows, and the hash takes, where the subnet really starts; the same as writing 'init baseline'.
                Section subnet = sections.get("train subnet");
                params.put("train.subnet.init", new Resolved(new Value.Sym("baseline"),
                        new Origin(Origin.Kind.DERIVED, subnet.subject().map(Call::span).orElse(subnet.span()))));
            }
            checkDataAgainstModel();
            checkDataSizes();
        }

        /**
         * With {@code max_train} written, the split sizes are known here: the held-out count must leave something
         * to train on. The loader drops a last batch of a single example (BatchNorm cannot train on one), so one
         * example left is as good as none unless batches are of one. Without {@code max_train} the pool's size
         * is known only once the files are read: {@code run --dry-run} checks it then.
         */
        private void checkDataSizes() {
            Resolved data = params.get("data");
            Resolved val = params.get("data.val");
            Resolved batch = params.get("data.batch");
            if (data == null || val == null || batch == null || !(data.value() instanceof Value.Fn fn)
                    || !fn.args().containsKey("max_train") || !(fn.arg("max_train") instanceof Value.Num pool)) {
                return;
            }
            Value.Num held = (Value.Num) val.value();
            long valCount = held.unit() == Unit.PERCENT ? Math.round(pool.value() * held.value() / 100) : held.asLong();
            long train = pool.asLong() - valCount;
            long batchSize = ((Value.Num) batch.value()).asLong();
            if (train < 1 || (train == 1 && batchSize > 1)) {
                Span span = val.origin().span().isReal() ? val.origin().span()
                        : fn.args().get("max_train").origin().span().isReal() ? fn.args().get("max_train").origin().span() : recipe.name().span();
                diagnostics.error("empty-training-split", span, "data.val " + Values.show(held.value()) + (held.unit() == Unit.PERCENT ? "%" : "")
                        + " of max_train " + pool.asLong() + " leaves " + Math.max(0, train) + " training example" + (train == 1 ? "" : "s")
                        + ": an epoch would have no training step", "hold out fewer examples or raise max_train");
            }
        }

        /** {@code until converged(over: N epochs)} measures N moves between N + 1 epochs: a stage shorter than that never stops early. */
        private void checkConvergenceFits(String callPath, Value.Num length, String stage) {
            Resolved call = params.get(callPath);
            if (call == null || length.unit() != Unit.EPOCHS || !(call.value() instanceof Value.Fn fn) || !fn.args().containsKey("over")) {
                return;
            }
            Resolved over = fn.args().get("over");
            double moves = ((Value.Num) over.value()).value();
            if (moves + 1 > length.value()) {
                Span span = over.origin().span().isReal() ? over.origin().span() : call.origin().span();
                diagnostics.error("longer-than-stage", span, "converged over " + Values.show(moves) + " epochs needs "
                        + Values.show(moves + 1) + " epochs to measure, but train " + stage + " lasts " + Values.show(length),
                        "train longer, or converge over fewer epochs");
            }
        }

        private void checkWithinStage(String callPath, String arg, Value.Num length, String stage) {
            Resolved call = params.get(callPath);
            if (call == null || !(call.value() instanceof Value.Fn fn) || !fn.args().containsKey(arg)) {
                return;
            }
            Resolved resolved = fn.args().get(arg);
            Value.Num value = (Value.Num) resolved.value();
            if (value.unit() == length.unit() && value.value() > length.value()) {
                Span span = resolved.origin().span().isReal() ? resolved.origin().span() : call.origin().span();
                diagnostics.error("longer-than-stage", span, arg + " " + Values.show(value) + " is longer than train " + stage
                        + ", which lasts " + Values.show(length));
            }
        }

        /** The IDX datasets hold 1x28x28 images: a model that expects otherwise needs preprocessing. */
        private void checkDataAgainstModel() {
            Resolved data = params.get("data");
            Resolved input = params.get("model.input");
            if (data == null || input == null || !(data.value() instanceof Value.Fn fn) || fn.name().equals("image_folder")) {
                return;
            }
            Resolved classes = params.get("model.classes");
            if (classes != null && ((Value.Num) classes.value()).asLong() < 10) {
                diagnostics.error("class-mismatch", classes.origin().span().isReal() ? classes.origin().span() : recipe.name().span(),
                        fn.name() + " has 10 classes (labels 0-9), but the model has " + ((Value.Num) classes.value()).asLong(),
                        "use classes 10");
                return;
            }
            List<Value> shape = ((Value.Lst) input.value()).items();
            long channels = ((Value.Num) shape.get(0)).asLong();
            if (channels != 1) {
                diagnostics.error("shape-mismatch", input.origin().span().isReal() ? input.origin().span() : recipe.name().span(),
                        fn.name() + " images have 1 channel, but the model's input has " + channels, "use input [1, 28, 28]");
                return;
            }
            boolean resized = params.containsKey("data.preprocess")
                    && !((Value.Lst) params.get("data.preprocess").value()).items().isEmpty();
            long height = ((Value.Num) shape.get(1)).asLong();
            long width = ((Value.Num) shape.get(2)).asLong();
            if (!resized && (height != 28 || width != 28)) {
                diagnostics.error("shape-mismatch", input.origin().span().isReal() ? input.origin().span() : recipe.name().span(),
                        fn.name() + " images are 28x28, but the model's input is " + height + "x" + width,
                        "use input [1, 28, 28], or add 'preprocess resize(" + height + ")' to data");
            }
        }

        private void reportUnusedOverrides() {
            for (Overrides.Entry entry : overrides.untaken()) {
                String[] parts = entry.path().split("\\.");
                List<String> near = Suggest.near(entry.path(), knownPaths, 3);
                String help;
                if (!near.isEmpty()) {
                    help = "did you mean '" + near.get(0) + "'?";
                } else if (parts[0].equals("train") && parts.length > 2 && Catalogue.TRAIN_STAGES.contains(parts[1])) {
                    help = "recipe " + recipe.name().text() + " has no train " + parts[1] + " section";
                } else {
                    help = "'prune plan' lists every path";
                }
                diagnostics.error("unknown-set-path", entry.pathSpan(),
                        overrides.label() + " names no setting of recipe " + recipe.name().text() + ": '" + entry.path() + "'", help);
            }
        }
    }
}
