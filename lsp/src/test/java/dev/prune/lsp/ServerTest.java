package dev.prune.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.lang.BlockCatalog;
import dev.prune.lang.BlockCatalog.BlockInfo;
import dev.prune.lang.CheckedRecipe;
import dev.prune.lang.Compilation;
import dev.prune.lang.Compiler;
import dev.prune.lang.Formatter;
import dev.prune.lang.Source;
import dev.prune.lang.SpecParser;
import dev.prune.lang.Value;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionContext;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.DefinitionParams;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DocumentFormattingParams;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.FormattingOptions;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.SemanticTokensParams;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextEdit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server in this JVM, driven as an editor drives it, on the examples and on small files. */
class ServerTest {

    private static final Path QUICKSTART = Session.example("quickstart.prune");

    private final Session session = new Session();

    @Test
    void diagnosticsAreThoseOfPruneCheckWithTheirHelpLines() throws Exception {
        String text = Files.readString(QUICKSTART).replace("epochs 6", "epocs 6").replace("classes 10", "classes 1");
        String uri = Session.uri(QUICKSTART);
        List<Diagnostic> published = session.open(uri, text);
        Compilation check = Compiler.compile(new Source(QUICKSTART.toString(), text), List.of());
        assertEquals(check.diagnostics().size(), published.size());
        for (int i = 0; i < published.size(); i++) {
            dev.prune.lang.Diagnostic expected = check.diagnostics().get(i);
            Diagnostic actual = published.get(i);
            assertEquals(expected.code(), actual.getCode().getLeft());
            assertEquals(expected.span().line() - 1, actual.getRange().getStart().getLine());
            assertEquals(expected.span().column() - 1, actual.getRange().getStart().getCharacter());
            assertEquals(expected.message() + expected.help().stream().map(h -> "\n" + h).collect(Collectors.joining()),
                    actual.getMessage().getLeft());
        }
        assertTrue(published.stream().anyMatch(d -> d.getMessage().getLeft().contains("did you mean 'epochs'?")), published.toString());
        assertEquals(List.of(), session.change(uri, Files.readString(QUICKSTART)), "fixed: the diagnostics are cleared");
    }

    @Test
    void diagnosticsOfAnImportedFileGoToThatFile(@TempDir Path dir) throws Exception {
        Path lib = dir.resolve("lib.prune");
        Files.writeString(lib, "prune 1\n\ntransform block {\n  replace relu -> identiy progressively\n}\n");
        Path main = dir.resolve("main.prune");
        String text = "prune 1\nimport \"lib.prune\" as lib\n";
        Files.writeString(main, text);
        session.open(Session.uri(main), text);
        List<Diagnostic> inLib = session.client.publishedOrNext(Session.uri(lib));
        assertEquals(1, inLib.size(), String.valueOf(session.client.latest));
        assertEquals("unknown-replacement", inLib.get(0).getCode().getLeft());
        assertEquals(3, inLib.get(0).getRange().getStart().getLine());
        assertTrue(inLib.get(0).getMessage().getLeft().contains("did you mean 'identity'?"));
    }

    /** The quickstart's model, resolved as the checker resolves it. */
    private static List<BlockInfo> quickstartBlocks() throws Exception {
        CheckedRecipe recipe = Compiler.compile(QUICKSTART, List.of()).recipes().get(0);
        List<Integer> input = ((Value.Lst) recipe.value("model.input")).items().stream().map(v -> (int) ((Value.Num) v).value()).toList();
        return BlockCatalog.standard().blocks((Value.Fn) recipe.value("model"), input, (int) ((Value.Num) recipe.value("model.classes")).value());
    }

