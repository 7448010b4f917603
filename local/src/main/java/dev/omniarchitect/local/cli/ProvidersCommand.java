package dev.omniarchitect.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omniarchitect.local.engine.EngineClient;
import dev.omniarchitect.local.engine.EngineException;
import dev.omniarchitect.local.engine.EngineLauncher;
import dev.omniarchitect.provider.Provider;
import dev.omniarchitect.provider.ProviderRegistry;
import dev.omniarchitect.runtime.AwsClients;
import dev.omniarchitect.runtime.FunctionConfig;
import dev.omniarchitect.runtime.FunctionServices;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code omni providers}: which providers this machine can use, their default models and where their settings come from. */
@Command(name = "providers",
        mixinStandardHelpOptions = true,
        header = "Lists the providers: configured or not, default model, and with --check whether each answers.",
        description = {
            "Lists each provider: whether it is configured here, its default model, and where its",
            "configuration comes from (environment variable names, never their values). The provider marked",
            "'default' serves documents that name none (OMNI_DEFAULT_PROVIDER, else blueprint).",
            "",
            "Configured only says the settings are there (ollama needs none, so it always is). With --check,",
            "each configured AI provider also gets one real request for a single output token of its default",
            "model (a few hundred input tokens, so it may cost a fraction of a cent), at most 10 s each, all at",
            "once; ANSWERS then says yes, or no with the error code (PROVIDER_AUTH, PROVIDER_UNAVAILABLE,",
            "MODEL_NOT_FOUND, PROVIDER_TIMEOUT, ...). The check runs in the local engine of the data directory",
            "(started in the background if none runs) like any call: it takes a lease of the provider's shared",
            "limit first, so it waits out a pause or a full limit of running jobs (within its 10 s) and never adds",
            "a call above it, and a 429 it gets lowers the limit for them.",
            ""},
        footer = {"", "Exit status: 0 listed (with --check: every configured provider answers), 1 --check found",
            "a configured provider that does not answer, 2 bad arguments or configuration."})
final class ProvidersCommand implements Callable<Integer> {

    @CommandLine.Option(names = "--check", description = "also ask each configured provider for one token, to see "
            + "whether it answers (at most 10 s, under its shared limit, in the local engine)")
    boolean check;

    @CommandLine.Mixin
    DataDirOption dataDir;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final Map<String, String> environment;

    ProvidersCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        JsonNode checked = check ? checkedInTheEngine() : null;
        // No DynamoDB is touched: the registry only needs the providers' settings.
        try (AwsClients aws = AwsClients.forLocalDynamoDb(URI.create("http://127.0.0.1:1"), environment)) {
            FunctionServices services = new FunctionServices(FunctionConfig.fromEnvironment(environment), aws,
                    new PrintStream(OutputStream.nullOutputStream()), Clock.systemUTC());
            ProviderRegistry providers = services.providers();
            List<List<String>> rows = new ArrayList<>();
            rows.add(List.of("PROVIDER", "CONFIGURED", "ANSWERS", "DEFAULT MODEL", "CONFIGURATION"));
            boolean allAnswer = true;
            for (int i = 0; i < providers.all().size(); i++) {
                Provider provider = providers.all().get(i);
                String answering = checked == null ? "not checked (--check)"
                        : checked.path(provider.name()).asText("no: not checked by the engine");
                allAnswer &= !provider.isConfigured() || !answering.startsWith("no:");
                String name = provider.name() + (provider.name().equals(providers.defaultProvider()) ? " (default)" : "");
                rows.add(List.of(name, provider.isConfigured() ? "yes" : "no", answering, provider.defaultModel(),
                        provider.configurationSource()));
            }
            new TextTable(out).print(rows);
            out.println();
            out.println("Prices (USD per million tokens) were last checked " + services.prices().checked()
                    + "; models without a price show usage without cost.");
            return allAnswer ? ExitStatus.OK : ExitStatus.SOME_FAILED;
        }
    }

    /** Each provider's answer to the check, asked by the engine, where its jobs' leases are. */
    private JsonNode checkedInTheEngine() throws IOException {
        EngineClient engine = new EngineLauncher(dataDir.resolve(environment), environment, spec.commandLine().getErr())
                .connect();
        EngineClient.Answer answer = engine.checkProviders();
        if (answer.status() != 200) {
            throw new EngineException("the engine could not check the providers: " + answer.message());
        }
        return answer.body().path("answers");
    }
}
