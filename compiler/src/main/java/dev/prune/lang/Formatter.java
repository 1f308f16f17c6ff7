package dev.prune.lang;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The canonical printer of the language: {@code parse(format(ast))} equals {@code ast}, and formatting is
 * idempotent. It works for parsed files (with their comments) and for ASTs built in code (no spans).
 *
 * <p>Canonical form:
 * <ul>
 *   <li>two-space indentation, one statement per line, the opening brace on the header line, no {@code ;}
 *       except where two statements would otherwise read as one (see {@link #runsInto});</li>
 *   <li>a blank line between top-level groups: the header, the imports, each run of {@code let}s, each recipe,
 *       transform and rule set; elsewhere at most one blank line, where the source had one;</li>
 *   <li>a section with nothing inside prints as {@code space {}}, except {@code export}, whose body is
 *       optional and is then left out: {@code export onnx("m.onnx")};</li>
 *   <li>expressions as {@link ExprPrinter} prints them: {@code 10%}, {@code 3 epochs}, {@code 0.8 x baseline}.</li>
 * </ul>
 *
 * <p>Comments are not in the AST; each is put back by position, and every one is printed exactly once. A
 * comment before a statement goes on its own line above it; one on the line where a statement ends stays at
 * the end of that line; one after a block's last statement stays before its closing brace; one on a header
 * line after the opening brace stays there. A comment inside a statement (say, between two arguments written
 * on several lines) moves to the line above the statement, since statements are printed on one line; so does
 * one inside the header of a section, before its opening brace.
 */
public final class Formatter {

    private static final String INDENT = "  ";

    /** Words that make a quantity of the number before them: {@code 3} then {@code steps x} reads {@code 3 steps}. */
    private static final Set<String> UNIT_WORDS = Set.of("epochs", "epoch", "steps", "step", "x", "ms", "batches");

    /** Directive verbs that would continue the directive before: {@code fold a} then {@code where ...}. */
    private static final Set<String> CONTINUATION_WORDS = Set.of("progressively", "where", "and");

    private final StringBuilder out = new StringBuilder();
    private final List<Comment> comments;
    private int nextComment;

    private Formatter(List<Comment> comments) {
        this.comments = comments.stream().sorted(Comparator.comparingInt(c -> c.span().start())).toList();
    }

    /** The canonical text of a file that parsed without syntax errors. */
    public static String format(ParsedFile parsed) {
        SpecFile ast = parsed.ast().orElseThrow(() -> new IllegalArgumentException(
                "cannot format " + parsed.source().name() + ": it has syntax errors"));
        return format(ast, parsed.comments());
    }

    /** The canonical text of {@code ast}, with {@code comments} (from the same source) put back by position. */
    public static String format(SpecFile ast, List<Comment> comments) {
        Formatter formatter = new Formatter(comments);
        formatter.file(ast);
        return formatter.out.toString();
    }

    // ------------------------------------------------------------ blocks

    private void file(SpecFile file) {
        List<Node> items = new ArrayList<>();
        file.header().ifPresent(items::add);
        items.addAll(file.imports());
        items.addAll(file.decls());
        // Everything left after the last declaration, up to the end of the file, is printed at the end.
        items(items, new Block(0, -1), Integer.MAX_VALUE, true);
    }

    /** The lines of one block: where the last one came from in the source, so that blank lines can be kept. */
    private final class Block {
        final int depth;
        int lastLine;
        boolean empty = true;

        Block(int depth, int lastLine) {
            this.depth = depth;
            this.lastLine = lastLine;
        }

        /** Indents a new line for text from source line {@code line} (-1: unknown), after a blank line if wanted. */
        void startLine(int line, boolean forceBlank) {
            boolean sourceHadBlank = lastLine > 0 && line > 0 && line - lastLine >= 2;
            if (!empty && (forceBlank || sourceHadBlank)) {
                out.append('\n');
            }
            out.append(INDENT.repeat(depth));
            empty = false;
        }
    }

    /**
     * Prints {@code items} one a line, each after its leading comments and before its trailing ones, then the
     * comments that remain before offset {@code close}.
     */
    private void items(List<? extends Node> items, Block block, int close, boolean topLevel) {
        for (int i = 0; i < items.size(); i++) {
            Node item = items.get(i);
            Node next = i + 1 < items.size() ? items.get(i + 1) : null;
            boolean forceBlank = topLevel && i > 0 && !sameGroup(items.get(i - 1), item);
            // For a braced item only the comments before its header lead it; those in its body stay in the body.
            int leadingEnd = isBraced(item) ? headerEnd(item) : item.span().end();
            while (hasCommentBefore(leadingEnd)) {
                commentLine(block, forceBlank);
                forceBlank = false;
            }
            block.startLine(lineOf(item.span()), forceBlank);
            item(item, next, block.depth);
            block.lastLine = Math.max(block.lastLine, endLineOf(item.span()));
            trailingComments(endLineOf(item.span()), next == null ? close : next.span().start(), block);
            out.append('\n');
        }
        while (hasCommentBefore(close)) {
            commentLine(block, false);
        }
    }

    /** Prints the next comment on a line of its own; a block comment's later lines keep their text. */
    private void commentLine(Block block, boolean forceBlank) {
        Comment comment = comments.get(nextComment++);
        block.startLine(comment.span().line(), forceBlank);
        out.append(comment.text()).append('\n');
        block.lastLine = comment.span().endLine();
    }

    /** Appends the comments that start on source line {@code line} before offset {@code limit}, one space apart. */
    private void trailingComments(int line, int limit, Block block) {
        while (hasCommentBefore(limit) && comments.get(nextComment).span().line() == line) {
            Comment comment = comments.get(nextComment++);
            out.append(' ').append(comment.text());
            line = comment.span().endLine();
            block.lastLine = line;
        }
    }

    private boolean hasCommentBefore(int offset) {
        return nextComment < comments.size() && comments.get(nextComment).span().start() < offset;
    }

    /** A braced block after {@code opening}; the span of {@code owner} ends at its closing brace. */
    private void braced(String opening, Node owner, List<? extends Node> items, int depth, boolean bracesOptional) {
        int close = owner.span().end();
        out.append(opening);
        if (items.isEmpty() && !hasCommentBefore(close)) {
            out.append(bracesOptional ? "" : " {}");
            return;
        }
        out.append(" {");
        Block inner = new Block(depth + 1, headerLine(owner));
        trailingComments(headerLine(owner), items.isEmpty() ? close : items.get(0).span().start(), inner);
        out.append('\n');
        items(items, inner, close, false);
        out.append(INDENT.repeat(depth)).append('}');
    }

    // ------------------------------------------------------------ items

    private void item(Node item, Node next, int depth) {
        if (item instanceof RecipeDecl recipe) {
            braced("recipe " + recipe.name().text(), recipe, recipe.items(), depth, false);
        } else if (item instanceof Section section) {
            braced(sectionOpening(section), section, section.settings(), depth, section.kind() == SectionKind.EXPORT);
        } else if (item instanceof TransformDecl transform) {
            braced("transform " + transform.name().text(), transform, transform.directives(), depth, false);
        } else if (item instanceof RulesDecl rules) {
            braced("rules " + rules.name().text(), rules, rules.directives(), depth, false);
        } else if (item instanceof ExperimentDecl experiment) {
            braced("experiment " + experiment.name().text() + " on " + experiment.recipe().dotted(), experiment, experiment.items(),
                    depth, false);
        } else if (item instanceof ExperimentItem.Variant variant) {
            braced("variant " + variant.name().text(), variant, variant.items(), depth, false);
        } else {
            String text = statement(item);
            out.append(text);
            if (next != null && runsInto(item, text, leadingText(next))) {
                out.append(';');
            }
        }
    }

    private static String sectionOpening(Section section) {
        return section.kind().keyword() + section.subject().map(s -> " " + ExprPrinter.print(s)).orElse("");
    }

    /** The one-line text of a statement. */
    private static String statement(Node item) {
        if (item instanceof Header header) {
            return "prune " + header.version();
        }
        if (item instanceof Import anImport) {
            return importText(anImport);
        }
        if (item instanceof LetDecl let) {
            return "let " + let.name().text() + " = " + ExprPrinter.print(let.value());
        }
        if (item instanceof Setting setting) {
            return setting(setting);
        }
        if (item instanceof Directive directive) {
            return directive(directive);
        }
        if (item instanceof ExperimentItem || item instanceof ExperimentItem.VariantItem) {
            return experimentStatement(item);
        }
        throw new IllegalArgumentException("not a statement: " + item.getClass().getSimpleName());
    }

    private static String importText(Import anImport) {
        String target = anImport.target() instanceof Import.Module module
                ? module.name().dotted()
                : ExprPrinter.quote(((Import.Path) anImport.target()).path());
        return "import " + target + anImport.alias().map(a -> " as " + a.text()).orElse("");
    }

    /** {@code key values clause...}: the grammar's statements all have this shape (see {@code AstBuilder.setting}). */
    private static String setting(Setting setting) {
        StringBuilder text = new StringBuilder(setting.keyText());
        // `limit train 100` is the only statement whose values are not a comma-separated list.
        String separator = setting.keyText().equals("limit") ? " " : ", ";
        appendValues(text, setting.values(), separator);
        for (Clause clause : setting.clauses()) {
            text.append(' ').append(clause.keyword());
            appendValues(text, clause.values(), clause.keyword().equals("where") ? " and " : ", ");
        }
        return text.toString();
    }

    private static void appendValues(StringBuilder text, List<? extends Expr> values, String separator) {
        if (!values.isEmpty()) {
            text.append(' ').append(ExprPrinter.printAll(values, separator));
        }
    }

    private static String experimentStatement(Node item) {
        if (item instanceof ExperimentItem.Seeds seeds) {
            String text = "seeds " + ExprPrinter.printAll(seeds.values(), ", ");
            return seeds.stages().isEmpty() ? text
                    : text + " for " + String.join(", ", seeds.stages().stream().map(QualifiedName::dotted).toList());
        }
        if (item instanceof ExperimentItem.Control control) {
            return "control " + control.name().text();
        }
        if (item instanceof ExperimentItem.Compare c) {
            return "compare " + c.left().text() + " - " + c.right().text() + " on " + c.split().text() + " " + c.metric().text()
                    + " paired";
        }
        if (item instanceof ExperimentItem.Assignment o) {
            return o.path().dotted() + " = " + ExprPrinter.print(o.value());
        }
        if (item instanceof ExperimentItem.Draws draws) {
            return "draws " + ExprPrinter.print(draws.count());
        }
        ExperimentItem.Match match = (ExperimentItem.Match) item;
        return "macs within " + ExprPrinter.print(match.tolerance()) + " of " + match.reference().text();
    }

    private static String directive(Directive directive) {
        StringBuilder text = new StringBuilder(directive.verb().text()).append(' ');
        text.append(String.join(", ", directive.targets().stream().map(Name::text).toList()));
        directive.replacement().ifPresent(r -> text.append(" -> ").append(r.text()));
        if (directive.progressively()) {
            text.append(" progressively");
        }
        if (!directive.conditions().isEmpty()) {
            text.append(" where ").append(ExprPrinter.printAll(directive.conditions(), " and "));
        }
        return text.toString();
    }

    /**
     * Whether statement {@code item}, printed as {@code text}, would read differently followed by the statement
     * printed as {@code nextText} on the next line: line ends are whitespace, so then it needs a {@code ;}.
     */
    private static boolean runsInto(Node item, String text, String nextText) {
        String lastWord = lastWord(text);
        boolean endsWithNumber = !lastWord.isEmpty() && Character.isDigit(lastWord.charAt(0));
        String nextWord = nextText.split(" ", 2)[0];
        String afterNextWord = nextText.substring(nextWord.length()).strip();
        // `label_smoothing 0.1` `epochs total` -> `0.1 epochs` `total`; a number, string, list or parenthesis
        // after the word cannot continue a quantity, so `label_smoothing 0.1` `epochs 3` needs no `;`.
        boolean quantityCannotGoOn = !afterNextWord.isEmpty() && "0123456789\"[(".indexOf(afterNextWord.charAt(0)) >= 0;
        return endsWithNumber && UNIT_WORDS.contains(nextWord) && !quantityCannotGoOn
                // `1.5 x` `baseline ...` -> `1.5 x baseline`
                || lastWord.equals("x") && nextWord.equals("baseline")
                // `fold a` `where b, c` -> `fold a where ...`
                || CONTINUATION_WORDS.contains(nextWord)
                // `foo` `sample uniform` -> `foo sample` `uniform`: a statement without values takes the next key
                || item instanceof Setting s && s.values().isEmpty() && s.clauses().isEmpty();
    }

    /** The trailing run of identifier characters of {@code text}; a number when it starts with a digit. */
    private static String lastWord(String text) {
        int start = text.length();
        while (start > 0 && (Character.isLetterOrDigit(text.charAt(start - 1)) || text.charAt(start - 1) == '_')) {
            start--;
        }
        return text.substring(start);
    }

    /** How an item starts: the whole line of a statement, the keyword of a braced item. */
    private static String leadingText(Node item) {
        if (item instanceof Section section) {
            return section.kind().keyword();
        }
        if (item instanceof RecipeDecl) {
            return "recipe";
        }
        if (item instanceof TransformDecl) {
            return "transform";
        }
        if (item instanceof ExperimentDecl) {
            return "experiment";
        }
        if (item instanceof ExperimentItem.Variant) {
            return "variant";
        }
        return item instanceof RulesDecl ? "rules" : statement(item);
    }

    // ------------------------------------------------------------ positions

    /** The header, the imports and a run of {@code let}s each stay together; every other declaration stands alone. */
    private static boolean sameGroup(Node previous, Node item) {
        return previous instanceof Import && item instanceof Import
                || previous instanceof LetDecl && item instanceof LetDecl;
    }

    private static boolean isBraced(Node item) {
        return item instanceof RecipeDecl || item instanceof Section || item instanceof TransformDecl
                || item instanceof RulesDecl || item instanceof ExperimentDecl || item instanceof ExperimentItem.Variant;
    }

    /** Where the header of a braced item ends in the source: after its name or subject, before the opening brace. */
    private static int headerEnd(Node item) {
        return headerSpan(item).map(Span::end).orElseGet(() -> item.span().isReal()
                ? item.span().start() + ((Section) item).kind().keyword().length()
                : 0);
    }

    private static int headerLine(Node item) {
        return headerSpan(item).map(Formatter::endLineOf).orElseGet(() -> lineOf(item.span()));
    }

    /** The span of the last part of a braced item's header, empty for {@code space} and {@code runtime}. */
    private static Optional<Span> headerSpan(Node item) {
        if (item instanceof RecipeDecl recipe) {
            return Optional.of(recipe.name().span());
        }
        if (item instanceof TransformDecl transform) {
            return Optional.of(transform.name().span());
        }
        if (item instanceof RulesDecl rules) {
            return Optional.of(rules.name().span());
        }
        if (item instanceof ExperimentDecl experiment) {
            return Optional.of(experiment.recipe().span());
        }
        if (item instanceof ExperimentItem.Variant variant) {
            return Optional.of(variant.name().span());
        }
        return ((Section) item).subject().map(Call::span);
    }

    /** Source lines of spans built in code mean nothing; -1 keeps them out of blank-line decisions. */
    private static int lineOf(Span span) {
        return span.isReal() ? span.line() : -1;
    }

    private static int endLineOf(Span span) {
        return span.isReal() ? span.endLine() : -1;
    }
}
