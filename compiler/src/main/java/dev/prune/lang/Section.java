package dev.prune.lang;

import java.util.List;
import java.util.Optional;

/**
 * A braced section of a recipe. Its subject is what follows the keyword: the architecture of
 * {@code model convnext(...)}, the source of {@code data fashion_mnist("...")}, the stage of
 * {@code train baseline}, the strategy of {@code search evolution}, the format of {@code export onnx("...")};
 * {@code space} and {@code runtime} have none.
 */
public record Section(Span span, SectionKind kind, Optional<Call> subject, List<Setting> settings)
        implements RecipeItem {

    public Section {
        settings = List.copyOf(settings);
    }

    /** The subject's name, e.g. {@code baseline} for {@code train baseline}; empty when there is no subject. */
    public String subjectName() {
        return subject.map(c -> c.callee().dotted()).orElse("");
    }

    /** How diagnostics name this section: {@code train baseline}, {@code space}. */
    public String title() {
        return subject.isPresent() && kind != SectionKind.MODEL && kind != SectionKind.DATA && kind != SectionKind.EXPORT
                ? kind.keyword() + " " + subjectName()
                : kind.keyword();
    }
}
