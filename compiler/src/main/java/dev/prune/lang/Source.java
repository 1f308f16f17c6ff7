package dev.prune.lang;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The text of one .prune file and the name diagnostics use for it. */
public record Source(String name, String text) {

    public static Source read(Path path) throws IOException {
        return new Source(path.toString(), Files.readString(path, StandardCharsets.UTF_8));
    }

    /** Line {@code n} (1-based) without its line terminator, or "" past the end. */
    public String line(int n) {
        List<String> lines = lines();
        return n >= 1 && n <= lines.size() ? lines.get(n - 1) : "";
    }

    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                lines.add(stripCarriageReturn(text.substring(start, i)));
                start = i + 1;
            }
        }
        lines.add(stripCarriageReturn(text.substring(start)));
        return lines;
    }

    private static String stripCarriageReturn(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }
}
