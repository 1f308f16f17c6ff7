package dev.prune.lang;

import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;

/** Spans from ANTLR tokens and contexts; package-private so that ANTLR types stay in this package. */
final class Spans {

    private Spans() {
    }

    static Span of(String file, Token token) {
        int line = Math.max(1, token.getLine());
        int column = token.getCharPositionInLine() + 1;
        if (token.getType() == Token.EOF) {
            return new Span(file, line, column, line, column, Math.max(0, token.getStartIndex()), Math.max(0, token.getStartIndex()));
        }
        return new Span(file, line, column, endLine(token), endColumn(token), token.getStartIndex(), token.getStopIndex() + 1);
    }

    static Span of(String file, ParserRuleContext context) {
        Token start = context.getStart();
        Token stop = context.getStop() == null || context.getStop().getTokenIndex() < start.getTokenIndex()
                ? start : context.getStop();
        Span first = of(file, start);
        Span last = of(file, stop);
        return first.to(last);
    }

    private static int endLine(Token token) {
        String text = token.getText();
        int lines = (int) text.chars().filter(c -> c == '\n').count();
        return token.getLine() + lines;
    }

    private static int endColumn(Token token) {
        String text = token.getText();
        int lastNewline = text.lastIndexOf('\n');
        if (lastNewline < 0) {
            return token.getCharPositionInLine() + text.length();
        }
        return Math.max(1, text.length() - lastNewline - 1);
    }
}
