package dev.prune.lang;

import dev.prune.lang.BlockCatalog.BlockInfo;
import dev.prune.lang.BlockCatalog.Payoff;
import dev.prune.lang.CheckedRecipe.RuleSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Resolves a recipe's {@code space} against its model's blocks: each selector must match a block (else an
 * error lists what it could have meant), {@code except} removes blocks, blocks the transform cannot
 * prune are left out, so are blocks whose merge would not pay (a warning says which and why), and the
 * prune count must fit the candidates. The results, {@code space.candidates} and {@code space.left_out},
 * are added to the recipe's parameters, derived from the model.
 */
final class SpaceResolver {

    private static final int LISTED = 8;

    private final BlockCatalog catalog;
    private final Diagnostics diagnostics;
    private final Map<String, Resolved> params;

    SpaceResolver(BlockCatalog catalog, Diagnostics diagnostics, Map<String, Resolved> params) {
        this.catalog = catalog;
        this.diagnostics = diagnostics;
        this.params = params;
    }

    /** A selector and where it was written. */
    private record Selector(String text, Span span) {
        Pattern pattern() {
            StringBuilder regex = new StringBuilder();
            for (char c : text.toCharArray()) {
                regex.append(switch (c) {
                    case '*' -> "[^.]*";
                    case '?' -> "[^.]";
                    default -> Pattern.quote(String.valueOf(c));
                });
            }
            return Pattern.compile(regex.toString());
        }

        boolean isGlob() {
            return text.contains("*") || text.contains("?");
        }
    }

    /**
     * @param transform the space's transform, or null when it did not resolve
     * @param rules the recipe's merge rules, or null when they did not resolve: with either missing, no block is
     *     judged by its merge
     */
    void resolve(Section space, Span recipeSpan, RuleSet transform, RuleSet rules) {
        Resolved model = params.get("model");
        Resolved input = params.get("model.input");
        Resolved classes = params.get("model.classes");
        Resolved blocks = params.get("space.blocks");
        if (catalog == BlockCatalog.NONE || space == null || model == null || input == null || classes == null || blocks == null) {
            return;
        }
        Value.Fn architecture = (Value.Fn) model.value();
        List<BlockInfo> all;
        try {
            all = catalog.blocks(architecture, ints(input.value()), (int) ((Value.Num) classes.value()).value());
        } catch (IllegalArgumentException e) {
            diagnostics.error("unbuildable-model", spanOf(model, recipeSpan), "cannot build " + Values.show(architecture)
                    + " for input " + Values.show(input.value()) + ": " + e.getMessage());
            return;
        }
        Optional<String> unexportable = catalog.unexportable(architecture, ints(input.value()), (int) ((Value.Num) classes.value()).value());
        if (unexportable.isPresent()) {
            diagnostics.error("model-too-large", spanOf(model, recipeSpan), "model " + Values.show(architecture) + ": " + unexportable.get(),
                    "prune a smaller model");
        }
        List<String> names = all.stream().map(BlockInfo::name).toList();
        String modelName = Values.show(architecture);
        Set<String> chosen = new LinkedHashSet<>();
        Map<String, Selector> chosenBy = new LinkedHashMap<>();
        boolean ok = true;
        for (Selector selector : selectors(space, "blocks", blocks, recipeSpan)) {
            List<String> matched = matching(selector, names);
            if (matched.isEmpty()) {
                reportNoMatch(selector, names, modelName);
                ok = false;
                continue;
            }
            if (!selector.isGlob()) {
                BlockInfo block = all.get(names.indexOf(selector.text()));
                if (!block.candidate()) {
                    diagnostics.error("not-prunable", selector.span(), "block " + block.name() + " cannot be pruned: " + block.rejection(),
                            "the transform needs a block that keeps its input's shape");
                    ok = false;
                }
            }
            chosen.addAll(matched);
            matched.forEach(name -> chosenBy.putIfAbsent(name, selector));
        }
        Resolved except = params.get("space.blocks.except");
        if (except != null) {
            for (Selector selector : selectors(space, "except", except, recipeSpan)) {
                List<String> matched = matching(selector, names);
                if (matched.isEmpty()) {
                    reportNoMatch(selector, names, modelName);
                    ok = false;
                }
                matched.forEach(chosen::remove);
            }
        }
        if (!ok) {
            return;
        }
        List<String> prunable = all.stream().filter(b -> chosen.contains(b.name()) && b.candidate()).map(BlockInfo::name).toList();
        Span blocksSpan = spanOf(blocks, recipeSpan);
        if (prunable.isEmpty()) {
            diagnostics.error("no-candidates", blocksSpan, "the space has no block that can be pruned",
                    "none of the selected blocks keeps its input's shape; 'prune inspect' shows which blocks are candidates");
            return;
        }
        List<String> leftOut = leftOut(architecture, ints(input.value()), (int) ((Value.Num) classes.value()).value(), transform, rules,
                prunable, chosenBy);
        List<String> candidates = prunable.stream().filter(b -> !leftOut.contains(b)).toList();
        String leftOutNote = leftOut.isEmpty() ? "" : " (" + leftOut.size() + " more left out: their merge would not pay)";
        if (candidates.isEmpty()) {
            diagnostics.error("no-candidates", blocksSpan, "the space has no block whose merge pays" + leftOutNote,
                    "'prune inspect' shows which blocks merge into fewer layers or fewer MACs");
            return;
        }
        Resolved prune = params.get("space.prune");
        if (prune != null && prune.value() instanceof Value.Rng range && range.high() > candidates.size()) {
            diagnostics.error("too-few-candidates", spanOf(prune, recipeSpan), "cannot prune " + range.high() + " blocks: the space has "
                    + candidates.size() + " candidate" + (candidates.size() == 1 ? "" : "s") + leftOutNote,
                    "candidates: " + listed(candidates));
            return;
        }
        Origin derived = new Origin(Origin.Kind.DERIVED, blocksSpan);
        params.put("space.candidates", new Resolved(strings(candidates), derived));
        params.put("space.left_out", new Resolved(strings(leftOut), derived));
    }

