package dev.prune.lsp;

import dev.prune.lang.Catalogue;
import dev.prune.lang.Decl;
import dev.prune.lang.Family;
import dev.prune.lang.LetDecl;
import dev.prune.lang.Module;
import dev.prune.lang.RulesDecl;
import dev.prune.lang.SectionKind;
import dev.prune.lang.SettingSpec;
import dev.prune.lang.TransformDecl;
import dev.prune.lang.Type;
import dev.prune.lang.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the catalogue and the document's declarations allow at a cursor: settings, families, references. */
final class Scope {

    private Scope() {
    }

    /**
     * The settings the checker accepts as a new statement in the cursor's frame: the section's (or the
     * recipe's) settings that apply to its subject, not yet written there, and not in conflict with one
     * that is (a stage's length is epochs or steps, not both).
     */
    static List<SettingSpec> acceptedSettings(CursorContext context) {
        List<String> written = context.writtenKeys();
        List<SettingSpec> candidates;
        if (context.frame.kind == CursorContext.FrameKind.RECIPE) {
            candidates = Catalogue.RECIPE_SETTINGS;
        } else if (context.frame.kind == CursorContext.FrameKind.SECTION) {
            SectionKind kind = context.frame.section;
            String subject = context.frame.subject;
            List<String> subjects = Catalogue.subjectNames(kind);
            boolean knownSubject = subjects.isEmpty() || subjects.contains(subject);
            candidates = Catalogue.SECTIONS.get(kind).stream()
                    .filter(s -> s.only().isEmpty() || !knownSubject || s.only().contains(subject))
                    .toList();
        } else {
            return List.of();
        }
        return candidates.stream()
                .filter(s -> !written.contains(s.key()))
                .filter(s -> !(context.frame.section == SectionKind.TRAIN && conflictsWithLength(s.key(), written)))
                .toList();
    }

    private static boolean conflictsWithLength(String key, List<String> written) {
        return key.equals("epochs") && written.contains("steps") || key.equals("steps") && written.contains("epochs");
    }

    /** The setting a statement in the cursor's frame starts with, if the catalogue knows it. */
    static Optional<SettingSpec> setting(CursorContext.Frame frame, String key) {
        List<SettingSpec> specs = frame.kind == CursorContext.FrameKind.RECIPE ? Catalogue.RECIPE_SETTINGS
                : frame.kind == CursorContext.FrameKind.SECTION ? Catalogue.SECTIONS.get(frame.section) : List.of();
        return specs.stream().filter(s -> s.key().equals(key)).findFirst();
    }

    /** The family of calls a type accepts, looking through {@code or none}. */
    static Optional<Family> family(Type type) {
        if (type instanceof Types.CallType call) {
            return Optional.of(call.family());
        }
        if (type instanceof Types.OrNone orNone) {
            return family(orNone.inner());
        }
        return Optional.empty();
    }

    /** Every family a callee name could belong to at a statement: the setting's, or the section subject's. */
    static Optional<Family> familyAt(CursorContext context) {
        String key = context.key();
        if (context.frame.kind == CursorContext.FrameKind.RECIPE) {
            return SectionKind.byKeyword(key).map(Catalogue::subjectFamily);
        }
        return setting(context.frame, key).flatMap(s -> s.type() == null ? Optional.empty() : family(s.type()));
    }

    /** Names of the transform or rules declarations reachable from a module: its own, and each import's as namespace.name. */
    static List<String> declarations(Module module, Class<? extends Decl> kind) {
        List<String> names = new ArrayList<>();
        module.ast().decls().stream().filter(kind::isInstance).forEach(d -> names.add(d.name().text()));
        for (Map.Entry<String, Module> imported : module.imports().entrySet()) {
            imported.getValue().ast().decls().stream().filter(kind::isInstance)
                    .forEach(d -> names.add(imported.getKey() + "." + d.name().text()));
        }
        return names;
    }

    /** The kind of declaration a reference type names. */
    static Class<? extends Decl> declarationKind(Types.Reference reference) {
        return reference.kind().equals("transform") ? TransformDecl.class : RulesDecl.class;
    }

    /** Constants of the imported modules, as namespace.name. */
    static List<String> importedLets(Module module) {
        List<String> names = new ArrayList<>();
        for (Map.Entry<String, Module> imported : module.imports().entrySet()) {
            imported.getValue().ast().decls().stream().filter(LetDecl.class::isInstance)
                    .forEach(d -> names.add(imported.getKey() + "." + d.name().text()));
        }
        return names;
    }
}
