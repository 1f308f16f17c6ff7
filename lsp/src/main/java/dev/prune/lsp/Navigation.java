package dev.prune.lsp;

import dev.prune.lang.Decl;
import dev.prune.lang.Import;
import dev.prune.lang.LetDecl;
import dev.prune.lang.Module;
import dev.prune.lang.RecipeDecl;
import dev.prune.lang.RecipeItem;
import dev.prune.lang.RulesDecl;
import dev.prune.lang.Section;
import dev.prune.lang.Setting;
import dev.prune.lang.Span;
import dev.prune.lang.SpecFile;
import dev.prune.lang.TransformDecl;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.antlr.v4.runtime.Token;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.SymbolKind;

/** Go to definition (imports, lets, transform and rule-set declarations) and the document's outline. */
final class Navigation {

    private Navigation() {
    }

    static Optional<Location> definition(Analysis analysis, int offset) {
        if (analysis.module().isEmpty()) {
            return Optional.empty();
        }
        Module module = analysis.module().get();
        SpecFile file = module.ast();
        for (Import anImport : file.imports()) {
            if (contains(anImport.span(), offset)) {
                return importTarget(analysis, module, anImport);
            }
        }
        List<Token> tokens = CursorContext.lex(analysis.text().text()).stream().filter(t -> t.getChannel() == Token.DEFAULT_CHANNEL).toList();
        int index = -1;
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.get(i).getStartIndex() <= offset && offset <= tokens.get(i).getStopIndex() && CursorContext.isWord(tokens.get(i))) {
                index = i;
            }
        }
        if (index < 0) {
            return Optional.empty();
        }
        String word = tokens.get(index).getText();
        boolean qualified = index >= 2 && tokens.get(index - 1).getText().equals(".");
        if (qualified) {
            Module imported = module.imports().get(tokens.get(index - 2).getText());
            return imported == null ? Optional.empty() : declaration(analysis, imported, word, null);
        }
        if (index + 2 < tokens.size() && tokens.get(index + 1).getText().equals(".") && module.imports().containsKey(word)) {
            return importTarget(analysis, module, file.imports().stream().filter(i -> i.namespace().equals(word)).findFirst().orElseThrow());
        }
        RecipeDecl recipe = file.recipes().stream().filter(r -> contains(r.span(), offset)).findFirst().orElse(null);
        return declaration(analysis, module, word, recipe);
    }

    /** A let of the recipe at the cursor first, then the file's own declarations. */
    private static Optional<Location> declaration(Analysis analysis, Module module, String name, RecipeDecl recipe) {
        if (recipe != null) {
            for (RecipeItem item : recipe.items()) {
                if (item instanceof LetDecl let && let.name().text().equals(name)) {
                    return location(analysis, module, let.name().span());
                }
            }
        }
        for (Decl decl : module.ast().decls()) {
            boolean named = decl instanceof LetDecl || decl instanceof TransformDecl || decl instanceof RulesDecl;
            if (named && decl.name().text().equals(name)) {
                return location(analysis, module, decl.name().span());
            }
        }
        return Optional.empty();
    }

    private static Optional<Location> importTarget(Analysis analysis, Module module, Import anImport) {
        Module imported = module.imports().get(anImport.namespace());
        if (imported == null) {
            return Optional.empty();
        }
        return location(analysis, imported, imported.ast().span()).map(l -> new Location(l.getUri(), new Range(
                new org.eclipse.lsp4j.Position(0, 0), new org.eclipse.lsp4j.Position(0, 0))));
    }

    /** A position in this document or in a file it imports; the standard library has no file to go to. */
    private static Optional<Location> location(Analysis analysis, Module module, Span span) {
        String uri = Analyzer.uriOf(module.name(), analysis.uri());
        return uri == null ? Optional.empty() : Optional.of(new Location(uri, TextPositions.range(span)));
    }

    private static boolean contains(Span span, int offset) {
        return span.start() <= offset && offset <= span.end();
    }

    static List<DocumentSymbol> symbols(Analysis analysis) {
        List<DocumentSymbol> symbols = new ArrayList<>();
        if (analysis.parsed().ast().isEmpty()) {
            return symbols;
        }
        for (Decl decl : analysis.parsed().ast().get().decls()) {
            if (decl instanceof RecipeDecl recipe) {
                DocumentSymbol symbol = symbol("recipe " + recipe.name().text(), SymbolKind.Module, recipe.span(), recipe.name().span());
                List<DocumentSymbol> children = new ArrayList<>();
                for (RecipeItem item : recipe.items()) {
                    if (item instanceof Section section) {
                        String title = section.kind().keyword() + section.subject().map(c -> " " + c.calleeName()).orElse("");
                        DocumentSymbol child = symbol(title, SymbolKind.Namespace, section.span(),
                                section.subject().map(c -> c.span()).orElse(section.span()));
                        List<DocumentSymbol> settings = new ArrayList<>();
                        for (Setting setting : section.settings()) {
                            settings.add(symbol(setting.keyText(), SymbolKind.Property, setting.span(), setting.key().span()));
                        }
                        child.setChildren(settings);
                        children.add(child);
                    } else if (item instanceof Setting setting) {
                        children.add(symbol(setting.keyText(), SymbolKind.Property, setting.span(), setting.key().span()));
                    } else if (item instanceof LetDecl let) {
                        children.add(symbol(let.name().text(), SymbolKind.Constant, let.span(), let.name().span()));
                    }
                }
                symbol.setChildren(children);
                symbols.add(symbol);
            } else if (decl instanceof TransformDecl transform) {
                symbols.add(symbol("transform " + transform.name().text(), SymbolKind.Function, transform.span(), transform.name().span()));
            } else if (decl instanceof RulesDecl rules) {
                symbols.add(symbol("rules " + rules.name().text(), SymbolKind.Function, rules.span(), rules.name().span()));
            } else if (decl instanceof LetDecl let) {
                symbols.add(symbol(let.name().text(), SymbolKind.Constant, let.span(), let.name().span()));
            }
        }
        return symbols;
    }

    private static DocumentSymbol symbol(String name, SymbolKind kind, Span whole, Span selection) {
        Range range = TextPositions.range(whole);
        Range selected = TextPositions.range(selection);
        return new DocumentSymbol(name, kind, range, selected);
    }
}
