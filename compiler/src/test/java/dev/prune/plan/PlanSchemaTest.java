package dev.prune.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.prune.lang.Compilation;
import dev.prune.lang.Compiler;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every plan the shipped examples give conforms to plan.schema.json, and the schema is not vacuous. */
class PlanSchemaTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static JsonSchema schema() throws IOException {
        try (InputStream in = Plan.class.getResourceAsStream("plan.schema.json")) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        }
    }

    static Stream<Path> examples() throws IOException {
        return Files.walk(Path.of("../examples")).filter(p -> p.toString().endsWith(".prune")).sorted();
    }

    @ParameterizedTest
    @MethodSource("examples")
    void examplePlansConform(Path example) throws IOException {
        Compilation compilation = Compiler.compile(example, List.of("train.subnet.optimizer.lr=1e-4"));
        assertFalse(compilation.recipes().isEmpty(), compilation::render);
        for (var recipe : compilation.recipes()) {
            JsonNode plan = MAPPER.readTree(PlanJson.write(Planner.plan(recipe)));
            Set<ValidationMessage> errors = schema().validate(plan);
            assertEquals(Set.of(), errors, example + " / " + recipe.name());
        }
    }

    @Test
    void theSchemaRejectsAPlanWithAMissingHash() throws IOException {
        JsonNode plan = MAPPER.readTree(Files.readString(Path.of("src/test/resources/plan/convnext.plan.json")));
        assertEquals(Set.of(), schema().validate(plan));
        ((com.fasterxml.jackson.databind.node.ObjectNode) plan.get("stages").get(0)).remove("hash");
        assertFalse(schema().validate(plan).isEmpty());
    }
}
