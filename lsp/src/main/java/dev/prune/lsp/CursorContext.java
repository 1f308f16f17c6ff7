package dev.prune.lsp;

import dev.prune.grammar.PruneLexer;
import dev.prune.lang.SectionKind;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;

/**
 * Where a cursor stands, read from the lexer's tokens alone, so that it works on text that does not
 * parse (which is most of the time while someone types): the enclosing braces (top level, a recipe, a
 * section and its subject, a transform or rules declaration), whether a statement may start here, the
 * statement so far, the calls whose parentheses are open, and whether the cursor is inside a string.
 */
final class CursorContext {

    enum FrameKind { TOP, RECIPE, SECTION, DECLARATION, OTHER }

    /** A pair of braces and what opened it. */
    static final class Frame {
        final FrameKind kind;
        final SectionKind section;
        final String subject;
        final String opener;
        final Frame parent;
        /** The first token of each statement written directly in this frame. */
        final List<Token> statementKeys = new ArrayList<>();
        /** The names of the {@code let} declarations written directly in this frame. */
        final List<String> lets = new ArrayList<>();

        Frame(FrameKind kind, SectionKind section, String subject, String opener, Frame parent) {
            this.kind = kind;
            this.section = section;
            this.subject = subject;
            this.opener = opener;
            this.parent = parent;
        }
    }

    /** Words that continue the statement above when they start a line. */
    private static final Set<String> CONTINUATIONS = Set.of("where", "and", "progressively", "except", "from", "on", "->", "..");
    /** Tokens after which the statement goes on even across a line break. */
    private static final Set<String> OPEN_ENDED = Set.of(",", "(", "[", ":", "=", "->", "..", "+", "-", "*", "/", "<", "<=", ">", ">=",
            "==", "where", "and", "except", "from", "on", "import", "as", "let", "prune", "x");

    final List<Token> tokens;
    final Frame frame;
    /** The statement before the cursor (empty at a statement's start), without the word being typed. */
    final List<Token> statement;
    final boolean statementStart;
    /** The word being typed up to the cursor ("" when none), and where it starts. */
    final String prefix;
    final int prefixStart;
    /** The string literal the cursor is inside, if any. */
    final Token string;
    /** Callee names of the parentheses open at the cursor, innermost last ("" for a plain parenthesis or a list). */
    final List<String> openCalls;
    /** The token that holds the cursor or ends at it (the word typed, a string), if any. */
    final Token atCursor;

    private CursorContext(List<Token> tokens, Frame frame, List<Token> statement, boolean statementStart, String prefix,
            int prefixStart, Token string, List<String> openCalls, Token atCursor) {
        this.tokens = tokens;
        this.frame = frame;
        this.statement = statement;
        this.statementStart = statementStart;
        this.prefix = prefix;
        this.prefixStart = prefixStart;
        this.string = string;
        this.openCalls = openCalls;
        this.atCursor = atCursor;
    }

    static List<Token> lex(String text) {
        PruneLexer lexer = new PruneLexer(CharStreams.fromString(text));
        lexer.removeErrorListeners();
        List<Token> all = new ArrayList<>();
        for (Token token = lexer.nextToken(); token.getType() != Token.EOF; token = lexer.nextToken()) {
            all.add(token);
        }
        return all;
    }

    static boolean isWord(Token token) {
        String text = token.getText();
        return !text.isEmpty() && (Character.isLetter(text.charAt(0)) || text.charAt(0) == '_');
    }

