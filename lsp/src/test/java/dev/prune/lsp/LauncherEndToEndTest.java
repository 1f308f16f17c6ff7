package dev.prune.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageServer;
import org.junit.jupiter.api.Test;

/** The server as {@code prune lsp} runs it, driven through LSP4J's client launcher over piped streams: real JSON-RPC. */
class LauncherEndToEndTest {

    @Test
    void anEditorSessionOverJsonRpc() throws Exception {
        // NIO pipes, not java.io's Piped streams: those fail ("write end dead") once a thread that wrote has ended,
        // and the server answers from pooled threads.
        Pipe toServer = Pipe.open();
        Pipe toClient = Pipe.open();
        InputStream serverIn = Channels.newInputStream(toServer.source());
        OutputStream clientOut = Channels.newOutputStream(toServer.sink());
        InputStream clientIn = Channels.newInputStream(toClient.source());
        OutputStream serverOut = Channels.newOutputStream(toClient.sink());
        CompletableFuture<Integer> served = CompletableFuture.supplyAsync(() -> {
            try {
                return PruneLanguageServer.serve(serverIn, serverOut);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        StubClient client = new StubClient();
        Launcher<LanguageServer> launcher = LSPLauncher.createClientLauncher(client, clientIn, clientOut);
        launcher.startListening();
        LanguageServer server = launcher.getRemoteProxy();

        InitializeParams init = new InitializeParams();
        init.setCapabilities(new ClientCapabilities());
        InitializeResult result = server.initialize(init).get(60, TimeUnit.SECONDS);
        assertTrue(result.getCapabilities().getHoverProvider().getLeft());
        assertEquals("prune", result.getServerInfo().getName());
        server.initialized(new InitializedParams());

        Path quickstart = Session.example("quickstart.prune");
        String text = Files.readString(quickstart).replace("batch 128", "bach 128");
        String uri = Session.uri(quickstart);
        server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "prune", 1, text)));
        List<Diagnostic> diagnostics = client.next(uri);
        assertEquals(1, diagnostics.size(), diagnostics.toString());
        assertEquals("unknown-setting", diagnostics.get(0).getCode().getLeft());
        assertTrue(diagnostics.get(0).getMessage().getLeft().endsWith("did you mean 'batch'?"));

        List<CompletionItem> items = server.getTextDocumentService()
                .completion(new CompletionParams(new TextDocumentIdentifier(uri), Session.find(text, "  }\n  train baseline", 0, 2)))
                .get(60, TimeUnit.SECONDS).getLeft();
        assertTrue(items.stream().anyMatch(i -> i.getLabel().equals("workers")), items.toString());
        String hover = server.getTextDocumentService().hover(new HoverParams(new TextDocumentIdentifier(uri), Session.find(text, "hflip", 0, 1)))
                .get(60, TimeUnit.SECONDS).getContents().getRight().getValue();
        assertTrue(hover.startsWith("`hflip(p)`: flip left-right"), hover);

        server.shutdown().get(60, TimeUnit.SECONDS);
        server.exit();
        clientOut.close();
        assertEquals(0, served.get(60, TimeUnit.SECONDS), "a clean shutdown exits 0");
    }
}
