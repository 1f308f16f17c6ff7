package dev.prune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code prune lsp} in a child JVM, as an editor starts it: LSP messages on stdin, answers on stdout, nothing else there. */
class LspCommandTest {

    private static byte[] message(String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        byte[] header = ("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[header.length + body.length];
        System.arraycopy(header, 0, out, 0, header.length);
        System.arraycopy(body, 0, out, header.length, body.length);
        return out;
    }

    @Test
    void servesAnEditorOverStdio() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(List.of(java.toString(), "-cp", System.getProperty("java.class.path"), Main.class.getName(), "lsp"))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(message("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"capabilities\":{}}}"));
            in.write(message("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"shutdown\"}"));
            in.write(message("{\"jsonrpc\":\"2.0\",\"method\":\"exit\"}"));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream answers = process.getInputStream()) {
            answers.transferTo(out);
        }
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the server ends when its input does");
        String stdout = out.toString(StandardCharsets.UTF_8);
        assertTrue(stdout.startsWith("Content-Length: "), "stdout carries only the protocol: " + stdout);
        assertTrue(stdout.contains("\"id\":1,\"result\":{\"capabilities\""), stdout);
        assertTrue(stdout.contains("\"serverInfo\":{\"name\":\"prune\""), stdout);
        assertTrue(stdout.contains("{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":null}"), stdout);
        assertEquals(0, process.exitValue(), "shutdown, then exit: 0");
    }

    @Test
    void refusesArguments() {
        Cli.Result result = Cli.run(Path.of("."), "lsp", "extra");
        assertEquals(ExitCode.USAGE, result.exit(), result.err());
        assertTrue(result.err().contains("lsp takes no arguments"), result.err());
    }
}
