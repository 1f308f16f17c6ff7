package dev.prune.lsp;

import dev.prune.grammar.PruneLexer;
import dev.prune.lang.BlockCatalog.BlockInfo;
import dev.prune.lang.BlockCatalog.Payoff;
import dev.prune.lang.Catalogue;
import dev.prune.lang.Family;
import dev.prune.lang.Family.CallSpec;
import dev.prune.lang.LanguageReference;
import dev.prune.lang.SectionKind;
import dev.prune.lang.Unit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.antlr.v4.runtime.Token;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.MarkupKind;

/** Hover: the catalogue's documentation of what is under the cursor, or the blocks a selector matches. */
final class Hovers {

    private static final Map<String, Unit> UNIT_WORDS = Map.of("epochs", Unit.EPOCHS, "epoch", Unit.EPOCHS, "steps", Unit.STEPS,
            "step", Unit.STEPS, "ms", Unit.MILLISECONDS, "%", Unit.PERCENT, "baseline", Unit.TIMES_BASELINE);

    private Hovers() {
    }

    static Optional<Hover> at(Analysis analysis, int offset) {
        String text = analysis.text().text();
        Optional<Token> found = CursorContext.lex(text).stream()
                .filter(t -> t.getChannel() == Token.DEFAULT_CHANNEL && t.getStartIndex() <= offset && offset <= t.getStopIndex())
                .findFirst();
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Token token = found.get();
        boolean string = token.getType() == PruneLexer.STRING || token.getType() == PruneLexer.UNTERMINATED_STRING;
        CursorContext context = CursorContext.at(text, string ? token.getStartIndex() + 1 : token.getStopIndex() + 1);
        Optional<String> markdown = string ? selector(analysis, context, token) : word(context, token);
        return markdown.map(m -> new Hover(new MarkupContent(MarkupKind.MARKDOWN, m),
                analysis.text().range(token.getStartIndex(), token.getStopIndex() + 1)));
    }

    private static Optional<String> word(CursorContext context, Token token) {
        if (context.frame == null) {
            return Optional.empty();
        }
        String word = token.getText();
        if (context.statement.isEmpty()) {
            if (context.frame.kind == CursorContext.FrameKind.RECIPE && SectionKind.byKeyword(word).isPresent()) {
                SectionKind kind = SectionKind.byKeyword(word).get();
                return Optional.of("**" + word + "** section\n\n" + LanguageReference.sectionDoc(kind));
            }
            if (context.frame.kind == CursorContext.FrameKind.DECLARATION) {
                Map<String, List<String>> verbs = context.frame.opener.equals("transform") ? Catalogue.TRANSFORM_VERBS : Catalogue.RULE_VERBS;
                return Optional.ofNullable(verbs.get(word)).map(t -> "`" + word + "` applies to " + String.join(", ", t));
            }
            return Scope.setting(context.frame, word).map(LanguageReference::settingDoc);
        }
        Token previous = context.previous();
        if (previous != null && UNIT_WORDS.containsKey(word)
                && (previous.getType() == PruneLexer.INT || previous.getType() == PruneLexer.FLOAT || previous.getText().equals("x"))) {
            return Optional.of(LanguageReference.unitDoc(UNIT_WORDS.get(word)));
        }
        if (word.equals("x") && previous != null && (previous.getType() == PruneLexer.INT || previous.getType() == PruneLexer.FLOAT)) {
            return Optional.of(LanguageReference.unitDoc(Unit.TIMES));
        }
        Optional<Family> family = Scope.familyAt(context);
        int index = context.tokens.indexOf(context.atCursor);
        boolean argumentName = index + 1 < context.tokens.size() && context.tokens.get(index + 1).getText().equals(":");
        if (argumentName && !context.openCalls.isEmpty() && family.isPresent()) {
            Optional<CallSpec> call = family.get().call(context.openCalls.get(context.openCalls.size() - 1));
            return call.flatMap(c -> c.param(word).map(p -> "argument of `" + c.name() + "`\n\n"
                    + LanguageReference.argumentLine(family.get(), c, p)));
        }
        Optional<String> call = family.flatMap(f -> f.call(word).map(c -> LanguageReference.callDoc(f, c)));
        if (call.isPresent()) {
            return call;
        }
        return Scope.setting(context.frame, context.key()).filter(s -> s.clauses().stream().anyMatch(c -> c.keyword().equals(word)))
                .map(LanguageReference::settingDoc);
    }

    /** The blocks a selector matches, with their cost, and whether the transform can prune each. */
    private static Optional<String> selector(Analysis analysis, CursorContext context, Token token) {
        if (context.frame == null || context.frame.section != SectionKind.SPACE || !context.key().equals("blocks")
                || analysis.blocks().isEmpty()) {
            return Optional.empty();
        }
        String glob = token.getText().replaceAll("^\"|\"$", "");
        List<BlockInfo> matched = analysis.blocks().stream().filter(b -> matches(glob, b.name())).toList();
        StringBuilder out = new StringBuilder("`\"").append(glob).append("\"` matches ").append(matched.size()).append(" of ")
                .append(analysis.blocks().size()).append(" blocks\n\n");
        if (!matched.isEmpty()) {
            out.append("| block | MACs | params | prunable | merge pays |\n|---|---:|---:|---|---|\n");
            for (BlockInfo block : matched) {
                Payoff payoff = analysis.payoffs().get(block.name());
                String pays = payoff == null ? "—" : payoff.pays() ? "yes" : "no: " + payoff.merged();
                out.append("| `").append(block.name()).append("` | ").append(count(block.macs())).append(" | ").append(count(block.params()))
                        .append(" | ").append(block.candidate() ? "yes" : "no: " + block.rejection()).append(" | ").append(pays).append(" |\n");
            }
        }
        return Optional.of(out.toString());
    }

    /** The glob semantics of selectors: {@code *} is any run within one dotted part, {@code ?} one character. */
    static boolean matches(String glob, String name) {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toCharArray()) {
            regex.append(c == '*' ? "[^.]*" : c == '?' ? "[^.]" : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.matches(regex.toString(), name);
    }

    static String cost(BlockInfo block) {
        return count(block.macs()) + " MACs, " + count(block.params()) + " params";
    }

    /** 1.23M, 45.6K: what people read in model summaries. */
    static String count(long n) {
        if (n >= 1_000_000_000L) {
            return String.format(Locale.ROOT, "%.2fG", n / 1e9);
        }
        if (n >= 1_000_000L) {
            return String.format(Locale.ROOT, "%.2fM", n / 1e6);
        }
        if (n >= 1_000L) {
            return String.format(Locale.ROOT, "%.1fK", n / 1e3);
        }
        return Long.toString(n);
    }
}
