package dev.prune.lsp;

import dev.prune.grammar.PruneLexer;
import dev.prune.lang.Formatter;
import dev.prune.lang.ParsedFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.antlr.v4.runtime.Token;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.SemanticTokensLegend;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceEdit;

/** Formatting, quick fixes and semantic tokens: edits and colours computed from the text. */
final class Edits {

    /** {@code did you mean 'epochs'?}, or for selectors {@code did you mean "a.*" or "b.*"?}. */
    private static final Pattern DID_YOU_MEAN = Pattern.compile("did you mean ('([^']+)'|\"([^\"]+)\")");

    static final List<String> TOKEN_TYPES = List.of("keyword", "number", "string", "comment", "operator", "variable");
    static final SemanticTokensLegend LEGEND = new SemanticTokensLegend(TOKEN_TYPES, List.of());

    private Edits() {
    }

    /** One edit replacing the whole document with its canonical form; none when it does not parse or is canonical already. */
    static List<TextEdit> format(Analysis analysis) {
        ParsedFile parsed = analysis.parsed();
        if (!parsed.ok()) {
            return List.of();
        }
        String formatted = Formatter.format(parsed);
        if (formatted.equals(analysis.text().text())) {
            return List.of();
        }
        return List.of(new TextEdit(analysis.text().whole(), formatted));
    }

    /** A quick fix for each diagnostic whose help suggests a name: replace what the diagnostic points at. */
    static List<CodeAction> quickFixes(String uri, List<Diagnostic> diagnostics) {
        List<CodeAction> actions = new ArrayList<>();
        for (Diagnostic diagnostic : diagnostics) {
            var message = diagnostic.getMessage();
            Matcher matcher = DID_YOU_MEAN.matcher(message.isLeft() ? message.getLeft() : message.getRight().getValue());
            if (!matcher.find()) {
                continue;
            }
            String replacement = matcher.group(2) != null ? matcher.group(2) : "\"" + matcher.group(3) + "\"";
            CodeAction action = new CodeAction("Change to " + replacement);
            action.setKind(CodeActionKind.QuickFix);
            action.setDiagnostics(List.of(diagnostic));
            action.setIsPreferred(true);
            action.setEdit(new WorkspaceEdit(Map.of(uri, List.of(new TextEdit(diagnostic.getRange(), replacement)))));
            actions.add(action);
        }
        return actions;
    }

    /** Semantic tokens from the lexer, LSP's relative encoding; a block comment spanning lines gives one token per line. */
    static List<Integer> semanticTokens(String text) {
        List<Integer> data = new ArrayList<>();
        TextPositions positions = new TextPositions(text);
        int lastLine = 0;
        int lastColumn = 0;
        for (Token token : CursorContext.lex(text)) {
            int type = typeOf(token);
            if (type < 0) {
                continue;
            }
            int start = token.getStartIndex();
            int end = token.getStopIndex() + 1;
            while (start < end) {
                int lineEnd = text.indexOf('\n', start);
                int pieceEnd = lineEnd < 0 || lineEnd > end ? end : lineEnd;
                org.eclipse.lsp4j.Position at = positions.position(start);
                if (pieceEnd > start) {
                    data.add(at.getLine() - lastLine);
                    data.add(at.getLine() == lastLine ? at.getCharacter() - lastColumn : at.getCharacter());
                    data.add(pieceEnd - start);
                    data.add(type);
                    data.add(0);
                    lastLine = at.getLine();
                    lastColumn = at.getCharacter();
                }
                start = pieceEnd + 1;
            }
        }
        return data;
    }

    private static int typeOf(Token token) {
        switch (token.getType()) {
            case PruneLexer.INT, PruneLexer.FLOAT:
                return TOKEN_TYPES.indexOf("number");
            case PruneLexer.STRING, PruneLexer.UNTERMINATED_STRING:
                return TOKEN_TYPES.indexOf("string");
            case PruneLexer.LINE_COMMENT, PruneLexer.BLOCK_COMMENT, PruneLexer.UNTERMINATED_COMMENT:
                return TOKEN_TYPES.indexOf("comment");
            case PruneLexer.IDENTIFIER:
                return TOKEN_TYPES.indexOf("variable");
            case PruneLexer.WHITESPACE, PruneLexer.UNEXPECTED_CHAR:
                return -1;
            default:
                return CursorContext.isWord(token) ? TOKEN_TYPES.indexOf("keyword") : TOKEN_TYPES.indexOf("operator");
        }
    }
}
