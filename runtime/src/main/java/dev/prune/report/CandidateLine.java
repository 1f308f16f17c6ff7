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
 * @param score the candidate's score with the supernet's weights: top-1 in [0, 1], or the mean loss (see {@code metric})
 * @param metric what the score is, as the spec names it: {@code top1} or {@code loss}
 * @param split the split it was measured on: {@code val} or {@code train}
 * @param latencyMs measured latency when the search had a latency budget; null otherwise
 * @param chosen whether the search picked this one; exactly one candidate of a search is chosen
 */
public record CandidateLine(List<String> blocks, long macs, long params, double score, String metric, String split, Double latencyMs,
        boolean chosen) implements JsonLine {

    public CandidateLine {
        blocks = List.copyOf(blocks);
    }

    static CandidateLine fromJson(Map<String, Object> json) {
        JsonFields f = new JsonFields(json);
        return new CandidateLine(f.strings("blocks"), f.integer("macs"), f.integer("params"), f.number("score"), f.string("metric"),
                f.string("split"), f.optionalNumber("latency_ms"), f.bool("chosen"));
    }

    @Override
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("blocks", blocks);
        json.put("macs", macs);
        json.put("params", params);
        json.put("score", score);
        json.put("metric", metric);
        json.put("split", split);
        json.put("latency_ms", latencyMs);
        json.put("chosen", chosen);
        return json;
    }
}
