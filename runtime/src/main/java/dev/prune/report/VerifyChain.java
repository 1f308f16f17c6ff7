package dev.prune.report;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The run's three equivalence checks, each the largest absolute difference between two models' outputs on
 * the same inputs: the subnet at λ = 0 against the baseline (the transform starts from the trained model),
 * the merged graph against the subnet at λ = 1 (the algebra is exact), and ONNX Runtime against the merged
 * graph (the export is faithful).
 */
public record VerifyChain(Link lambda0VsBaseline, Link mergedVsSubnet, Link onnxVsMerged) {

    /** Whether a link held. */
    public enum Status {
        PASS, FAIL, NOT_RUN
    }

    /** One check: its measured difference (null when it was not run) and the largest it may be. */
    public record Link(Double maxAbsDiff, double tolerance) {

        public static Link notRun(double tolerance) {
            return new Link(null, tolerance);
        }

        public Status status() {
            if (maxAbsDiff == null) {
                return Status.NOT_RUN;
            }
            // NaN fails: a comparison that produced NaN proves nothing.
            return maxAbsDiff <= tolerance ? Status.PASS : Status.FAIL;
        }
    }

    public VerifyChain {
        Objects.requireNonNull(lambda0VsBaseline, "lambda0VsBaseline");
        Objects.requireNonNull(mergedVsSubnet, "mergedVsSubnet");
        Objects.requireNonNull(onnxVsMerged, "onnxVsMerged");
    }

    /** The links by their summary.json names, in chain order. */
    public Map<String, Link> links() {
        Map<String, Link> links = new LinkedHashMap<>();
        links.put("lambda0_vs_baseline", lambda0VsBaseline);
        links.put("merged_vs_subnet", mergedVsSubnet);
        links.put("onnx_vs_merged", onnxVsMerged);
        return links;
    }

    /** FAIL if any link failed; PASS if all ran and held; NOT_RUN if none failed but some did not run. */
    public Status overall() {
        boolean allRan = true;
        for (Link link : links().values()) {
            if (link.status() == Status.FAIL) {
                return Status.FAIL;
            }
            allRan &= link.status() == Status.PASS;
        }
        return allRan ? Status.PASS : Status.NOT_RUN;
    }
}
