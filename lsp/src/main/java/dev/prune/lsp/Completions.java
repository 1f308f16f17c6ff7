package dev.prune.lsp;

import dev.prune.lang.BlockCatalog.BlockInfo;
import dev.prune.lang.Catalogue;
import dev.prune.lang.Family;
import dev.prune.lang.Family.CallSpec;
import dev.prune.lang.Family.Param;
import dev.prune.lang.LanguageReference;
import dev.prune.lang.SectionKind;
import dev.prune.lang.SettingSpec;
import dev.prune.lang.Stdlib;
import dev.prune.lang.Type;
import dev.prune.lang.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.antlr.v4.runtime.Token;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionItemKind;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.MarkupKind;
import org.eclipse.lsp4j.TextEdit;

/** Completion: what may be written at the cursor, from the catalogue, the document and its model. */
final class Completions {

    private static final List<String> TOP_LEVEL = List.of("recipe", "let", "transform", "rules", "import");

    private Completions() {
    }

    static List<CompletionItem> at(Analysis analysis, int offset) {
        CursorContext context = CursorContext.at(analysis.text().text(), offset);
        if (context.frame == null) {
            return List.of();
        }
        if (context.string != null) {
            return blockItems(analysis, context, offset);
        }
        List<CompletionItem> items = new ArrayList<>();
        switch (context.frame.kind) {
            case TOP -> top(context, items);
            case RECIPE -> recipe(analysis, context, items);
            case SECTION -> section(analysis, context, items);
            case DECLARATION -> declaration(context, items);
            default -> {
            }
        }
        return items;
    }

    private static void top(CursorContext context, List<CompletionItem> items) {
        if (context.statementStart) {
            TOP_LEVEL.forEach(k -> items.add(item(k, CompletionItemKind.Keyword, null, null)));
        } else if (context.key().equals("import") && context.statement.size() == 1) {
            Stdlib.MODULES.forEach(m -> items.add(item(m, CompletionItemKind.Module, "standard library", null)));
        }
    }

    private static void recipe(Analysis analysis, CursorContext context, List<CompletionItem> items) {
        if (context.statementStart) {
            Scope.acceptedSettings(context).forEach(s -> items.add(setting(s)));
            for (SectionKind kind : SectionKind.values()) {
                items.add(item(kind.keyword(), CompletionItemKind.Module, "section", LanguageReference.sectionDoc(kind)));
            }
            items.add(item("let", CompletionItemKind.Keyword, null, null));
            return;
        }
        Optional<SectionKind> section = SectionKind.byKeyword(context.key());
        if (section.isPresent() && context.statement.size() == 1 && context.openCalls.isEmpty()) {
            Family family = Catalogue.subjectFamily(section.get());
            if (family != null) {
                calls(family, items);
            }
            Catalogue.subjectNames(section.get()).forEach(n -> items.add(item(n, CompletionItemKind.EnumMember, section.get().keyword(), null)));
            return;
        }
        values(analysis, context, items);
    }

    private static void section(Analysis analysis, CursorContext context, List<CompletionItem> items) {
        if (context.statementStart) {
            Scope.acceptedSettings(context).forEach(s -> items.add(setting(s)));
            return;
        }
        values(analysis, context, items);
    }

    /** After a setting's key: argument names inside a call's parentheses, else the values its type accepts. */
    private static void values(Analysis analysis, CursorContext context, List<CompletionItem> items) {
        Token previous = context.previous();
        String last = previous == null ? "" : previous.getText();
        Optional<Family> family = Scope.familyAt(context);
        if (!context.openCalls.isEmpty() && (last.equals("(") || last.equals(","))) {
            String callee = context.openCalls.get(context.openCalls.size() - 1);
            Optional<CallSpec> call = family.flatMap(f -> f.call(callee));
            if (call.isPresent()) {
                for (Param param : call.get().params()) {
                    CompletionItem item = item(param.name(), CompletionItemKind.Field, param.type().describe(),
                            LanguageReference.argumentLine(family.get(), call.get(), param));
                    item.setInsertText(param.name() + ": ");
                    items.add(item);
                }
                return;
            }
        }
        if (last.equals(":") || !context.openCalls.isEmpty()) {
            lets(analysis, context, items);
            return;
        }
        Optional<SettingSpec> spec = Scope.setting(context.frame, context.key());
        family.ifPresent(f -> calls(f, items));
        spec.filter(s -> s.type() != null).ifPresent(s -> typeValues(analysis, s.type(), items));
        spec.ifPresent(s -> s.clauses().forEach(c -> items.add(item(c.keyword(), CompletionItemKind.Keyword, c.type().describe(), null))));
        lets(analysis, context, items);
    }

