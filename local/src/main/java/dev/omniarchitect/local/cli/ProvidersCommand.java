package dev.omniarchitect.local.cli;

import dev.omniarchitect.kind.Kind;
import dev.omniarchitect.provider.Provider;
import dev.omniarchitect.provider.ProviderRegistry;
import dev.omniarchitect.runtime.AwsClients;
import dev.omniarchitect.runtime.FunctionConfig;
import dev.omniarchitect.runtime.FunctionServices;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
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
            "MODEL_NOT_FOUND, PROVIDER_TIMEOUT, ...).",
            ""},
        footer = {"", "Exit status: 0 listed (with --check: every configured provider answers), 1 --check found",
            "a configured provider that does not answer, 2 bad arguments or configuration."})
final class ProvidersCommand implements Callable<Integer> {

    @CommandLine.Option(names = "--check", description = "also ask each configured provider for one token, to see "
            + "whether it answers (at most 10 s)")
    boolean check;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final Map<String, String> environment;

    ProvidersCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        // No DynamoDB is touched: the registry only needs the providers' settings.
        try (AwsClients aws = AwsClients.forLocalDynamoDb(URI.create("http://127.0.0.1:1"), environment)) {
            FunctionServices services = new FunctionServices(FunctionConfig.fromEnvironment(environment), aws,
                    new PrintStream(OutputStream.nullOutputStream()), Clock.systemUTC());
            ProviderRegistry providers = services.providers();
            Kind kind = services.kinds().get("dockerfile");
            List<CompletableFuture<String>> answers = providers.all().stream()
                    .map(provider -> check ? ProviderCheck.of(provider, kind)
                            : CompletableFuture.completedFuture("not checked (--check)"))
                    .toList();
            List<List<String>> rows = new ArrayList<>();
            rows.add(List.of("PROVIDER", "CONFIGURED", "ANSWERS", "DEFAULT MODEL", "CONFIGURATION"));
            boolean allAnswer = true;
            for (int i = 0; i < providers.all().size(); i++) {
                Provider provider = providers.all().get(i);
                String answering = answers.get(i).join();
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
}
