package dev.prune.lang;

import dev.prune.grammar.PruneLexer;
import dev.prune.grammar.PruneParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.ParseCancellationException;

/**
 * The one way from text to AST. ANTLR's types stay inside this package: the lexer and parser are set up
 * here with our error reporting, and the tree is handed to {@link AstBuilder}.
 */
public final class SpecParser {

    private SpecParser() {
    }

    public static ParsedFile parse(Source source) {
        Diagnostics diagnostics = new Diagnostics();
        PruneLexer lexer = new PruneLexer(CharStreams.fromString(source.text(), source.name()));
        lexer.removeErrorListeners();
        CommonTokenStream tokens = new CommonTokenStream(lexer);
        tokens.fill();
        List<Comment> comments = collectComments(source.name(), tokens.getTokens());

        PruneParser.FileContext tree = parseTree(source, tokens, diagnostics);
        if (diagnostics.hasErrors()) {
            return new ParsedFile(source, Optional.empty(), comments, diagnostics.sorted());
        }
        SpecFile ast = new AstBuilder(source.name()).build(tree);
        return new ParsedFile(source, Optional.of(ast), comments, diagnostics.sorted());
    }

    /** Parses one expression, such as the value of {@code --set path=value}. */
    public static Optional<Expr> parseExpression(Source source, Diagnostics diagnostics) {
        PruneLexer lexer = new PruneLexer(CharStreams.fromString(source.text(), source.name()));
        lexer.removeErrorListeners();
        PruneParser parser = new PruneParser(new CommonTokenStream(lexer));
        parser.removeErrorListeners();
        parser.setErrorHandler(new SyntaxErrorStrategy());
        Diagnostics local = new Diagnostics();
        parser.addErrorListener(new Listener(source.name(), local));
        PruneParser.StandaloneExprContext tree = parser.standaloneExpr();
        diagnostics.addAll(local.sorted());
        if (local.hasErrors()) {
            return Optional.empty();
        }
        return Optional.of(new AstBuilder(source.name()).expression(tree.expr()));
    }

    /**
     * Parses with the fast SLL strategy first and falls back to full LL only when SLL fails, which is
     * rare for this grammar; syntax errors are then reported by the LL pass, with recovery.
     */
    private static PruneParser.FileContext parseTree(Source source, CommonTokenStream tokens, Diagnostics diagnostics) {
        PruneParser parser = new PruneParser(tokens);
        parser.removeErrorListeners();
        parser.setErrorHandler(new org.antlr.v4.runtime.BailErrorStrategy());
        parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
        try {
            return parser.file();
        } catch (ParseCancellationException fastPathFailed) {
            tokens.seek(0);
            parser.reset();
            parser.getInterpreter().setPredictionMode(PredictionMode.LL);
            parser.setErrorHandler(new SyntaxErrorStrategy());
            parser.addErrorListener(new Listener(source.name(), diagnostics));
            return parser.file();
        }
    }

    private static List<Comment> collectComments(String file, List<Token> tokens) {
        List<Comment> comments = new ArrayList<>();
        for (Token token : tokens) {
            if (token.getType() == PruneLexer.LINE_COMMENT || token.getType() == PruneLexer.BLOCK_COMMENT) {
                comments.add(new Comment(Spans.of(file, token), token.getText()));
            }
        }
        return comments;
    }

    /** Turns the strategy's messages into diagnostics positioned at the offending token. */
    private static final class Listener extends BaseErrorListener {
        private final String file;
        private final Diagnostics diagnostics;

        Listener(String file, Diagnostics diagnostics) {
            this.file = file;
            this.diagnostics = diagnostics;
        }

        @Override
        public void syntaxError(Recognizer<?, ?> recognizer, Object offendingSymbol, int line, int column,
                String message, RecognitionException e) {
            Span span = offendingSymbol instanceof Token token ? Spans.of(file, token)
                    : new Span(file, line, column + 1, line, column + 1, 0, 0);
            String[] parts = message.split("\n", -1);
            String[] help = java.util.Arrays.copyOfRange(parts, 1, parts.length);
            diagnostics.error("syntax", span, parts[0], help);
        }
    }
}
