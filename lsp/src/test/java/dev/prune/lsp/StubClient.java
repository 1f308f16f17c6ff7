package dev.prune.lsp;

import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.services.LanguageClient;

/** An editor that only listens: it keeps what the server publishes. */
final class StubClient implements LanguageClient {

    final BlockingQueue<PublishDiagnosticsParams> published = new LinkedBlockingQueue<>();
    final Map<String, List<Diagnostic>> latest = new ConcurrentHashMap<>();

    @Override
    public void publishDiagnostics(PublishDiagnosticsParams diagnostics) {
        latest.put(diagnostics.getUri(), diagnostics.getDiagnostics());
        published.add(diagnostics);
    }

    /** The next diagnostics published for {@code uri}, waiting for them (a check runs on the server's thread). */
    List<Diagnostic> next(String uri) throws InterruptedException {
        while (true) {
            PublishDiagnosticsParams params = published.poll(60, TimeUnit.SECONDS);
            if (params == null) {
                throw new AssertionError("no diagnostics published for " + uri);
            }
            if (params.getUri().equals(uri)) {
                return params.getDiagnostics();
            }
        }
    }

    /**
     * The diagnostics of {@code uri}: those already published, else the next ones. The server publishes an
     * imported file's diagnostics and the importing file's in either order, so a test must not assume one.
     */
    List<Diagnostic> publishedOrNext(String uri) throws InterruptedException {
        List<Diagnostic> known = latest.get(uri);
        return known != null ? known : next(uri);
    }

    @Override
    public void telemetryEvent(Object object) {
    }

    @Override
    public void showMessage(MessageParams messageParams) {
    }

    @Override
    public CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams requestParams) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void logMessage(MessageParams message) {
    }
}
