package dev.prune.onnx;

import java.util.ArrayList;
import java.util.List;

/**
 * PyTorch module paths from the node names that {@code torch.onnx.export} (1.13+) writes: the scopes of the
 * modules that ran the op, then the op's own name. A child of a container repeats its parent's name, so
 * {@code /layer1/layer1.0/conv1/Conv} is module {@code layer1.0.conv1} and
 * {@code /features/features.1/conv/conv.0/conv.0.0/Conv} is {@code features.1.conv.0.0}: each scope that
 * extends the previous one by {@code .<child>} replaces it.
 */
final class ModulePath {

    private ModulePath() {
    }

    /** The dotted module path, or "" when the name has no scopes (top-level ops, unnamed nodes). */
    static String of(String nodeName) {
        if (!nodeName.startsWith("/")) {
            return "";
        }
        String[] parts = nodeName.substring(1).split("/");
        List<String> path = new ArrayList<>();
        for (int i = 0; i < parts.length - 1; i++) {
            String scope = parts[i];
            int last = path.size() - 1;
            if (last >= 0 && scope.startsWith(path.get(last) + ".")) {
                path.set(last, scope);
            } else if (!scope.isEmpty()) {
                path.add(scope);
            }
        }
        return String.join(".", path);
    }

    /** The op's own part of a node name: {@code Conv} in {@code /layer1/layer1.0/conv1/Conv}. */
    static String leaf(String nodeName) {
        int slash = nodeName.lastIndexOf('/');
        return slash < 0 ? nodeName : nodeName.substring(slash + 1);
    }

    /** The IR name for a node: {@code <module>/<leaf>} ({@code layer1.0.conv1/Conv}), or the leaf alone. */
    static String irName(String nodeName, String fallback) {
        String leaf = nodeName.isEmpty() ? fallback : leaf(nodeName);
        String module = of(nodeName);
        return module.isEmpty() ? leaf : module + "/" + leaf;
    }

    /** True for names PyTorch's state dict uses: dotted identifiers, no {@code ::} and no slash. */
    static boolean isStateDictName(String name) {
        return !name.isEmpty() && name.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_' || c == '.')
                && !name.startsWith(".") && !name.endsWith(".");
    }
}
