package dev.prune.zoo;

import dev.prune.ir.Graph;
import java.util.Set;

/** One architecture of the zoo, buildable at any depth and width. */
interface ModelFamily {

    String name();

    /** The argument names {@link #build} understands. */
    Set<String> arguments();

    Graph build(String graphName, ModelArgs args, ImageShape input, int classes, WeightInit init);
}
