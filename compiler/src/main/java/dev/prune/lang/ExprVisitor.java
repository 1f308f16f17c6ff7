package dev.prune.lang;

/** A function over every kind of expression; Java 17 has no exhaustive pattern switch, so passes implement this. */
public interface ExprVisitor<R> {

    R visitNumber(NumberLit number);

    R visitString(StringLit string);

    R visitList(ListExpr list);

    R visitCall(Call call);

    R visitNegate(Negate negate);

    R visitBinary(Binary binary);

    R visitRange(Range range);

    R visitComparison(Comparison comparison);
}