    private static void typeValues(Analysis analysis, Type type, List<CompletionItem> items) {
        if (type instanceof Types.ChoiceType choice) {
            choice.choices().forEach(c -> items.add(item(c, CompletionItemKind.EnumMember, choice.description(), null)));
        } else if (type instanceof Types.OrNone orNone) {
            items.add(item("none", CompletionItemKind.EnumMember, null, null));
            typeValues(analysis, orNone.inner(), items);
        } else if (type instanceof Types.Reference reference && analysis.module().isPresent()) {
            Scope.declarations(analysis.module().get(), Scope.declarationKind(reference))
                    .forEach(n -> items.add(item(n, CompletionItemKind.Reference, reference.kind(), null)));
        }
    }

    private static void lets(Analysis analysis, CursorContext context, List<CompletionItem> items) {
        context.lets().forEach(n -> items.add(item(n, CompletionItemKind.Variable, "let", null)));
        analysis.module().ifPresent(m -> Scope.importedLets(m).forEach(n -> items.add(item(n, CompletionItemKind.Variable, "let", null))));
    }

    private static void declaration(CursorContext context, List<CompletionItem> items) {
        Map<String, List<String>> verbs = context.frame.opener.equals("transform") ? Catalogue.TRANSFORM_VERBS : Catalogue.RULE_VERBS;
        if (context.statementStart) {
            verbs.keySet().stream().sorted().forEach(v -> items.add(item(v, CompletionItemKind.Keyword, context.frame.opener, null)));
            return;
        }
        Token previous = context.previous();
        String last = previous == null ? "" : previous.getText();
        if (last.equals("->")) {
            Catalogue.REPLACEMENTS.forEach(r -> items.add(item(r, CompletionItemKind.EnumMember, "replacement", null)));
        } else if (last.equals("where") || last.equals("and")) {
            Catalogue.RULE_METRICS.forEach(m -> items.add(item(m, CompletionItemKind.Field, "metric", null)));
        } else if (verbs.containsKey(context.key())) {
            verbs.get(context.key()).forEach(t -> items.add(item(t, CompletionItemKind.EnumMember, context.key(), null)));
        }
    }

    private static void calls(Family family, List<CompletionItem> items) {
        for (CallSpec call : family.calls().values()) {
            items.add(item(call.name(), CompletionItemKind.Function, family.name(), LanguageReference.callDoc(family, call)));
        }
    }

    /** Inside {@code blocks "…"} or {@code except "…"}: the model's blocks, and the selectors that group them. */
    private static List<CompletionItem> blockItems(Analysis analysis, CursorContext context, int offset) {
        boolean selector = context.frame.kind == CursorContext.FrameKind.SECTION && context.frame.section == SectionKind.SPACE
                && context.key().equals("blocks");
        if (!selector) {
            return List.of();
        }
        int from = context.string.getStartIndex() + 1;
        int to = context.string.getType() == dev.prune.grammar.PruneLexer.STRING ? context.string.getStopIndex() : offset;
        List<CompletionItem> items = new ArrayList<>();
        Map<String, Integer> selectors = new LinkedHashMap<>();
        for (BlockInfo block : analysis.blocks()) {
            String[] parts = block.name().split("\\.");
            for (int kept = parts.length - 1; kept >= 1; kept--) {
                StringBuilder glob = new StringBuilder();
                for (int i = 0; i < parts.length; i++) {
                    glob.append(i == 0 ? "" : ".").append(i < kept ? parts[i] : "*");
                }
                selectors.merge(glob.toString(), 1, Integer::sum);
            }
        }
        for (Map.Entry<String, Integer> glob : selectors.entrySet()) {
            items.add(edited(item(glob.getKey(), CompletionItemKind.Folder, glob.getValue() + " blocks", null), analysis, from, to));
        }
        for (BlockInfo block : analysis.blocks()) {
            String detail = Hovers.cost(block) + (block.candidate() ? "" : " (not prunable: " + block.rejection() + ")");
            items.add(edited(item(block.name(), CompletionItemKind.Class, detail, null), analysis, from, to));
        }
        return items;
    }

    private static CompletionItem edited(CompletionItem item, Analysis analysis, int from, int to) {
        item.setTextEdit(org.eclipse.lsp4j.jsonrpc.messages.Either.forLeft(new TextEdit(analysis.text().range(from, to), item.getLabel())));
        item.setFilterText(item.getLabel());
        return item;
    }

    private static CompletionItem setting(SettingSpec spec) {
        return item(spec.key(), CompletionItemKind.Property, spec.type() == null ? null : spec.type().describe(), LanguageReference.settingDoc(spec));
    }

    private static CompletionItem item(String label, CompletionItemKind kind, String detail, String markdown) {
        CompletionItem item = new CompletionItem(label);
        item.setKind(kind);
        item.setDetail(detail);
        if (markdown != null) {
            item.setDocumentation(new MarkupContent(MarkupKind.MARKDOWN, markdown));
        }
        return item;
    }
}