    /**
     * The prunable blocks whose merge would leave the model with neither fewer layers nor fewer MACs: pruning them
     * costs accuracy and buys nothing. One warning per selector, at the selector that chose them.
     */
    private List<String> leftOut(Value.Fn architecture, List<Integer> input, int classes, RuleSet transform, RuleSet rules,
            List<String> prunable, Map<String, Selector> chosenBy) {
        if (transform == null || rules == null) {
            return List.of();
        }
        Map<String, Payoff> payoffs = catalog.payoffs(architecture, input, classes, transform, rules, prunable);
        Map<Selector, List<String>> bySelector = new LinkedHashMap<>();
        for (String block : prunable) {
            Payoff payoff = payoffs.get(block);
            if (payoff != null && !payoff.pays()) {
                bySelector.computeIfAbsent(chosenBy.get(block), s -> new ArrayList<>()).add(block);
            }
        }
        List<String> leftOut = new ArrayList<>();
        bySelector.forEach((selector, names) -> {
            List<String> help = new ArrayList<>();
            names.forEach(name -> help.add(name + ": " + payoffs.get(name).merged()));
            help.add("a block is a candidate when its merge under " + rules.name() + " leaves fewer layers or fewer MACs;"
                    + " a looser 'where' bound in the rules may let it merge");
            diagnostics.warning("merge-does-not-pay", selector.span(), (names.size() == 1 ? "block " + names.get(0) + " is"
                    : names.size() + " blocks (" + String.join(", ", names) + ") are") + " left out of the space: pruning "
                    + (names.size() == 1 ? "it" : "them") + " would not pay once merged", help.toArray(String[]::new));
            leftOut.addAll(names);
        });
        return leftOut.stream().sorted(java.util.Comparator.comparingInt(prunable::indexOf)).toList();
    }

    private static Value.Lst strings(List<String> names) {
        return new Value.Lst(names.stream().map(n -> (Value) new Value.Str(n)).toList());
    }

    private void reportNoMatch(Selector selector, List<String> names, String modelName) {
        List<String> near = Suggest.near(selector.text(), selector.isGlob() ? generalizations(names) : names, 3);
        String help = near.isEmpty()
                ? "its blocks are " + listed(names) + " ('prune inspect' lists them with their costs)"
                : "did you mean " + String.join(" or ", near.stream().map(n -> "\"" + n + "\"").toList()) + "?";
        diagnostics.error("no-match", selector.span(), "selector \"" + selector.text() + "\" matches no block of " + modelName, help);
    }

    /** Each name with any one of its parts replaced by {@code *}: what a glob selector was likely meant to be. */
    private static List<String> generalizations(List<String> names) {
        Set<String> out = new LinkedHashSet<>();
        for (String name : names) {
            String[] parts = name.split("\\.");
            for (int i = 0; i < parts.length; i++) {
                String[] copy = parts.clone();
                copy[i] = "*";
                out.add(String.join(".", copy));
            }
            for (int i = 0; i + 1 < parts.length; i++) {
                String[] copy = parts.clone();
                copy[i] = "*";
                copy[i + 1] = "*";
                out.add(String.join(".", copy));
            }
        }
        return List.copyOf(out);
    }

    private static String listed(List<String> names) {
        return names.size() <= LISTED ? String.join(", ", names)
                : String.join(", ", names.subList(0, LISTED)) + ", … (" + names.size() + " in all)";
    }

    private static List<String> matching(Selector selector, List<String> names) {
        Pattern pattern = selector.pattern();
        return names.stream().filter(n -> pattern.matcher(n).matches()).toList();
    }

    /** The selectors with their own spans when written in the section, else (from --set) the value's span. */
    private static List<Selector> selectors(Section space, String keyword, Resolved resolved, Span fallback) {
        List<Expr> written = space.settings().stream().filter(s -> s.keyText().equals("blocks")).findFirst()
                .map(s -> keyword.equals("blocks") ? s.values() : s.clause(keyword).map(Clause::values).orElse(List.of()))
                .orElse(List.of());
        List<Value> values = ((Value.Lst) resolved.value()).items();
        List<Selector> selectors = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            String text = ((Value.Str) values.get(i)).value();
            boolean fromSpec = resolved.origin().kind() != Origin.Kind.SET && written.size() == values.size();
            Span span = fromSpec ? written.get(i).span() : spanOf(resolved, fallback);
            selectors.add(new Selector(text, span));
        }
        return selectors;
    }

    private static Span spanOf(Resolved resolved, Span fallback) {
        Span span = resolved.origin().span();
        return span.isReal() ? span : fallback;
    }

    private static List<Integer> ints(Value value) {
        return ((Value.Lst) value).items().stream().map(v -> (int) ((Value.Num) v).value()).toList();
    }
}
