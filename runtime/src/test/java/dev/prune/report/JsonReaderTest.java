package dev.prune.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.plan.Json;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class JsonReaderTest {

    @Test
    void readsEveryKindOfValue() {
        Map<String, Object> m = JsonReader.parseObject(
                "{\"s\":\"a\\\"b\\u00e9\\n\",\"i\":-12,\"d\":1.5e-3,\"t\":true,\"f\":false,\"n\":null,\"l\":[1,[],{}]}");
        assertEquals("a\"bé\n", m.get("s"));
        assertEquals(-12L, m.get("i"));
        assertEquals(1.5e-3, m.get("d"));
        assertEquals(true, m.get("t"));
        assertEquals(false, m.get("f"));
        assertTrue(m.containsKey("n"));
        assertNull(m.get("n"));
        assertEquals(List.of(1L, List.of(), Map.of()), m.get("l"));
        assertEquals(List.of("s", "i", "d", "t", "f", "n", "l"), List.copyOf(m.keySet()), "file order is kept");
    }

    @Test
    void readsBackWhatTheProjectWriterWrites() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("blocks", List.of("features.3.1", "x\ty"));
        value.put("macs", 1234567L);
        value.put("score", 0.812);
        value.put("tiny", 1.2e-7);
        value.put("latency_ms", null);
        value.put("nested", Map.of("k", List.of(true, false)));
        assertEquals(value, JsonReader.parse(Json.pretty(value)));
        assertEquals(value, JsonReader.parse(Json.compact(value)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{", "{\"a\":1,}", "[1,]", "{\"a\":01}", "{\"a\":NaN}", "{\"a\":.5}", "{\"a\":1.}",
        "{'a':1}", "{\"a\":1}x", "{\"a\":1,\"a\":2}", "{\"a\":\"line\nbreak\"}", "{\"a\":tru}", "{\"a\":\"\\x\"}",
        "{\"stage\":\"baseline\",\"epo", "{\"a\":1 // c\n}"})
    void rejectsWhatIsNotStrictJson(String text) {
        assertThrows(JsonSyntaxException.class, () -> JsonReader.parse(text));
    }

    @Test
    void errorsNameTheColumn() {
        JsonSyntaxException e = assertThrows(JsonSyntaxException.class, () -> JsonReader.parse("{\"a\":1,\"a\":2}"));
        assertEquals(8, e.column());
        assertTrue(e.getMessage().contains("duplicate key \"a\""), e.getMessage());
    }

    @Test
    void integersBeyondLongBecomeDoubles() {
        assertEquals(1e20, JsonReader.parse("100000000000000000000"));
        assertEquals(Arrays.asList(0L, -0.0, 2.5e10), JsonReader.parse("[0,-0.0,2.5E+10]"));
    }
}
