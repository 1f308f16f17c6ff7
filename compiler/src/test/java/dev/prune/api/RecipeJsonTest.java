package dev.prune.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.lang.Compilation;
import dev.prune.lang.Compiler;
import dev.prune.lang.Source;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecipeJsonTest {

    private static Map<String, Object> quickstartJson() throws IOException {
        Compilation compilation = Compiler.compile(Path.of("../examples/quickstart.prune"), List.of());
        assertTrue(compilation.ok(), compilation::render);
        @SuppressWarnings("unchecked")
        Map<String, Object> json = (Map<String, Object>) MiniJson.read(RecipeJson.write(compilation.recipes().get(0)));
        return json;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object value) {
        return (Map<String, Object>) value;
    }

    @Test
    void theQuickstartReadsBackWithEveryResolvedParameter() throws IOException {
        Map<String, Object> json = quickstartJson();
        assertEquals(List.of("recipe", "stages", "params"), List.copyOf(json.keySet()));
        assertEquals("quickstart", json.get("recipe"));
        assertEquals(List.of("baseline", "supernet", "subnet"), json.get("stages"));
        Map<String, Object> params = object(json.get("params"));
        assertEquals(7.0, params.get("seed"));
        assertEquals(List.of(1.0, 28.0, 28.0), params.get("model.input"));
        assertEquals(1000.0, params.get("data.val"));
        assertEquals("train", params.get("data.val.from"));
        assertEquals(Map.of("min", 2.0, "max", 2.0), params.get("space.prune"), "a count reads as a range of one");
        assertEquals("updp.merge", params.get("merge"));
        assertEquals(1e-4, params.get("export.verify.atol"));

        Map<String, Object> model = object(params.get("model"));
        assertEquals("convnext", model.get("call"));
        assertEquals(List.of(24.0, 48.0, 96.0, 192.0), object(model.get("args")).get("dims"));

        Map<String, Object> schedule = object(object(params.get("train.baseline.schedule")).get("args"));
        assertEquals(List.of("warmup", "min_lr"), List.copyOf(schedule.keySet()), "arguments in the catalogue's order");
        assertEquals(Map.of("value", 0.5, "unit", "epochs"), schedule.get("warmup"));
        assertEquals(Map.of("value", 0.0, "unit", "steps"), object(object(params.get("train.subnet.schedule")).get("args")).get("warmup"));
    }

    @Test
    void budgetsAndRangesHaveTheirOwnShape() {
        Compilation compilation = Compiler.compile(new Source("b.prune", RecipeBuilderTest.QUICKSTART_TEXT
                .replace("prune 1;", "prune 1..2 where macs <= 0.8 x baseline and latency < 5 ms;")), List.of());
        assertTrue(compilation.ok(), compilation::render);
        Map<String, Object> params = object(object(MiniJson.read(RecipeJson.write(compilation.recipes().get(0)))).get("params"));
        assertEquals(Map.of("min", 1.0, "max", 2.0), params.get("space.prune"));
        assertEquals(List.of(
                Map.of("metric", "macs", "op", "<=", "bound", Map.of("value", 0.8, "unit", "x baseline")),
                Map.of("metric", "latency", "op", "<", "bound", Map.of("value", 5.0, "unit", "ms"))),
                params.get("space.prune.where"));
    }
}
