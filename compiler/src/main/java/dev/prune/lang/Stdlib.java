package dev.prune.lang;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/** The standard library: .prune modules shipped inside the compiler jar under {@code std/}. */
public final class Stdlib {

    /** Every module of the standard library; a test checks this list against the stdlib folder. */
    public static final List<String> MODULES = List.of("std.updp");

    private Stdlib() {
    }

    /** The source of {@code std.updp}, named {@code std/updp.prune} in diagnostics. */
    public static Optional<Source> load(String module) {
        if (!MODULES.contains(module)) {
            return Optional.empty();
        }
        String path = module.replace('.', '/') + ".prune";
        try (InputStream in = Stdlib.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("the compiler jar lacks " + path);
            }
            return Optional.of(new Source(path, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + path + " from the compiler jar", e);
        }
    }
}
