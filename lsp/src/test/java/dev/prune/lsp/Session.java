package dev.prune.lsp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;

/** A server in this JVM with a stub client, and the calls tests make on it. */
final class Session {

    final StubClient client = new StubClient();
    final PruneLanguageServer server = new PruneLanguageServer(0);
    final PruneTextDocumentService documents = (PruneTextDocumentService) server.getTextDocumentService();
    private int version = 1;

    Session() {
        server.connect(client);
    }

    static Path example(String name) {
        return Path.of("..", "examples", name).toAbsolutePath().normalize();
    }

    static String uri(Path file) {
        return file.toAbsolutePath().normalize().toUri().toString();
    }

    /** Opens a file as an editor does and returns the diagnostics published for it. */
    List<Diagnostic> open(Path file) throws IOException, InterruptedException {
        return open(uri(file), Files.readString(file));
    }

    List<Diagnostic> open(String uri, String text) throws InterruptedException {
        documents.didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "prune", version++, text)));
        return client.next(uri);
    }

    List<Diagnostic> change(String uri, String text) throws InterruptedException {
        documents.didChange(new DidChangeTextDocumentParams(new VersionedTextDocumentIdentifier(uri, version++),
                List.of(new TextDocumentContentChangeEvent(text))));
        return client.next(uri);
    }

    List<CompletionItem> complete(String uri, Position at) throws Exception {
        return documents.completion(new CompletionParams(new TextDocumentIdentifier(uri), at)).get().getLeft();
    }

    Hover hover(String uri, Position at) throws Exception {
        return documents.hover(new HoverParams(new TextDocumentIdentifier(uri), at)).get();
    }

    /** The position of the {@code n}-th (0-based) occurrence of {@code needle}, plus {@code shift} characters. */
    static Position find(String text, String needle, int n, int shift) {
        int at = -1;
        for (int i = 0; i <= n; i++) {
            at = text.indexOf(needle, at + 1);
            if (at < 0) {
                throw new AssertionError("'" + needle + "' not found");
            }
        }
        return new TextPositions(text).position(at + shift);
    }
}
