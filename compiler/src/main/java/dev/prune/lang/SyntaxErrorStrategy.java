package dev.prune.lang;

import dev.prune.grammar.PruneLexer;
import dev.prune.grammar.PruneParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.antlr.v4.runtime.CommonToken;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.InputMismatchException;
import org.antlr.v4.runtime.NoViableAltException;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenStream;
import org.antlr.v4.runtime.atn.ATNState;
import org.antlr.v4.runtime.misc.IntervalSet;
import org.antlr.v4.runtime.tree.ParseTree;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * ANTLR's recovery (resynchronising on the follow set, so that one run lists many errors), with messages
 * in the language's words: {@code unexpected 'epocs'; expected a train setting (epochs, steps, ...) or '}'}.
 *
 * <p>Inside a braced body (a section, a recipe, a transform or rule set) a statement that does not belong
 * there is skipped as a whole, up to the next statement on a later line, so that one wrong statement gives
 * one error and the rest of the body is still read.
 */
final class SyntaxErrorStrategy extends DefaultErrorStrategy {

    /** More alternatives than this, when they are all names, read better as "a name". */
    private static final int MAX_LISTED = 14;

    /** Set once an error has swallowed text (a string not closed on its line), so that its cascade is not reported. */
    private boolean restOfFileUnreliable;

    /** Rules whose body is a loop of statements between braces: where a wrong statement is skipped whole. */
    private static final Set<Class<? extends ParserRuleContext>> BODIES = Set.of(
            PruneParser.RecipeDeclContext.class, PruneParser.ModelSectionContext.class, PruneParser.DataSectionContext.class,
            PruneParser.TrainSectionContext.class, PruneParser.SpaceSectionContext.class, PruneParser.SearchSectionContext.class,
            PruneParser.ExportSectionContext.class, PruneParser.RuntimeSectionContext.class,
            PruneParser.TransformDeclContext.class, PruneParser.RulesDeclContext.class,
            PruneParser.ExperimentDeclContext.class, PruneParser.ExperimentItemContext.class);

    @Override
    public void sync(Parser parser) throws org.antlr.v4.runtime.RecognitionException {
        ATNState state = parser.getInterpreter().atn.states.get(parser.getState());
        ParserRuleContext context = parser.getContext();
        boolean betweenStatements = BODIES.contains(context.getClass()) && context.children != null
                && context.children.stream().anyMatch(c -> c instanceof TerminalNode t && t.getText().equals("{"));
        if (!betweenStatements || inErrorRecoveryMode(parser)) {
            super.sync(parser);
            return;
        }
        TokenStream tokens = parser.getInputStream();
        IntervalSet next = parser.getATN().nextTokens(state);
        Token current = tokens.LT(1);
        if (next.contains(current.getType()) || current.getType() == Token.EOF) {
            return;
        }
        // A statement of an enclosing body on its own line (`space {` after an unclosed train section): leave
        // it to the closing brace's match, which reports the missing '}' and goes on.
        if (startsLine(tokens) && getErrorRecoverySet(parser).contains(current.getType())) {
            return;
        }
        beginErrorCondition(parser);
        report(parser, current, parser.getExpectedTokens());
        parser.consume();
        skipStatement(parser, next.or(getErrorRecoverySet(parser)));
    }

    /**
     * After an error inside a statement of a braced body, skips the rest of the statement, so that the rules
     * being parsed give up and the body goes on with its next statement. Outside any body, ANTLR's recovery.
     */
    @Override
    public void recover(Parser parser, org.antlr.v4.runtime.RecognitionException e) {
        if (!insideBody(parser.getContext())) {
            super.recover(parser, e);
            return;
        }
        TokenStream tokens = parser.getInputStream();
        // The same error again, with nothing consumed since: consume one token, or the parse would not move.
        if (lastErrorIndex == tokens.index() && lastErrorStates != null && lastErrorStates.contains(parser.getState())) {
            parser.consume();
        }
        lastErrorIndex = tokens.index();
        if (lastErrorStates == null) {
            lastErrorStates = new IntervalSet();
        }
        lastErrorStates.add(parser.getState());
        skipStatement(parser, getErrorRecoverySet(parser));
    }

    /**
     * While the rules of a wrong statement give up (after {@link #recover}), a missing token is not looked for
     * by deleting or inventing tokens: the rule just ends, and so on up to the body.
     */
    @Override
    public Token recoverInline(Parser parser) throws org.antlr.v4.runtime.RecognitionException {
        if (inErrorRecoveryMode(parser) && insideBody(parser.getContext())) {
            throw new InputMismatchException(parser);
        }
        return super.recoverInline(parser);
    }

