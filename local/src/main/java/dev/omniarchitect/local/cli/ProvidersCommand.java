package dev.omniarchitect.local.cli;

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
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code omni providers}: which providers this machine can use, their default models and where their settings come from. */
@Command(name = "providers",
        mixinStandardHelpOptions = true,
        description = {
            "Lists each provider: whether it is configured here, its default model, and where its",
            "configuration comes from (environment variable names, never their values). The provider marked",
            "'default' serves documents that name none (OMNI_DEFAULT_PROVIDER, else blueprint).",
            ""})
final class ProvidersCommand implements Callable<Integer> {

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
            List<List<String>> rows = new ArrayList<>();
            rows.add(List.of("PROVIDER", "CONFIGURED", "DEFAULT MODEL", "CONFIGURATION"));
            for (Provider provider : providers.all()) {
                String name = provider.name() + (provider.name().equals(providers.defaultProvider()) ? " (default)" : "");
                rows.add(List.of(name, provider.isConfigured() ? "yes" : "no", provider.defaultModel(),
                        provider.configurationSource()));
            }
            new TextTable(out).print(rows);
            out.println();
            out.println("Prices (USD per million tokens) were last checked " + services.prices().checked()
                    + "; models without a price show usage without cost.");
        }
        return ExitStatus.OK;
    }
}
