package dev.prune.lsp;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.eclipse.lsp4j.CompletionOptions;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.SemanticTokensWithRegistrationOptions;
import org.eclipse.lsp4j.ServerCapabilities;
import org.eclipse.lsp4j.ServerInfo;
import org.eclipse.lsp4j.TextDocumentSyncKind;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageClientAware;
import org.eclipse.lsp4j.services.LanguageServer;
import org.eclipse.lsp4j.services.TextDocumentService;
import org.eclipse.lsp4j.services.WorkspaceService;

/** The .prune language server: {@code prune lsp} runs it over stdin and stdout. */
public final class PruneLanguageServer implements LanguageServer, LanguageClientAware {

    /** How long typing must pause before a changed document is checked. */
    public static final long DEBOUNCE_MILLIS = 200;

    private final PruneTextDocumentService documents;
    private final WorkspaceService workspace = new WorkspaceService() {
        @Override
        public void didChangeConfiguration(org.eclipse.lsp4j.DidChangeConfigurationParams params) {
        }

        @Override
        public void didChangeWatchedFiles(org.eclipse.lsp4j.DidChangeWatchedFilesParams params) {
        }
    };
    private volatile boolean shutdown;

    public PruneLanguageServer() {
        this(DEBOUNCE_MILLIS);
    }

    PruneLanguageServer(long debounceMillis) {
        documents = new PruneTextDocumentService(debounceMillis);
    }

    /** Serves one client over a pair of streams until it exits; returns the exit code the protocol asks for. */
    public static int serve(InputStream in, OutputStream out) throws InterruptedException {
        PruneLanguageServer server = new PruneLanguageServer();
        Launcher<LanguageClient> launcher = LSPLauncher.createServerLauncher(server, in, out);
        server.connect(launcher.getRemoteProxy());
        try {
            launcher.startListening().get();
        } catch (ExecutionException e) {
            return 1;
        }
        return server.shutdown ? 0 : 1;
    }

    @Override
    public void connect(LanguageClient client) {
        documents.connect(client);
    }

    @Override
    public CompletableFuture<InitializeResult> initialize(InitializeParams params) {
        ServerCapabilities capabilities = new ServerCapabilities();
        capabilities.setTextDocumentSync(TextDocumentSyncKind.Full);
        capabilities.setCompletionProvider(new CompletionOptions(false, List.of("\"", ".", "(", ",")));
        capabilities.setHoverProvider(true);
        capabilities.setDefinitionProvider(true);
        capabilities.setDocumentSymbolProvider(true);
        capabilities.setDocumentFormattingProvider(true);
        capabilities.setCodeActionProvider(true);
        capabilities.setSemanticTokensProvider(new SemanticTokensWithRegistrationOptions(Edits.LEGEND, true));
        return CompletableFuture.completedFuture(new InitializeResult(capabilities, new ServerInfo("prune", version())));
    }

    private static String version() {
        String version = PruneLanguageServer.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }

    @Override
    public CompletableFuture<Object> shutdown() {
        shutdown = true;
        documents.shutdown();
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void exit() {
        // The launcher's listening future ends when the client closes the stream; serve() then returns.
    }

    @Override
    public TextDocumentService getTextDocumentService() {
        return documents;
    }

    @Override
    public WorkspaceService getWorkspaceService() {
        return workspace;
    }
}
