package dev.prune.lang;

/** What a recipe body holds: constants, sections, and recipe-level settings ({@code seed}, {@code merge}). */
public sealed interface RecipeItem extends Node permits LetDecl, Section, Setting {
}