    @Test
    void completionInsideBlocksListsTheModelsBlocksAndSelectors() throws Exception {
        String text = Files.readString(QUICKSTART).replace("blocks \"features.*.*\"", "blocks \"feat\"");
        String uri = Session.uri(QUICKSTART);
        session.open(uri, text);
        List<CompletionItem> items = session.complete(uri, Session.find(text, "\"feat\"", 0, 5));
        List<String> labels = items.stream().map(CompletionItem::getLabel).toList();
        List<BlockInfo> blocks = quickstartBlocks();
        assertEquals(6, blocks.size(), "the quickstart's ConvNeXt has 1 + 1 + 3 + 1 blocks");
        for (BlockInfo block : blocks) {
            assertTrue(labels.contains(block.name()), block.name() + " in " + labels);
        }
        assertTrue(labels.contains("features.*.*"), labels.toString());
        CompletionItem first = items.stream().filter(i -> i.getLabel().equals(blocks.get(0).name())).findFirst().orElseThrow();
        TextEdit edit = first.getTextEdit().getLeft();
        assertEquals(Session.find(text, "\"feat\"", 0, 1), edit.getRange().getStart(), "replaces the string's contents");
        assertEquals(Session.find(text, "\"feat\"", 0, 5), edit.getRange().getEnd());
    }

    @Test
    void hoverOnTheSelectorShowsTheMatchedBlocksWithTheirMacs() throws Exception {
        String text = Files.readString(QUICKSTART);
        String uri = Session.uri(QUICKSTART);
        session.open(uri, text);
        String hover = markdown(session.hover(uri, Session.find(text, "\"features.*.*\"", 0, 3)));
        List<BlockInfo> blocks = quickstartBlocks();
        assertTrue(hover.contains("matches " + blocks.size() + " of " + blocks.size() + " blocks"), hover);
        CheckedRecipe recipe = Compiler.compile(QUICKSTART, List.of()).recipes().get(0);
        List<Integer> input = ((Value.Lst) recipe.value("model.input")).items().stream().map(v -> (int) ((Value.Num) v).value()).toList();
        java.util.Map<String, BlockCatalog.Payoff> payoffs = BlockCatalog.standard().payoffs((Value.Fn) recipe.value("model"), input,
                (int) ((Value.Num) recipe.value("model.classes")).value(), recipe.transform(), recipe.rules(),
                blocks.stream().map(BlockInfo::name).toList());
        assertEquals(blocks.size(), payoffs.size(), "the zoo judges every block");
        for (BlockInfo block : blocks) {
            BlockCatalog.Payoff payoff = payoffs.get(block.name());
            assertTrue(hover.contains("| `" + block.name() + "` | " + Hovers.count(block.macs()) + " | " + Hovers.count(block.params())
                    + " | yes | " + (payoff.pays() ? "yes" : "no: " + payoff.merged()) + " |"), hover);
        }
    }

    @Test
    void hoverShowsTheCataloguesDocumentation() throws Exception {
        String text = Files.readString(QUICKSTART);
        String uri = Session.uri(QUICKSTART);
        session.open(uri, text);
        dev.prune.lang.SettingSpec batch = dev.prune.lang.Catalogue.SECTIONS.get(dev.prune.lang.SectionKind.DATA).stream()
                .filter(s -> s.key().equals("batch")).findFirst().orElseThrow();
        assertEquals(dev.prune.lang.LanguageReference.settingDoc(batch), markdown(session.hover(uri, Session.find(text, "batch 128", 0, 1))));
        assertTrue(markdown(session.hover(uri, Session.find(text, "batch 128", 0, 1))).contains("batch size for training and evaluation"));
        assertTrue(markdown(session.hover(uri, Session.find(text, "adamw", 0, 2))).startsWith("`adamw(lr, weight_decay, beta1, beta2)`: AdamW"));
        dev.prune.lang.Family.CallSpec adamw = dev.prune.lang.Catalogue.OPTIMIZERS.call("adamw").orElseThrow();
        assertEquals("argument of `adamw`\n\n" + dev.prune.lang.LanguageReference.argumentLine(dev.prune.lang.Catalogue.OPTIMIZERS, adamw,
                adamw.param("lr").orElseThrow()), markdown(session.hover(uri, Session.find(text, "lr:", 0, 0))));
        assertTrue(markdown(session.hover(uri, Session.find(text, "lr:", 0, 0))).contains("learning rate. Default `0.001`."));
        assertTrue(markdown(session.hover(uri, Session.find(text, "0.5 epochs", 0, 5))).startsWith("`epochs`: passes over the training split"));
        assertTrue(markdown(session.hover(uri, Session.find(text, "space {", 0, 1))).startsWith("**space** section"));
        assertTrue(markdown(session.hover(uri, Session.find(text, "convnext(", 0, 1))).contains("ConvNeXt (V1)"));
    }

