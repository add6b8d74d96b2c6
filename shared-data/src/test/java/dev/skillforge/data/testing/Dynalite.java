package dev.skillforge.data.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A dynalite process (the pinned npm install in tools/dynalite) on a free loopback port. It is tied to this
 * JVM by its stdin: when the JVM goes, however it goes, the pipe closes and dynalite exits by itself.
 */
public final class Dynalite implements AutoCloseable {

    private final Process process;
    private final int port;

    private Dynalite(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts dynalite in memory ({@code dataDirectory} null) or on LevelDB files in that directory. */
    public static Dynalite start(Path dataDirectory) {
        return startWith(dataDirectory == null ? List.of() : List.of("--path", dataDirectory.toAbsolutePath().toString()));
    }

    /** Starts dynalite with the launcher's options (tests: a short transaction-token window, injected write delays or failures). */
    public static Dynalite startWith(List<String> options) {
        Path launcher = home().resolve("launcher.js");
        if (!Files.exists(home().resolve("node_modules/dynalite"))) {
            throw new IllegalStateException("dynalite is not installed in " + home() + ": run the Maven build (it runs npm ci)");
        }
        List<String> command = new ArrayList<>(List.of("node", launcher.toString(), "--port", "0"));
        command.addAll(options);
        try {
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String line = CompletableFuture.supplyAsync(() -> {
                try {
                    return out.readLine();
                } catch (IOException e) {
                    return null;
                }
            }).get(30, TimeUnit.SECONDS);
            if (line == null || !line.startsWith("DYNALITE_PORT=")) {
                process.destroyForcibly();
                throw new IllegalStateException("dynalite did not start (it said: " + line + ")");
            }
            return new Dynalite(process, Integer.parseInt(line.substring("DYNALITE_PORT=".length()).trim()));
        } catch (IllegalStateException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("could not start dynalite with node: " + e.getMessage(), e);
        }
    }

    /** tools/dynalite: from the build's system property, else found by walking up from the working directory. */
    public static Path home() {
        String configured = System.getProperty("dynalite.home");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("tools/dynalite");
            if (Files.exists(candidate.resolve("launcher.js"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("tools/dynalite not found above " + Path.of("").toAbsolutePath());
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // closing stdin is only the polite way to stop it
        }
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
