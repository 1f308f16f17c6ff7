package dev.prune.lang;

/** A top-level declaration. */
public sealed interface Decl extends Node permits LetDecl, RecipeDecl, TransformDecl, RulesDecl, ExperimentDecl {

    Name name();
}
