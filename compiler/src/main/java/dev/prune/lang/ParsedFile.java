package dev.prune.lang;

import java.util.List;
import java.util.Optional;

/**
 * What parsing one source gives: the AST when the text was free of syntax errors, the comments, and the
 * syntax diagnostics.
 */
public record ParsedFile(Source source, Optional<SpecFile> ast, List<Comment> comments, List<Diagnostic> diagnostics) {

    public ParsedFile {
        comments = List.copyOf(comments);
        diagnostics = List.copyOf(diagnostics);
    }

    public boolean ok() {
        return ast.isPresent() && diagnostics.stream().noneMatch(Diagnostic::isError);
    }
}