    static CursorContext at(String text, int offset) {
        List<Token> all = lex(text);
        List<Token> visible = all.stream().filter(t -> t.getChannel() == Token.DEFAULT_CHANNEL).toList();
        Token atCursor = null;
        Token string = null;
        int before = 0;
        for (Token token : visible) {
            int start = token.getStartIndex();
            int end = token.getStopIndex() + 1;
            if (end <= offset && !(end == offset && isWord(token))) {
                before++;
                continue;
            }
            if (start < offset && offset <= end) {
                atCursor = token;
                boolean unterminated = token.getType() == PruneLexer.UNTERMINATED_STRING;
                if (token.getType() == PruneLexer.STRING && offset < end || unterminated) {
                    string = token;
                }
            }
            break;
        }
        String prefix = "";
        int prefixStart = offset;
        if (atCursor != null && string == null && isWord(atCursor)) {
            prefixStart = atCursor.getStartIndex();
            prefix = text.substring(prefixStart, offset);
        }
        // Scan every token: frames and statement starts, up to the cursor for the context, then on to the
        // end of the cursor's frame for the statements written after it.
        Deque<Frame> frames = new ArrayDeque<>();
        frames.push(new Frame(FrameKind.TOP, null, null, "", null));
        Frame cursorFrame = null;
        int statementFrom = 0;
        int depth = 0;
        boolean cursorStatementStart = false;
        List<Token> statement = List.of();
        Token previous = null;
        int cursorLine = lineOf(text, prefixStart);
        for (int i = 0; i <= visible.size(); i++) {
            if (i == before) {
                cursorFrame = frames.peek();
                cursorStatementStart = startsStatement(previous, depth, cursorLine, null);
                statement = cursorStatementStart ? List.of() : List.copyOf(visible.subList(statementFrom, i));
            }
            if (i == visible.size()) {
                break;
            }
            Token token = visible.get(i);
            if (token == atCursor && string == null && isWord(token)) {
                previous = token;
                continue;
            }
            String word = token.getText();
            if (startsStatement(previous, depth, token.getLine(), word)) {
                statementFrom = i;
                depth = 0;
                frames.peek().statementKeys.add(token);
            }
            if (word.equals("let") && i + 1 < visible.size() && isWord(visible.get(i + 1))) {
                frames.peek().lets.add(visible.get(i + 1).getText());
            }
            switch (word) {
                case "(", "[" -> depth++;
                case ")", "]" -> depth = Math.max(0, depth - 1);
                case "{" -> {
                    frames.push(open(frames.peek(), visible.subList(statementFrom, i)));
                    depth = 0;
                }
                case "}" -> {
                    if (frames.size() > 1) {
                        frames.pop();
                    }
                    depth = 0;
                }
                default -> {
                }
            }
            previous = token;
        }
        return new CursorContext(visible, cursorFrame, statement, cursorStatementStart, prefix, prefixStart, string,
                openCalls(statement), atCursor);
    }

    private static boolean startsStatement(Token previous, int depth, int line, String word) {
        if (previous == null) {
            return true;
        }
        String last = previous.getText();
        if (last.equals("{") || last.equals("}") || last.equals(";")) {
            return true;
        }
        return depth == 0 && previous.getLine() < line && !OPEN_ENDED.contains(last) && (word == null || !CONTINUATIONS.contains(word));
    }

    private static Frame open(Frame parent, List<Token> header) {
        String first = header.isEmpty() ? "" : header.get(0).getText();
        String second = header.size() > 1 ? header.get(1).getText() : "";
        if (parent.kind == FrameKind.TOP && first.equals("recipe")) {
            return new Frame(FrameKind.RECIPE, null, second, first, parent);
        }
        if (parent.kind == FrameKind.TOP && (first.equals("transform") || first.equals("rules"))) {
            return new Frame(FrameKind.DECLARATION, null, second, first, parent);
        }
        Optional<SectionKind> kind = SectionKind.byKeyword(first);
        if (parent.kind == FrameKind.RECIPE && kind.isPresent()) {
            return new Frame(FrameKind.SECTION, kind.get(), second, first, parent);
        }
        return new Frame(FrameKind.OTHER, null, second, first, parent);
    }

    private static List<String> openCalls(List<Token> statement) {
        Deque<String> open = new ArrayDeque<>();
        for (int i = 0; i < statement.size(); i++) {
            String word = statement.get(i).getText();
            if (word.equals("(")) {
                open.addLast(i > 0 && isWord(statement.get(i - 1)) ? calleeEndingAt(statement, i - 1) : "");
            } else if (word.equals("[")) {
                open.addLast("");
            } else if ((word.equals(")") || word.equals("]")) && !open.isEmpty()) {
                open.removeLast();
            }
        }
        return List.copyOf(open);
    }

    /** {@code updp.block}: the dotted name that ends at token {@code last}. */
    static String calleeEndingAt(List<Token> tokens, int last) {
        StringBuilder name = new StringBuilder(tokens.get(last).getText());
        for (int i = last - 1; i >= 1 && tokens.get(i).getText().equals(".") && isWord(tokens.get(i - 1)); i -= 2) {
            name.insert(0, tokens.get(i - 1).getText() + ".");
        }
        return name.toString();
    }

    private static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < Math.min(offset, text.length()); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** The statement's first word, or "" at a statement's start. */
    String key() {
        return statement.isEmpty() ? "" : statement.get(0).getText();
    }

    /** The last token before the cursor (and before the word typed), or null. */
    Token previous() {
        int index = -1;
        for (int i = 0; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            if (token.getStopIndex() < prefixStart && token != atCursor) {
                index = i;
            }
        }
        return index < 0 ? null : tokens.get(index);
    }

    /** The keys of the statements written directly in the cursor's frame, without the word being typed. */
    List<String> writtenKeys() {
        return frame.statementKeys.stream().filter(t -> t != atCursor && isWord(t)).map(Token::getText).toList();
    }

    /** The {@code let} names visible from the cursor: its frame's and every enclosing frame's. */
    List<String> lets() {
        List<String> names = new ArrayList<>();
        for (Frame f = frame; f != null; f = f.parent) {
            names.addAll(f.lets);
        }
        return names;
    }
}
