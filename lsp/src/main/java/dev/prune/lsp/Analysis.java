package dev.prune.lsp;

import dev.prune.lang.BlockCatalog.BlockInfo;
import dev.prune.lang.BlockCatalog.Payoff;
import dev.prune.lang.Diagnostic;
import dev.prune.lang.Module;
import dev.prune.lang.ParsedFile;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the server knows about one open document after checking it.
 *
 * @param parsed the document itself, parsed (its AST is absent when it has syntax errors)
 * @param module the document with its imports, when every file parsed
 * @param diagnostics every diagnostic of the document and of the files it imports, as {@code prune check} gives them
 * @param blocks the blocks of the recipe's model, as the checker resolved them (empty when it never got that far)
 * @param payoffs for each prunable block, whether its merge pays under the recipe's transform and rules (when the checker judged it)
 */
record Analysis(String uri, TextPositions text, ParsedFile parsed, Optional<Module> module, List<Diagnostic> diagnostics,
        List<BlockInfo> blocks, Map<String, Payoff> payoffs) {
}
