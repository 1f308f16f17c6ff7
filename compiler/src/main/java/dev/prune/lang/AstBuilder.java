package dev.prune.lang;

import dev.prune.grammar.PruneParser;
import dev.prune.grammar.PruneParser.ArgumentContext;
import dev.prune.grammar.PruneParser.CallContext;
import dev.prune.grammar.PruneParser.ConditionContext;
import dev.prune.grammar.PruneParser.ExprContext;
import dev.prune.grammar.PruneParser.ExprListContext;
import dev.prune.grammar.PruneParser.NameContext;
import dev.prune.grammar.PruneParser.QualifiedNameContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.ParseTree;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * Builds the AST from a parse tree that has no syntax errors. It only builds: every method makes one kind
 * of node and gives it the span of the text it came from. Checks belong to {@link Checker}.
 */
final class AstBuilder {

    private final String file;

    AstBuilder(String file) {
        this.file = file;
    }

    SpecFile build(PruneParser.FileContext tree) {
        Optional<Header> header = Optional.ofNullable(tree.header())
                .map(h -> new Header(span(h), Integer.parseInt(h.INT().getText())));
        List<Import> imports = tree.importDecl().stream().map(this::importDecl).toList();
        List<Decl> decls = new ArrayList<>();
        for (PruneParser.TopDeclContext top : tree.topDecl()) {
            if (top.letDecl() != null) {
                decls.add(letDecl(top.letDecl()));
            } else if (top.recipeDecl() != null) {
                decls.add(recipe(top.recipeDecl()));
            } else if (top.experimentDecl() != null) {
                decls.add(experiment(top.experimentDecl()));
            } else if (top.transformDecl() != null) {
                PruneParser.TransformDeclContext t = top.transformDecl();
                decls.add(new TransformDecl(span(t), name(t.name()), t.directive().stream().map(this::directive).toList()));
            } else {
                PruneParser.RulesDeclContext r = top.rulesDecl();
                decls.add(new RulesDecl(span(r), name(r.name()), r.directive().stream().map(this::directive).toList()));
            }
        }
        return new SpecFile(span(tree), header, imports, decls);
    }

    private Import importDecl(PruneParser.ImportDeclContext context) {
        Import.Target target = context.qualifiedName() != null
                ? new Import.Module(qualifiedName(context.qualifiedName()))
                : new Import.Path(unquote(context.STRING().getSymbol()));
        return new Import(span(context), target, Optional.ofNullable(context.name()).map(this::name));
    }

    private LetDecl letDecl(PruneParser.LetDeclContext context) {
        return new LetDecl(span(context), name(context.name()), expr(context.expr()));
    }

    private RecipeDecl recipe(PruneParser.RecipeDeclContext context) {
        List<RecipeItem> items = new ArrayList<>();
        for (PruneParser.RecipeItemContext item : context.recipeItem()) {
            items.add(recipeItem(item));
        }
        return new RecipeDecl(span(context), name(context.name()), items);
    }

    private ExperimentDecl experiment(PruneParser.ExperimentDeclContext context) {
        List<ExperimentItem> items = context.experimentItem().stream().map(this::experimentItem).toList();
        return new ExperimentDecl(span(context), name(context.name()), qualifiedName(context.qualifiedName()), items);
    }

    private ExperimentItem experimentItem(PruneParser.ExperimentItemContext context) {
        String keyword = context.getStart().getText();
        switch (keyword) {
            case "seeds":
                return new ExperimentItem.Seeds(span(context), exprList(context.exprList()),
                        context.qualifiedName().stream().map(this::qualifiedName).toList());
            case "variant":
                return new ExperimentItem.Variant(span(context), name(context.name(0)),
                        context.variantItem().stream().map(this::variantItem).toList());
            case "control":
                return new ExperimentItem.Control(span(context), name(context.name(0)));
            case "compare":
                return new ExperimentItem.Compare(span(context), name(context.left), name(context.right), name(context.split),
                        name(context.metric));
            default:
                throw new IllegalStateException("experiment item missing from AstBuilder: " + keyword);
        }
    }

    private ExperimentItem.VariantItem variantItem(PruneParser.VariantItemContext context) {
        if (context.qualifiedName() != null) {
            return new ExperimentItem.Assignment(span(context), qualifiedName(context.qualifiedName()), expr(context.expr()));
        }
        if (context.getStart().getText().equals("draws")) {
            return new ExperimentItem.Draws(span(context), expr(context.expr()));
        }
        return new ExperimentItem.Match(span(context), expr(context.expr()), name(context.name()));
    }

