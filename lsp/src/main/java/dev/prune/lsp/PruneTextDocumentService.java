package dev.prune.lsp;

import dev.prune.lang.BlockCatalog;
import dev.prune.lang.Severity;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionList;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.DefinitionParams;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DidSaveTextDocumentParams;
import org.eclipse.lsp4j.DocumentFormattingParams;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.LocationLink;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.SemanticTokens;
import org.eclipse.lsp4j.SemanticTokensParams;
import org.eclipse.lsp4j.SymbolInformation;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.TextDocumentService;

/**
 * The documents an editor has open, checked as {@code prune check} checks files. Edits are debounced:
 * a document is checked once typing pauses, and its diagnostics (with those of the files it imports)
 * are published all at once. Requests read the document's latest text.
 */
final class PruneTextDocumentService implements TextDocumentService {

    private final Analyzer analyzer = new Analyzer(BlockCatalog.standard());
    private final Map<String, String> texts = new ConcurrentHashMap<>();
    private final Map<String, Analysis> analyses = new ConcurrentHashMap<>();
    private final Map<String, ScheduledFuture<?>> pending = new ConcurrentHashMap<>();
    /** For each open document, the files its last diagnostics went to, so that fixed files are cleared. */
    private final Map<String, Set<String>> published = new ConcurrentHashMap<>();
    private final ScheduledExecutorService checker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "prune-lsp-check");
        thread.setDaemon(true);
        return thread;
    });
    private final long debounceMillis;
    private volatile LanguageClient client;

    PruneTextDocumentService(long debounceMillis) {
        this.debounceMillis = debounceMillis;
    }

    void connect(LanguageClient client) {
        this.client = client;
    }

    void shutdown() {
        checker.shutdownNow();
    }

    @Override
    public void didOpen(DidOpenTextDocumentParams params) {
        texts.put(params.getTextDocument().getUri(), params.getTextDocument().getText());
        schedule(params.getTextDocument().getUri(), 0);
    }

    @Override
    public void didChange(DidChangeTextDocumentParams params) {
        String uri = params.getTextDocument().getUri();
        // Full synchronisation: the last change holds the whole text.
        texts.put(uri, params.getContentChanges().get(params.getContentChanges().size() - 1).getText());
        analyses.remove(uri);
        schedule(uri, debounceMillis);
    }

    @Override
    public void didClose(DidCloseTextDocumentParams params) {
        String uri = params.getTextDocument().getUri();
        texts.remove(uri);
        analyses.remove(uri);
        ScheduledFuture<?> waiting = pending.remove(uri);
        if (waiting != null) {
            waiting.cancel(false);
        }
        Set<String> files = published.remove(uri);
        if (files != null && client != null) {
            files.forEach(f -> client.publishDiagnostics(new PublishDiagnosticsParams(f, List.of())));
        }
    }

    @Override
    public void didSave(DidSaveTextDocumentParams params) {
        // Imported files may have changed on disk: check every open document again.
        texts.keySet().forEach(uri -> schedule(uri, 0));
    }

    private void schedule(String uri, long delay) {
        ScheduledFuture<?> previous = pending.put(uri, checker.schedule(() -> publish(uri), delay, TimeUnit.MILLISECONDS));
        if (previous != null) {
            previous.cancel(false);
        }
    }

    /** Checks a document and publishes its diagnostics, grouped by the file each belongs to. */
    private void publish(String uri) {
        String text = texts.get(uri);
        if (text == null) {
            return;
        }
        Analysis analysis = analyze(uri, text);
        Map<String, List<Diagnostic>> byFile = new LinkedHashMap<>();
        byFile.put(uri, new ArrayList<>());
        for (dev.prune.lang.Diagnostic diagnostic : analysis.diagnostics()) {
            String file = Analyzer.uriOf(diagnostic.span().file(), uri);
            // Problems in the standard library (inside the jar) are shown at the document's first line.
            byFile.computeIfAbsent(file == null ? uri : file, f -> new ArrayList<>()).add(toLsp(diagnostic, file == null));
        }
        Set<String> before = published.getOrDefault(uri, Set.of());
        published.put(uri, new HashSet<>(byFile.keySet()));
        LanguageClient target = client;
        if (target == null) {
            return;
        }
        for (String stale : before) {
            if (!byFile.containsKey(stale)) {
                target.publishDiagnostics(new PublishDiagnosticsParams(stale, List.of()));
            }
        }
        // The document's own diagnostics go last: once they arrive, those of its imports are there too.
        byFile.forEach((file, list) -> {
            if (!file.equals(uri)) {
                target.publishDiagnostics(new PublishDiagnosticsParams(file, list));
            }
        });
        target.publishDiagnostics(new PublishDiagnosticsParams(uri, byFile.get(uri)));
    }

    static Diagnostic toLsp(dev.prune.lang.Diagnostic diagnostic, boolean elsewhere) {
        StringBuilder message = new StringBuilder(elsewhere ? diagnostic.span() + ": " : "").append(diagnostic.message());
        diagnostic.help().forEach(h -> message.append('\n').append(h));
        org.eclipse.lsp4j.Range range = elsewhere ? new org.eclipse.lsp4j.Range(new org.eclipse.lsp4j.Position(0, 0),
                new org.eclipse.lsp4j.Position(0, 0)) : TextPositions.range(diagnostic.span());
        Diagnostic out = new Diagnostic(range, message.toString(),
                diagnostic.severity() == Severity.ERROR ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning, "prune");
        out.setCode(diagnostic.code());
        return out;
    }

    /** The analysis of the latest text, computed now if the debounced check has not run yet. */
    Analysis analysis(String uri) {
        String text = texts.getOrDefault(uri, "");
        Analysis current = analyses.get(uri);
        if (current != null && current.text().text().equals(text)) {
            return current;
        }
        return analyze(uri, text);
    }

    private Analysis analyze(String uri, String text) {
        Analysis fresh = analyzer.analyze(uri, text);
        Analysis previous = analyses.get(uri);
        if (fresh.blocks().isEmpty() && previous != null && !previous.blocks().isEmpty()) {
            // While a recipe is being edited it may not reach the model's blocks: keep the last ones known.
            fresh = new Analysis(uri, fresh.text(), fresh.parsed(), fresh.module(), fresh.diagnostics(), previous.blocks(), previous.payoffs());
        }
        if (text.equals(texts.get(uri))) {
            analyses.put(uri, fresh);
        }
        return fresh;
    }

    private int offset(Analysis analysis, org.eclipse.lsp4j.Position position) {
        return analysis.text().offset(position);
    }

    @Override
    public CompletableFuture<Either<List<CompletionItem>, CompletionList>> completion(CompletionParams params) {
        return CompletableFuture.supplyAsync(() -> {
            Analysis analysis = analysis(params.getTextDocument().getUri());
            return Either.forLeft(Completions.at(analysis, offset(analysis, params.getPosition())));
        });
    }

    @Override
    public CompletableFuture<Hover> hover(HoverParams params) {
        return CompletableFuture.supplyAsync(() -> {
            Analysis analysis = analysis(params.getTextDocument().getUri());
            return Hovers.at(analysis, offset(analysis, params.getPosition())).orElse(null);
        });
    }

    @Override
    public CompletableFuture<Either<List<? extends Location>, List<? extends LocationLink>>> definition(DefinitionParams params) {
        return CompletableFuture.supplyAsync(() -> {
            Analysis analysis = analysis(params.getTextDocument().getUri());
            List<Location> found = Navigation.definition(analysis, offset(analysis, params.getPosition())).map(List::of).orElse(List.of());
            return Either.forLeft(found);
        });
    }

    @Override
    public CompletableFuture<List<Either<SymbolInformation, DocumentSymbol>>> documentSymbol(DocumentSymbolParams params) {
        return CompletableFuture.supplyAsync(() -> Navigation.symbols(analysis(params.getTextDocument().getUri())).stream()
                .map(s -> Either.<SymbolInformation, DocumentSymbol>forRight(s)).toList());
    }

    @Override
    public CompletableFuture<List<? extends TextEdit>> formatting(DocumentFormattingParams params) {
        return CompletableFuture.supplyAsync(() -> Edits.format(analysis(params.getTextDocument().getUri())));
    }

    @Override
    public CompletableFuture<List<Either<Command, CodeAction>>> codeAction(CodeActionParams params) {
        return CompletableFuture.supplyAsync(() -> Edits.quickFixes(params.getTextDocument().getUri(), params.getContext().getDiagnostics())
                .stream().map(a -> Either.<Command, CodeAction>forRight(a)).toList());
    }

    @Override
    public CompletableFuture<SemanticTokens> semanticTokensFull(SemanticTokensParams params) {
        return CompletableFuture.supplyAsync(() -> new SemanticTokens(Edits.semanticTokens(texts.getOrDefault(params.getTextDocument().getUri(), ""))));
    }
}