    @Test
    void completionOffersCallsArgumentsModulesAndLets() throws Exception {
        String text = "prune 1\nimport \nlet rate = 1e-3\nrecipe r {\n  train baseline {\n    optimizer adamw(\n  }\n}\n";
        String uri = "untitled:Untitled-1";
        session.open(uri, text);
        assertEquals(List.of("std.updp"), labels(session.complete(uri, Session.find(text, "import ", 0, 7))));
        assertEquals(List.of("lr", "weight_decay", "beta1", "beta2"), labels(session.complete(uri, Session.find(text, "adamw(", 0, 6))));
        List<String> values = labels(session.complete(uri, Session.find(text, "optimizer ", 0, 10)));
        assertTrue(values.containsAll(List.of("sgd", "adamw", "rate")), values.toString());
        List<String> inRecipe = labels(session.complete(uri, Session.find(text, "  train", 0, 2)));
        assertTrue(inRecipe.containsAll(List.of("seed", "merge", "model", "data", "space", "let")), inRecipe.toString());
    }

    @Test
    void definitionGoesToLetsDeclarationsAndImports(@TempDir Path dir) throws Exception {
        Path lib = dir.resolve("lib.prune");
        Files.writeString(lib, "prune 1\n\ntransform block {\n  replace relu -> identity progressively\n}\n");
        Path main = dir.resolve("main.prune");
        String text = Files.readString(QUICKSTART).replace("import std.updp", "import std.updp\nimport \"lib.prune\" as lib\nlet stage = 6")
                .replace("transform updp.block", "transform lib.block").replace("epochs 6", "epochs stage");
        Files.writeString(main, text);
        String uri = Session.uri(main);
        session.open(uri, text);
        Location let = definition(uri, Session.find(text, "epochs stage", 0, 8));
        assertEquals(uri, let.getUri());
        assertEquals(Session.find(text, "let stage", 0, 4), let.getRange().getStart());
        Location transform = definition(uri, Session.find(text, "lib.block", 0, 5));
        assertEquals(Session.uri(lib), transform.getUri());
        assertEquals(new Position(2, 10), transform.getRange().getStart());
        Location file = definition(uri, Session.find(text, "\"lib.prune\"", 0, 2));
        assertEquals(Session.uri(lib), file.getUri());
    }

    private Location definition(String uri, Position at) throws Exception {
        List<? extends Location> found = session.documents.definition(new DefinitionParams(new TextDocumentIdentifier(uri), at)).get().getLeft();
        assertEquals(1, found.size(), "one definition at " + at);
        return found.get(0);
    }

    @Test
    void formattingIsOneWholeDocumentEditAndLeavesBrokenTextAlone() throws Exception {
        String canonical = Files.readString(QUICKSTART);
        String messy = canonical.replace("  seed 7\n", "    seed   7;\n").replace("batch 128", "batch    128");
        String uri = Session.uri(QUICKSTART);
        session.open(uri, messy);
        List<? extends TextEdit> edits = format(uri);
        assertEquals(1, edits.size());
        assertEquals(Formatter.format(SpecParser.parse(new Source(QUICKSTART.toString(), messy))), edits.get(0).getNewText());
        assertEquals(new Position(0, 0), edits.get(0).getRange().getStart());
        assertEquals(new TextPositions(messy).position(messy.length()), edits.get(0).getRange().getEnd());
        session.change(uri, canonical);
        assertEquals(List.of(), format(uri), "canonical text needs no edit");
        session.change(uri, canonical.replace("model convnext(", "model convnext(("));
        assertEquals(List.of(), format(uri), "text that does not parse is left alone");
    }

    private List<? extends TextEdit> format(String uri) throws Exception {
        return session.documents.formatting(new DocumentFormattingParams(new TextDocumentIdentifier(uri), new FormattingOptions(2, true))).get();
    }

