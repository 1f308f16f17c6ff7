package dev.prune.lang;

/** A value expression: literals, lists, calls and names, arithmetic, ranges and comparisons. */
public sealed interface Expr extends Node permits NumberLit, StringLit, ListExpr, Call, Negate, Binary, Range, Comparison {

    <R> R accept(ExprVisitor<R> visitor);
}