    private RecipeItem recipeItem(PruneParser.RecipeItemContext item) {
        if (item.letDecl() != null) {
            return letDecl(item.letDecl());
        }
        if (item.modelSection() != null) {
            var s = item.modelSection();
            return section(s, SectionKind.MODEL, Optional.of(call(s.call())), s.modelStatement());
        }
        if (item.dataSection() != null) {
            var s = item.dataSection();
            return section(s, SectionKind.DATA, Optional.of(call(s.call())), s.dataStatement());
        }
        if (item.trainSection() != null) {
            var s = item.trainSection();
            return section(s, SectionKind.TRAIN, Optional.of(nameAsCall(s.name())), s.trainStatement());
        }
        if (item.spaceSection() != null) {
            var s = item.spaceSection();
            return section(s, SectionKind.SPACE, Optional.empty(), s.spaceStatement());
        }
        if (item.searchSection() != null) {
            var s = item.searchSection();
            return section(s, SectionKind.SEARCH, Optional.of(nameAsCall(s.name())), s.searchStatement());
        }
        if (item.exportSection() != null) {
            var s = item.exportSection();
            return section(s, SectionKind.EXPORT, Optional.of(call(s.call())), s.exportStatement());
        }
        if (item.runtimeSection() != null) {
            var s = item.runtimeSection();
            return section(s, SectionKind.RUNTIME, Optional.empty(), s.runtimeStatement());
        }
        if (item.unknownStatement() != null) {
            return unknown(item.unknownStatement());
        }
        ParserRuleContext statement = item.seedStatement() != null ? item.seedStatement() : item.mergeStatement();
        return setting(statement);
    }

    private Section section(ParserRuleContext context, SectionKind kind, Optional<Call> subject,
            List<? extends ParserRuleContext> statements) {
        List<Setting> settings = statements.stream().map(this::setting).toList();
        return new Section(span(context), kind, subject, settings);
    }

    /**
     * Every statement has the shape {@code key values (clauseKeyword values)*}; the grammar decides which
     * shapes are valid, and this reads them all the same way. {@code ..} joins its neighbours into a
     * range; {@code and} continues a {@code where} clause.
     */
    private Setting setting(ParserRuleContext statement) {
        if (statement.getChildCount() == 1 && statement.getChild(0) instanceof PruneParser.UnknownStatementContext u) {
            return unknown(u);
        }
        TerminalNode keyToken = (TerminalNode) statement.getChild(0);
        Name key = new Name(span(keyToken.getSymbol()), keyToken.getText());
        List<Expr> values = new ArrayList<>();
        List<Clause> clauses = new ArrayList<>();
        List<Expr> target = values;
        Token clauseKeyword = null;
        boolean rangePending = false;
        for (int i = 1; i < statement.getChildCount(); i++) {
            ParseTree child = statement.getChild(i);
            if (child instanceof TerminalNode terminal) {
                String text = terminal.getText();
                if (text.equals("..")) {
                    rangePending = true;
                } else if (!text.equals("and")) {
                    if (clauseKeyword != null) {
                        clauses.add(clause(clauseKeyword, target, statement));
                    }
                    clauseKeyword = terminal.getSymbol();
                    target = new ArrayList<>();
                }
                continue;
            }
            List<Expr> read = childExprs(child);
            if (rangePending) {
                Expr low = target.remove(target.size() - 1);
                Expr high = read.get(0);
                target.add(new Range(low.span().to(high.span()), low, high));
                rangePending = false;
            } else {
                target.addAll(read);
            }
        }
        if (clauseKeyword != null) {
            clauses.add(clause(clauseKeyword, target, statement));
        }
        return new Setting(span(statement), key, values, clauses, true);
    }

    private Clause clause(Token keyword, List<Expr> values, ParserRuleContext statement) {
        Span start = span(keyword);
        Span end = values.isEmpty() ? start : values.get(values.size() - 1).span();
        return new Clause(start.to(end), keyword.getText(), values);
    }

    private List<Expr> childExprs(ParseTree child) {
        if (child instanceof ExprContext e) {
            return List.of(expr(e));
        }
        if (child instanceof ExprListContext list) {
            return exprList(list);
        }
        if (child instanceof NameContext n) {
            return List.of(nameAsCall(n));
        }
        if (child instanceof QualifiedNameContext q) {
            QualifiedName name = qualifiedName(q);
            return List.of(new Call(name.span(), name, List.of(), false));
        }
        if (child instanceof ConditionContext c) {
            return List.of(condition(c));
        }
        throw new IllegalStateException("unexpected statement part: " + child.getClass().getSimpleName());
    }

