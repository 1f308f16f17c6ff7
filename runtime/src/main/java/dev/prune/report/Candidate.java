package dev.prune.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One subnet the search scored: a line of the search stage's {@code candidates.jsonl}.
 *
 * @param blocks the blocks this candidate prunes, by name
 * @param macs multiply-accumulates of the whole network with these blocks pruned, for one input
 * @param params parameters of that network
 * @param score what the search maximises (top-1 on held-out data with the supernet's weights), in [0, 1]
 * @param latencyMs measured latency when the search had a latency budget; null otherwise
 * @param chosen whether the search picked this one; exactly one candidate of a search is chosen
 */
public record Candidate(List<String> blocks, long macs, long params, double score, Double latencyMs,
        boolean chosen) implements JsonLine {

    public Candidate {
        blocks = List.copyOf(blocks);
    }

    static Candidate fromJson(Map<String, Object> json) {
        JsonFields f = new JsonFields(json);
        return new Candidate(f.strings("blocks"), f.integer("macs"), f.integer("params"), f.number("score"),
                f.optionalNumber("latency_ms"), f.bool("chosen"));
    }

    @Override
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("blocks", blocks);
        json.put("macs", macs);
        json.put("params", params);
        json.put("score", score);
        json.put("latency_ms", latencyMs);
        json.put("chosen", chosen);
        return json;
    }
}
