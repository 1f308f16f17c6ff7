package dev.prune.lang;

/** {@code let lr = 2e-3}: a named constant, at the top of a file or inside a recipe. */
public record LetDecl(Span span, Name name, Expr value) implements Decl, RecipeItem {
}