    private Setting unknown(PruneParser.UnknownStatementContext context) {
        Name key = new Name(span(context.IDENTIFIER().getSymbol()), context.IDENTIFIER().getText());
        List<Expr> values = context.exprList() == null ? List.of() : exprList(context.exprList());
        return new Setting(span(context), key, values, List.of(), false);
    }

    private Directive directive(PruneParser.DirectiveContext context) {
        List<Name> targets = context.targets.name().stream().map(this::name).toList();
        Optional<Name> replacement = Optional.ofNullable(context.replacement).map(this::name);
        List<Comparison> conditions = context.condition().stream().map(this::condition).toList();
        return new Directive(span(context), name(context.verb), targets, replacement, context.progressively != null,
                conditions);
    }

    private Comparison condition(ConditionContext context) {
        return new Comparison(span(context), name(context.name()), Comparison.Operator.of(context.comparison().getText()),
                expr(context.expr()));
    }

    // ------------------------------------------------------------ expressions

    private List<Expr> exprList(ExprListContext context) {
        return context.expr().stream().map(this::expr).toList();
    }

    Expr expression(ExprContext context) {
        return expr(context);
    }

    private Expr expr(ExprContext context) {
        if (context instanceof PruneParser.NegateContext n) {
            return new Negate(span(n), expr(n.expr()));
        }
        if (context instanceof PruneParser.MultiplyContext m) {
            return new Binary(span(m), Binary.Operator.of(m.op.getText()), expr(m.left), expr(m.right));
        }
        if (context instanceof PruneParser.AddContext a) {
            return new Binary(span(a), Binary.Operator.of(a.op.getText()), expr(a.left), expr(a.right));
        }
        return primary(((PruneParser.AtomContext) context).primary());
    }

    private Expr primary(PruneParser.PrimaryContext context) {
        if (context instanceof PruneParser.QuantityContext q) {
            return new NumberLit(span(q), q.number().getText(), unit(q.unit()));
        }
        if (context instanceof PruneParser.StringContext s) {
            return new StringLit(span(s), unquote(s.STRING().getSymbol()));
        }
        if (context instanceof PruneParser.ListContext l) {
            return new ListExpr(span(l), l.exprList() == null ? List.of() : exprList(l.exprList()));
        }
        if (context instanceof PruneParser.CallOrNameContext c) {
            return call(c.call());
        }
        return expr(((PruneParser.ParenthesizedContext) context).expr());
    }

    private static Unit unit(PruneParser.UnitContext context) {
        if (context == null) {
            return Unit.NONE;
        }
        return switch (context.getStart().getText()) {
            case "epochs", "epoch" -> Unit.EPOCHS;
            case "steps", "step" -> Unit.STEPS;
            case "x" -> context.getChildCount() == 2 ? Unit.TIMES_BASELINE : Unit.TIMES;
            case "ms" -> Unit.MILLISECONDS;
            case "%" -> Unit.PERCENT;
            case "batches" -> Unit.BATCHES;
            default -> throw new IllegalStateException("unit missing from AstBuilder: " + context.getText());
        };
    }

    private Call call(CallContext context) {
        QualifiedName callee = qualifiedName(context.qualifiedName());
        List<Argument> args = context.argument().stream().map(this::argument).toList();
        return new Call(span(context), callee, args, context.getChildCount() > 1);
    }

    private Argument argument(ArgumentContext context) {
        return new Argument(span(context), Optional.ofNullable(context.name()).map(this::name), expr(context.expr()));
    }

    private Call nameAsCall(NameContext context) {
        Name name = name(context);
        return new Call(name.span(), new QualifiedName(name.span(), List.of(name)), List.of(), false);
    }

    private QualifiedName qualifiedName(QualifiedNameContext context) {
        return new QualifiedName(span(context), context.name().stream().map(this::name).toList());
    }

    private Name name(NameContext context) {
        return new Name(span(context), context.getText());
    }

    private String unquote(Token token) {
        String text = token.getText();
        StringBuilder out = new StringBuilder();
        for (int i = 1; i < text.length() - 1; i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                char next = text.charAt(++i);
                out.append(switch (next) {
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    case 't' -> '\t';
                    default -> next;
                });
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private Span span(ParserRuleContext context) {
        return Spans.of(file, context);
    }

    private Span span(Token token) {
        return Spans.of(file, token);
    }
}
