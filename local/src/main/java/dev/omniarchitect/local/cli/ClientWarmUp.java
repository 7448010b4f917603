package dev.omniarchitect.local.cli;

import dev.omniarchitect.job.JobRecord;
import dev.omniarchitect.json.Json;

/**
 * Work a client will need later, started early on a thread of its own: the machine has a second core while the
 * main thread parses the command line, and while the engine runs the job. Nothing here has effects beyond
 * classes initialised and Jackson's caches filled; a client that ends first does not wait for it.
 */
final class ClientWarmUp {

    private ClientWarmUp() {
    }

    /** For a command that talks JSON to the engine: the shared mapper, built while picocli parses the arguments. */
    static void jsonFor(String[] args) {
        if (args.length > 0 && ("run".equals(args[0]) || "invoke".equals(args[0]))) {
            start("omni-json", Json::mapper);
        }
    }

    /** While the job runs: the reader of its record (Jackson builds one per type, on first use, slowly on a cold JVM). */
    static void recordReader() {
        start("omni-record-reader", () -> Json.mapper().readerFor(JobRecord.class));
    }

    private static void start(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
    }
}
