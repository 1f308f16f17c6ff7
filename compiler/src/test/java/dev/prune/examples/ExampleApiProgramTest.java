package dev.prune.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.api.AstCheck;
import dev.prune.api.Recipe;
import dev.prune.lang.Compilation;
import dev.prune.lang.Compiler;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** examples/api/GenerateRecipe.java compiles against the API as it is, so that it cannot rot. */
class ExampleApiProgramTest {

    static final Path PROGRAM = ExamplesTest.EXAMPLES.resolve("api/GenerateRecipe.java");

    /** Compiles the program into {@code out} against the test classpath; returns javac's messages. */
    static String compile(Path out) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream messages = new ByteArrayOutputStream();
        int status = javac.run(null, messages, messages, "-Xlint:all", "-Werror",
                "-classpath", System.getProperty("java.class.path"), "-d", out.toString(), PROGRAM.toString());
        String text = messages.toString(StandardCharsets.UTF_8);
        assertEquals(0, status, text);
        return text;
    }

    @Test
    void theProgramCompilesWithoutWarnings(@TempDir Path classes) {
        assertEquals("", compile(classes));
    }

    /** The sweep's recipes, made by the compiled program's own methods. */
    static List<Recipe> sweep(Path classes) throws Exception {
        compile(classes);
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, ExampleApiProgramTest.class.getClassLoader())) {
            Class<?> program = loader.loadClass("GenerateRecipe");
            Method pruning = program.getMethod("pruning", Recipe.class, int.class);
            Recipe base = (Recipe) program.getMethod("base", String.class).invoke(null, "../data/fashion-mnist");
            List<Recipe> recipes = new ArrayList<>();
            for (int blocks : List.of(2, 4, 6)) {
                recipes.add((Recipe) pruning.invoke(null, base, blocks));
            }
            return recipes;
        }
    }

    @Test
    void theSweepsRecipesCheckClean(@TempDir Path classes) throws Exception {
        for (Recipe recipe : sweep(classes)) {
            AstCheck.Result result = AstCheck.check(recipe);
            assertEquals(List.of(), result.diagnostics(), recipe.name());
        }
    }

    /** The sweep's recipes printed by the canonical printer check clean as text too. */
    @Test
    void theSweepsTextChecksClean(@TempDir Path classes, @TempDir Path folder) throws Exception {
        for (Recipe recipe : sweep(classes)) {
            Path file = folder.resolve(recipe.name() + ".prune");
            Files.writeString(file, recipe.toText());
            Compilation compilation = Compiler.compile(file, List.of());
            assertTrue(compilation.diagnostics().isEmpty(), compilation::render);
        }
    }
}