    @Test
    void didYouMeanBecomesAQuickFixThatTheCheckerAccepts() throws Exception {
        String text = Files.readString(QUICKSTART).replace("epochs 6", "epocs 6").replace("\"features.*.*\"", "\"feature.*.*\"");
        String uri = Session.uri(QUICKSTART);
        List<Diagnostic> diagnostics = session.open(uri, text);
        List<CodeAction> actions = session.documents.codeAction(new CodeActionParams(new TextDocumentIdentifier(uri),
                new TextPositions(text).whole(), new CodeActionContext(diagnostics))).get().stream().map(e -> e.getRight()).toList();
        assertEquals(List.of("Change to epochs"), actions.stream().map(CodeAction::getTitle).toList(),
                "the selector is not checked while another error stands");
        String fixed = apply(text, actions.get(0).getEdit().getChanges().get(uri));
        List<Diagnostic> next = session.change(uri, fixed);
        assertEquals(1, next.size(), next.toString());
        assertEquals("no-match", next.get(0).getCode().getLeft());
        List<CodeAction> selectorFix = session.documents.codeAction(new CodeActionParams(new TextDocumentIdentifier(uri),
                new TextPositions(fixed).whole(), new CodeActionContext(next))).get().stream().map(e -> e.getRight()).toList();
        assertEquals("Change to \"features.*.*\"", selectorFix.get(0).getTitle());
        assertEquals(List.of(), session.change(uri, apply(fixed, selectorFix.get(0).getEdit().getChanges().get(uri))));
    }

    private static String apply(String text, List<TextEdit> edits) {
        assertEquals(1, edits.size());
        TextPositions positions = new TextPositions(text);
        TextEdit edit = edits.get(0);
        return text.substring(0, positions.offset(edit.getRange().getStart())) + edit.getNewText()
                + text.substring(positions.offset(edit.getRange().getEnd()));
    }

    @Test
    void symbolsAreRecipesSectionsAndDeclarations() throws Exception {
        String text = Files.readString(QUICKSTART);
        String uri = Session.uri(QUICKSTART);
        session.open(uri, text);
        List<DocumentSymbol> symbols = session.documents.documentSymbol(new DocumentSymbolParams(new TextDocumentIdentifier(uri))).get()
                .stream().map(e -> e.getRight()).toList();
        assertEquals(List.of("recipe quickstart"), symbols.stream().map(DocumentSymbol::getName).toList());
        List<String> children = symbols.get(0).getChildren().stream().map(DocumentSymbol::getName).toList();
        assertEquals(List.of("seed", "model convnext", "data fashion_mnist", "train baseline", "space", "train supernet", "search exhaustive",
                "train subnet", "merge", "export onnx"), children);
    }

    @Test
    void semanticTokensComeFromTheLexer() throws Exception {
        String text = "prune 1\n/* two\nlines */ recipe r { seed 7 }\n";
        String uri = "untitled:tokens";
        session.open(uri, text);
        List<Integer> data = session.documents.semanticTokensFull(new SemanticTokensParams(new TextDocumentIdentifier(uri))).get().getData();
        // (line delta, column delta, length, type): prune, 1, the comment's two lines, recipe, r, {, seed, 7, }
        List<String> types = Edits.TOKEN_TYPES;
        List<List<Object>> decoded = new java.util.ArrayList<>();
        for (int i = 0; i < data.size(); i += 5) {
            decoded.add(List.of(data.get(i), data.get(i + 1), data.get(i + 2), types.get(data.get(i + 3))));
        }
        assertEquals(List.of(List.of(0, 0, 5, "keyword"), List.of(0, 6, 1, "number"), List.of(1, 0, 6, "comment"), List.of(1, 0, 8, "comment"),
                List.of(0, 9, 6, "keyword"), List.of(0, 7, 1, "variable"), List.of(0, 2, 1, "operator"), List.of(0, 2, 4, "keyword"),
                List.of(0, 5, 1, "number"), List.of(0, 2, 1, "operator")), decoded);
    }

    private static List<String> labels(List<CompletionItem> items) {
        return items.stream().map(CompletionItem::getLabel).toList();
    }

    private static String markdown(Hover hover) {
        assertFalse(hover == null, "a hover");
        return hover.getContents().getRight().getValue();
    }
}
