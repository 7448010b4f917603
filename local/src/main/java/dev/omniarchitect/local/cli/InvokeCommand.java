package dev.omniarchitect.local.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.omniarchitect.batch.Violation;
import dev.omniarchitect.json.Json;
import dev.omniarchitect.local.asl.LambdaFailure;
import dev.omniarchitect.local.runtime.LocalFunctions;
import dev.omniarchitect.local.runtime.LocalPipeline;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code omni invoke FUNCTION --event FILE}: one function of template.yaml, invoked in-process like {@code sam local invoke}. */
@Command(name = "invoke",
        mixinStandardHelpOptions = true,
        header = "Invokes one function of template.yaml with an event file, as 'sam local invoke' does.",
        description = {
            "Invokes the function FUNCTION (its logical id in template.yaml: ApiFunction, ProviderCallFunction,",
            "AggregateFunction, ReconcileFunction) with the event in FILE, in this process, the way 'sam local",
            "invoke' runs it in a container: the same handler class, the same JSON bytes in, its JSON answer",
            "printed on stdout. The functions use DynamoDB Local under .omni/ (or OMNI_DATA_DIR); their JSON logs",
            "go to .omni/logs/omni.log. When ApiFunction starts executions (a POST or a scheduled run), they run",
            "on the local executor before the command ends, as Step Functions would run them.",
            "",
            "ApiFunction takes API Gateway events of both payload formats: HTTP API 2.0 (events/api-*.json) and",
            "REST API 1.0 (events/api-rest-*.json, or what 'sam local generate-event apigateway aws-proxy' makes),",
            "each answered in its own format, and scheduled runs (events/scheduled-run.json).",
            "The events in events/ fit each function: events/api-*.json and events/scheduled-run.json for",
            "ApiFunction, events/provider-call.json for ProviderCallFunction, events/aggregate.json for",
            "AggregateFunction, events/execution-status-change.json (the EventBridge event of an execution that",
            "timed out) for ReconcileFunction.",
            ""},
        footer = {"", "Exit status: 0 the function returned, 1 the function failed (its error is printed as",
            "Lambda reports it), 2 bad arguments or event file, 3 the invocation could not be carried out."})
final class InvokeCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FUNCTION", description = "the function's logical id in template.yaml")
    String function;

    @Option(names = {"--event", "-e"}, paramLabel = "FILE", required = true,
            description = "the event: a JSON object (UTF-8); - reads it from standard input")
    Path event;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final Map<String, String> environment;

    InvokeCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<String> text = InputFile.read(event.toString(), System.in, err);
        if (text.isEmpty()) {
            return ExitStatus.BAD_INPUT;
        }
        ObjectMapper mapper = Json.mapper();
        JsonNode payload;
        try {
            payload = mapper.readTree(text.get());
        } catch (JsonProcessingException e) {
            err.println("omni: " + event + " is not JSON: " + Violation.malformedJson(e).message());
            return ExitStatus.BAD_INPUT;
        }
        if (payload == null || payload.isMissingNode() || !payload.isObject()) {
            boolean empty = payload == null || payload.isMissingNode();
            err.println("omni: " + event + (empty ? " is empty" : " is not a JSON object")
                    + "; an event is a JSON object, such as the files in events/");
            return ExitStatus.BAD_INPUT;
        }
        if (!LocalFunctions.NAMES.contains(function)) {
            err.println("omni: unknown function " + function + "; the functions of template.yaml: "
                    + String.join(", ", LocalFunctions.NAMES));
            return ExitStatus.BAD_INPUT;
        }
        LocalState state = new LocalState(environment);
        try (PrintStream logs = state.openLog(); LocalPipeline pipeline = state.pipeline(logs).build()) {
            try {
                JsonNode result = pipeline.functions().invoke(function, payload);
                out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(result));
            } catch (LambdaFailure failure) {
                out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(mapper.createObjectNode()
                        .put("errorType", failure.errorType())
                        .put("errorMessage", failure.errorMessage())));
                return ExitStatus.FUNCTION_FAILED;
            }
            pipeline.awaitExecutions().forEach((name, execution) ->
                    err.println("omni: execution " + name + " ended " + execution.status()));
            return ExitStatus.OK;
        }
    }
}
