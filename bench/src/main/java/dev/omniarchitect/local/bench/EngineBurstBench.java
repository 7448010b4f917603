package dev.omniarchitect.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omniarchitect.json.Json;
import dev.omniarchitect.local.runtime.ExecutionLimit;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The engine under a burst: {@code omni serve} started as its own JVM on a fresh data directory, its
 * provider the bench's loopback server, then {@value #POSTS} POSTs of small batches with
 * {@value #IN_FLIGHT} in flight. Counts how each was answered, waits for every accepted job, and reads
 * the engine's peak RSS.
 */
record EngineBurstBench(BenchSettings settings, PrintWriter progress) {

    static final int POSTS = 400;
    static final int SHORT_POSTS = 100;
    static final int IN_FLIGHT = 40;
    static final int ITEMS_PER_JOB = 3;
    private static final Pattern LISTENING = Pattern.compile("API on (http://127\\.0\\.0\\.1:[0-9]+)");
    private static final Duration WAIT = Duration.ofSeconds(300);

    EngineBurstFigure measure(LoopbackChatServer provider, Path work) {
        int posts = settings.quick() ? SHORT_POSTS : POSTS;
        Path data = work.resolve("engine-burst");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                ProbeClasspath.absolute(System.getProperty("java.class.path")),
                "dev.omniarchitect.local.cli.OmniCommand", "serve", "--port", "0");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        String path = builder.environment().get("PATH");
        builder.environment().clear();
        builder.environment().putAll(Map.of("PATH", path == null ? "/usr/bin:/bin" : path,
                "OMNI_DATA_DIR", data.toString(), "OMNI_DEFAULT_PROVIDER", "openai",
                "OPENAI_BASE_URL", provider.baseUrl(), "OPENAI_API_KEY", "sk-bench-loopback"));
        Process engine;
        try {
            Files.createDirectories(data);
            engine = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the engine", e);
        }
        try {
            URI api = awaitListening(engine);
            return burst(api, engine.pid(), posts, provider.kinds());
        } catch (IOException e) {
            throw new UncheckedIOException("the engine burst failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during the engine burst", e);
        } finally {
            engine.destroyForcibly();
            try {
                engine.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private EngineBurstFigure burst(URI api, long pid, int posts, List<String> kinds) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        Semaphore slots = new Semaphore(IN_FLIGHT);
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < posts; i++) {
            slots.acquire();
            HttpRequest request = HttpRequest.newBuilder(api.resolve("/v1/generations")).timeout(WAIT)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(SyntheticBatch.of(ITEMS_PER_JOB, "burst-" + i + "-"
                            + start, "bypass", kinds))).build();
            answers.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                    .whenComplete((answer, error) -> slots.release()));
        }
        int accepted = 0;
        int tooMany = 0;
        int unavailable = 0;
        int other = 0;
        int withoutRetryAfter = 0;
        java.util.SortedMap<Integer, Integer> others = new java.util.TreeMap<>();
        List<String> jobs = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> future : answers) {
            HttpResponse<String> answer = future.join();
            switch (answer.statusCode()) {
                case 202 -> {
                    accepted++;
                    jobs.add(Json.mapper().readTree(answer.body()).path("jobId").asText());
                }
                case 429 -> tooMany++;
                case 503 -> unavailable++;
                default -> {
                    other++;
                    others.merge(answer.statusCode(), 1, Integer::sum);
                }
            }
            if ((answer.statusCode() == 429 || answer.statusCode() == 503)
                    && answer.headers().firstValue("Retry-After").isEmpty()) {
                withoutRetryAfter++;
            }
        }
        double burstMs = (System.nanoTime() - start) / 1e6;
        int ended = 0;
        for (String jobId : jobs) {
            ended += awaitSucceeded(http, api, jobId) ? 1 : 0;
        }
        double drainMs = (System.nanoTime() - start) / 1e6;
        double peakMb = PeakMemory.peakRssKb(pid) / 1024.0;
        progress.printf("  engine burst: %d POSTs, %d accepted, %d x 429, %d x 503, %d other %s; peak RSS %.0f MB%n",
                posts, accepted, tooMany, unavailable, other, others, peakMb);
        return new EngineBurstFigure(posts, IN_FLIGHT, ITEMS_PER_JOB, ExecutionLimit.DEFAULT, accepted, tooMany,
                unavailable, other, others.entrySet().stream().map(entry -> entry.getKey() + " x" + entry.getValue())
                        .collect(java.util.stream.Collectors.joining(", ")), withoutRetryAfter, ended, burstMs, drainMs, peakMb,
                "none (the JVM's defaults)");
    }

    private static boolean awaitSucceeded(HttpClient http, URI api, String jobId)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(api.resolve("/v1/generations/" + jobId))
                    .timeout(WAIT).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode record = Json.mapper().readTree(answer.body());
            String status = record.path("status").asText();
            if (status.equals("SUCCEEDED") || status.equals("PARTIAL") || status.equals("FAILED")) {
                return status.equals("SUCCEEDED");
            }
            Thread.sleep(100);
        }
        return false;
    }

    private static URI awaitListening(Process engine) throws IOException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(engine.getInputStream(),
                StandardCharsets.UTF_8));
        List<String> seen = new ArrayList<>();
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            Matcher matcher = LISTENING.matcher(line);
            if (matcher.find()) {
                // Its later output must not fill the pipe and stall it.
                Thread drain = new Thread(() -> {
                    try {
                        lines.transferTo(java.io.Writer.nullWriter());
                    } catch (IOException e) {
                        // the engine ended
                    }
                }, "engine-burst-output");
                drain.setDaemon(true);
                drain.start();
                return URI.create(matcher.group(1));
            }
            seen.add(line);
        }
        throw new IllegalStateException("the engine did not start: " + String.join("\n", seen));
    }
}
