package org.clipdg.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A page as a person would see it: Debian's Chromium, headless, driven over the DevTools protocol
 * (java.net.http's WebSocket, no driver). Records console errors, uncaught exceptions and every
 * network request the page makes, and takes a full-page screenshot.
 */
final class HeadlessChromium implements AutoCloseable {
    static final Path BINARY = Path.of("/usr/bin/chromium");
    private static final Pattern DEVTOOLS = Pattern.compile("DevTools listening on (ws://\\S+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What loading a page showed. */
    record Visit(List<String> consoleErrors, List<String> requests, JsonNode evaluated) {}

    private final Process browser;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<JsonNode> events = new CopyOnWriteArrayList<>();

    private HeadlessChromium(Process browser, WebSocket.Builder builder, URI page) throws Exception {
        this.browser = browser;
        this.socket = builder.buildAsync(page, new Listener()).get(30, TimeUnit.SECONDS);
    }

    /** Starts Chromium with a profile of its own under {@code profile} and attaches to its first tab. */
    static HeadlessChromium start(Path profile) throws Exception {
        Process browser = new ProcessBuilder(BINARY.toString(), "--headless=new", "--no-sandbox", "--disable-gpu",
                "--remote-debugging-port=0", "--user-data-dir=" + profile, "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-default-apps", "--window-size=1280,900",
                "about:blank").redirectErrorStream(true).start();
        String browserSocket = null;
        BufferedReader output = new BufferedReader(new InputStreamReader(browser.getInputStream(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        for (String line; browserSocket == null && System.nanoTime() < deadline && (line = output.readLine()) != null;) {
            Matcher m = DEVTOOLS.matcher(line);
            if (m.find()) {
                browserSocket = m.group(1);
            }
        }
        if (browserSocket == null) {
            browser.destroyForcibly();
            throw new IOException("chromium did not open its DevTools port");
        }
        Thread drain = new Thread(() -> output.lines().forEach(line -> { }));
        drain.setDaemon(true);
        drain.start();
        URI endpoint = URI.create(browserSocket);
        HttpClient http = HttpClient.newHttpClient();
        JsonNode targets = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create("http://" + endpoint.getAuthority()
                + "/json/list")).build(), HttpResponse.BodyHandlers.ofString()).body());
        for (JsonNode target : targets) {
            if (target.path("type").asText().equals("page")) {
                return new HeadlessChromium(browser, http.newWebSocketBuilder(),
                        URI.create(target.path("webSocketDebuggerUrl").asText()));
            }
        }
        browser.destroyForcibly();
        throw new IOException("chromium has no page to attach to: " + targets);
    }

    /**
     * Loads {@code file}, waits for its load event, evaluates {@code expression} in it and saves a
     * full-page screenshot to {@code screenshot}.
     */
    Visit visit(Path file, String expression, Path screenshot) throws Exception {
        for (String domain : List.of("Runtime", "Log", "Network", "Page")) {
            call(domain + ".enable", JSON.createObjectNode());
        }
        call("Page.navigate", JSON.createObjectNode().put("url", file.toUri().toString()));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (events.stream().noneMatch(e -> e.path("method").asText().equals("Page.loadEventFired"))) {
            if (System.nanoTime() > deadline) {
                throw new IOException("the page did not finish loading in 60 s");
            }
            Thread.sleep(50);
        }
        Thread.sleep(500); // late requests or errors after the load event
        JsonNode evaluated = call("Runtime.evaluate", JSON.createObjectNode().put("expression", expression)
                .put("returnByValue", true)).path("result").path("value");
        ObjectNode shot = JSON.createObjectNode().put("format", "png").put("captureBeyondViewport", true);
        Files.write(screenshot, Base64.getDecoder().decode(call("Page.captureScreenshot", shot).path("data").asText()));

        List<String> errors = new ArrayList<>();
        List<String> requests = new ArrayList<>();
        for (JsonNode event : events) {
            JsonNode params = event.path("params");
            switch (event.path("method").asText()) {
                case "Runtime.consoleAPICalled" -> {
                    if (params.path("type").asText().equals("error")) {
                        errors.add("console.error: " + params.path("args"));
                    }
                }
                case "Runtime.exceptionThrown" -> errors.add("exception: " + params.path("exceptionDetails"));
                case "Log.entryAdded" -> {
                    if (params.path("entry").path("level").asText().equals("error")) {
                        errors.add("log: " + params.path("entry").path("text").asText());
                    }
                }
                case "Network.requestWillBeSent" -> requests.add(params.path("request").path("url").asText());
                default -> { }
            }
        }
        return new Visit(errors, requests, evaluated);
    }

    private JsonNode call(String method, ObjectNode params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, reply);
        socket.sendText(JSON.writeValueAsString(JSON.createObjectNode().put("id", id).put("method", method).set("params", params)),
                true).get(30, TimeUnit.SECONDS);
        JsonNode message = reply.get(60, TimeUnit.SECONDS);
        if (message.has("error")) {
            throw new IOException(method + ": " + message.get("error"));
        }
        return message.path("result");
    }

    @Override
    public void close() throws Exception {
        socket.abort();
        browser.destroy();
        if (!browser.waitFor(10, TimeUnit.SECONDS)) {
            browser.destroyForcibly();
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    JsonNode message = JSON.readTree(partial.toString());
                    if (message.has("id")) {
                        CompletableFuture<JsonNode> reply = pending.remove(message.get("id").asInt());
                        if (reply != null) {
                            reply.complete(message);
                        }
                    } else {
                        events.add(message);
                    }
                } catch (IOException e) {
                    pending.values().forEach(reply -> reply.completeExceptionally(e));
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }
    }
}
