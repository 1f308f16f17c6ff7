package dev.prune.lang;

import dev.prune.grammar.PruneLexer;
import dev.prune.grammar.PruneParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.InputMismatchException;
import org.antlr.v4.runtime.NoViableAltException;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.IntervalSet;

/**
 * ANTLR's recovery (resynchronising on the follow set, so that one run lists many errors), with messages
 * in the language's words: {@code unexpected 'epocs'; expected a train setting (epochs, steps, ...) or '}'}.
 */
final class SyntaxErrorStrategy extends DefaultErrorStrategy {

    /** More alternatives than this, when they are all names, read better as "a name". */
    private static final int MAX_LISTED = 14;

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
        String message = describeOffending(offending) + "; expected " + describeExpected(parser, expected);
        String help = helpFor(parser.getContext(), offending);
        parser.notifyErrorListeners(offending, help.isEmpty() ? message : message + "\n" + help, null);
    }

    static String describeOffending(Token token) {
        return switch (token.getType()) {
            case Token.EOF -> "unexpected end of file";
            case PruneLexer.UNTERMINATED_STRING -> "malformed string " + token.getText()
                    + " (not closed on its line, or an escape other than \\\" \\\\ \\n \\r \\t)";
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
        if (offending.getType() == PruneLexer.UNTERMINATED_STRING) {
            return "close the string with \" on the same line";
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
}
