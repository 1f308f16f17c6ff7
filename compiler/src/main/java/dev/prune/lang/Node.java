package dev.prune.lang;

/** A node of the AST. Every node is an immutable record whose first component is its {@link Span}. */
public sealed interface Node permits SpecFile, Header, Import, Name, QualifiedName, Decl, RecipeItem,
        Clause, Directive, Expr, Argument, ExperimentItem, ExperimentItem.VariantItem {

    Span span();
}