    /** Whether the context, or one that encloses it, is a body whose '{' has been read. */
    private static boolean insideBody(ParserRuleContext context) {
        for (ParserRuleContext c = context; c != null; c = c.getParent()) {
            if (BODIES.contains(c.getClass()) && c.children != null
                    && c.children.stream().anyMatch(t -> t instanceof TerminalNode n && n.getText().equals("{"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Consumes the rest of a wrong statement: up to a name or keyword that may follow, at bracket depth 0, on
     * a later line or after ';' — or up to the body's closing brace.
     */
    private static void skipStatement(Parser parser, IntervalSet resume) {
        TokenStream tokens = parser.getInputStream();
        int depth = 0;
        while (tokens.LA(1) != Token.EOF) {
            int type = tokens.LA(1);
            String text = tokens.LT(1).getText();
            if (depth == 0 && text.equals("}")) {
                return;
            }
            boolean word = Character.isLetter(text.charAt(0)) || text.charAt(0) == '_';
            if (depth == 0 && word && resume.contains(type) && (startsLine(tokens) || tokens.LT(-1).getText().equals(";"))) {
                return;
            }
            switch (text) {
                case "(", "[", "{" -> depth++;
                case ")", "]", "}" -> depth = Math.max(0, depth - 1);
                default -> { }
            }
            parser.consume();
        }
    }

    /** Whether the next token is the first of its line (comments and spaces aside). */
    private static boolean startsLine(TokenStream tokens) {
        Token previous = tokens.LT(-1);
        return previous == null || previous.getLine() < tokens.LT(1).getLine();
    }

    @Override
    protected void reportNoViableAlternative(Parser parser, NoViableAltException e) {
        report(parser, e.getOffendingToken(), parser.getExpectedTokens());
    }

    @Override
    protected void reportInputMismatch(Parser parser, InputMismatchException e) {
        report(parser, e.getOffendingToken(), e.getExpectedTokens());
    }

    @Override
    protected void reportUnwantedToken(Parser parser) {
        if (inErrorRecoveryMode(parser)) {
            return;
        }
        beginErrorCondition(parser);
        report(parser, parser.getCurrentToken(), getExpectedTokens(parser));
    }

    @Override
    protected void reportMissingToken(Parser parser) {
        if (inErrorRecoveryMode(parser)) {
            return;
        }
        beginErrorCondition(parser);
        report(parser, parser.getCurrentToken(), getExpectedTokens(parser));
    }

    private void report(Parser parser, Token offending, IntervalSet expected) {
        if (restOfFileUnreliable) {
            return;
        }
        String message;
        String help;
        if (offending.getType() == PruneLexer.UNTERMINATED_STRING) {
            // The token runs to the end of its line and takes the line's brackets with it: what the parser says
            // after it is a cascade, so it is the last error of the file.
            restOfFileUnreliable = true;
            Optional<String> escape = badEscape(offending.getText());
            message = escape.map(e -> "unknown escape '" + e + "' in a string").orElse("string not closed on its line");
            help = escape.isPresent() ? "a string may contain \\\" \\\\ \\n \\r \\t; syntax errors after this one are not reported"
                    : "close the string with \" on the same line; syntax errors after this one are not reported";
        } else {
            message = describeOffending(offending) + "; expected " + describeExpected(parser, expected);
            help = helpFor(parser.getContext(), offending);
        }
        Token at = offending.getType() == Token.EOF ? endOfText(parser.getInputStream(), offending) : offending;
        parser.notifyErrorListeners(at, help.isEmpty() ? message : message + "\n" + help, null);
    }

    /** The end of file, placed just after the last token so that the caret sits where the text stops. */
    private static Token endOfText(TokenStream tokens, Token eof) {
        Token last = null;
        for (int i = eof.getTokenIndex() - 1; i >= 0; i--) {
            Token t = tokens.get(i);
            if (t.getChannel() == Token.DEFAULT_CHANNEL || t.getType() == PruneLexer.UNTERMINATED_COMMENT) {
                last = t;
                break;
            }
        }
        if (last == null || last.getText().contains("\n")) {
            return eof;
        }
        CommonToken at = new CommonToken(eof);
        at.setLine(last.getLine());
        at.setCharPositionInLine(last.getCharPositionInLine() + last.getText().length());
        at.setStartIndex(last.getStopIndex() + 1);
        at.setStopIndex(last.getStopIndex());
        return at;
    }

    static String describeOffending(Token token) {
        return switch (token.getType()) {
            case Token.EOF -> "unexpected end of file";
            case PruneLexer.UNTERMINATED_STRING -> "malformed string " + token.getText();
            case PruneLexer.UNTERMINATED_COMMENT -> "unterminated block comment";
            case PruneLexer.UNEXPECTED_CHAR -> "unexpected character '" + token.getText() + "'";
            default -> "unexpected '" + token.getText() + "'";
        };
    }

    private static String describeExpected(Parser parser, IntervalSet expected) {
        Set<String> keywords = new TreeSet<>();
        List<String> others = new ArrayList<>();
        boolean name = false;
        boolean value = false;
        for (int type : expected.toArray()) {
            switch (type) {
                case PruneLexer.IDENTIFIER -> name = true;
                case PruneLexer.INT, PruneLexer.FLOAT, PruneLexer.STRING -> value = true;
                case Token.EOF -> others.add("end of file");
                default -> {
                    String literal = parser.getVocabulary().getLiteralName(type);
                    if (literal == null) {
                        continue;
                    }
                    String word = literal.substring(1, literal.length() - 1);
                    if (Character.isLetter(word.charAt(0))) {
                        keywords.add(word);
                    } else if (!(value && (word.equals("[") || word.equals("(") || word.equals("-")))) {
                        others.add(literal);
                    }
                }
            }
        }
        if (value) {
            others.removeIf(o -> o.equals("'['") || o.equals("'('") || o.equals("'-'"));
        }
        List<String> parts = new ArrayList<>();
        if (value) {
            parts.add("a value");
            keywords.clear();
        } else if (name && keywords.size() > MAX_LISTED) {
            parts.add("a name");
            keywords.clear();
        } else if (!keywords.isEmpty()) {
            parts.add(String.join(", ", keywords));
        } else if (name) {
            parts.add("a name");
        }
        parts.addAll(others);
        if (parts.isEmpty()) {
            return "something else";
        }
        if (parts.size() == 1) {
            return parts.get(0);
        }
        return String.join(", ", parts.subList(0, parts.size() - 1)) + " or " + parts.get(parts.size() - 1);
    }

    /** A hint for common slips, in the context where they happen. */
    private static String helpFor(ParserRuleContext context, Token offending) {
        Optional<String> elsewhere = sectionOfSetting(offending.getText());
        if (elsewhere.isPresent() && BODIES.contains(context.getClass()) && !(context instanceof PruneParser.RecipeDeclContext)) {
            return "'" + offending.getText() + "' is a setting of the " + elsewhere.get() + " section";
        }
        Optional<Token> unclosed = unclosedBrace(context);
        if (unclosed.isPresent() && (offending.getType() == Token.EOF || isRecipeItemKeyword(offending))) {
            return "the '{' at line " + unclosed.get().getLine() + " is not closed";
        }
        if (offending.getType() == PruneLexer.UNTERMINATED_COMMENT) {
            return "close the comment with */";
        }
        if ("=".equals(offending.getText()) || ":".equals(offending.getText())) {
            if (!(context instanceof PruneParser.LetDeclContext) && !(context instanceof PruneParser.ArgumentContext)) {
                return "settings are written without '=' or ':', e.g. 'epochs 3'";
            }
        }
        return "";
    }

    /** The first escape other than \\" \\\\ \\n \\r \\t in a string's text, if any. */
    private static Optional<String> badEscape(String text) {
        for (int i = 0; i + 1 < text.length(); i++) {
            if (text.charAt(i) == '\\') {
                if ("\"\\nrt".indexOf(text.charAt(i + 1)) < 0) {
                    return Optional.of(text.substring(i, i + 2));
                }
                i++;
            }
        }
        return Optional.empty();
    }

    /** The innermost '{' that the rules being parsed have opened and not yet closed. */
    private static Optional<Token> unclosedBrace(ParserRuleContext context) {
        for (ParserRuleContext c = context; c != null; c = c.getParent()) {
            Token open = null;
            boolean closed = false;
            for (int i = 0; i < c.getChildCount(); i++) {
                ParseTree child = c.getChild(i);
                if (child instanceof TerminalNode terminal) {
                    open = terminal.getText().equals("{") ? terminal.getSymbol() : open;
                    closed |= terminal.getText().equals("}") && open != null;
                }
            }
            if (open != null && !closed) {
                return Optional.of(open);
            }
        }
        return Optional.empty();
    }

    /** The section that has a setting of this name, if any: {@code batch} is a setting of data. */
    private static Optional<String> sectionOfSetting(String key) {
        return Catalogue.SECTIONS.entrySet().stream()
                .filter(e -> e.getValue().stream().anyMatch(s -> s.key().equals(key)))
                .map(e -> e.getKey().keyword())
                .findFirst();
    }

    private static boolean isRecipeItemKeyword(Token token) {
        return SectionKind.byKeyword(token.getText()).isPresent() || token.getText().equals("merge")
                || token.getText().equals("recipe") || token.getText().equals("transform") || token.getText().equals("rules");
    }
}
