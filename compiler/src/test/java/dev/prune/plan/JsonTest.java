package dev.prune.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void stringsAreEscapedAndNumbersShort() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("quote\"back\\slash", "line\nnext\ttab\u0001");
        value.put("numbers", List.of(3, 0.05, 1e-4, -2.5, 1e21, 7L));
        value.put("empty", Map.of());
        value.put("nothing", null);
        assertEquals("{\"quote\\\"back\\\\slash\":\"line\\nnext\\ttab\\u0001\",\"numbers\":[3,0.05,1e-4,-2.5,1e21,7],\"empty\":{},\"nothing\":null}",
                Json.compact(value));
    }

    @Test
    void prettyKeepsShortScalarListsOnOneLine() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("shape", List.of(1, 28, 28));
        value.put("stages", List.of(Map.of("name", "baseline")));
        assertEquals("{\n  \"shape\": [1, 28, 28],\n  \"stages\": [\n    {\n      \"name\": \"baseline\"\n    }\n  ]\n}\n", Json.pretty(value));
    }

    @Test
    void nonFiniteNumbersAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Json.compact(List.of(Double.POSITIVE_INFINITY)));
        assertThrows(IllegalArgumentException.class, () -> Json.compact(List.of(new Object())));
    }
}
