package dev.omniarchitect.local.bench;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the probe JVMs reach over loopback, run by this JVM: DynamoDB Local (with the tables, and the
 * jobs their events name), the provider and Step Functions; and how each function's JVM is started: the
 * template's JAVA_TOOL_OPTIONS, the serial collector and heap a container of its MemorySize gets, the
 * environment Lambda would give it.
 */
final class ProbeSetup implements AutoCloseable {

    /** Tells org.crac to hand the SnapStart hooks to the bench's stand-in CRaC implementation. */
    static final String CRAC_COMPAT = "-Dorg.crac.Core.Compat=dev.omniarchitect.local.bench.snapstart";

    private final URI dynamoDb;
    private final LoopbackChatServer provider;
    private final LoopbackStepFunctions stepFunctions;
    private final LoopbackS3 s3;
    private final BenchPipeline pipeline;
    private final ProbeEvents events;
    private final ProbeClasspath classpath;
    private final TemplateSettings template;
    private final Path directory;

    ProbeSetup(BenchSettings settings, TemplateSettings template, ProbeClasspath classpath, URI dynamoDb,
               KindAnswers answers, Path directory) {
        this.template = template;
        this.directory = directory;
        this.classpath = classpath;
        this.dynamoDb = dynamoDb;
        this.provider = LoopbackChatServer.start(Duration.ZERO);
        provider.answers(answers);
        this.stepFunctions = LoopbackStepFunctions.start();
        this.s3 = LoopbackS3.start();
        this.pipeline = BenchPipeline.on(dynamoDb, provider, settings.maxConcurrency());
        this.events = new ProbeEvents(pipeline, directory);
        warmUp(settings.footprintItems());
    }

    /**
     * Brings this JVM's DynamoDB Local up to speed before any probe talks to it, then clears away the
     * garbage, so a probe's first request meets a warm server, as Lambda's meets DynamoDB.
     */
    private void warmUp(int items) {
        for (int round = 0; round < 3; round++) {
            pipeline.run(pipeline.batch(items, "probe-warm-up", "use"));
        }
        System.gc();
    }

    ProbeEvents events() {
        return events;
    }

    ProbeClasspath classpath() {
        return classpath;
    }

    LoopbackChatServer provider() {
        return provider;
    }

    Path directory() {
        return directory;
    }

    /** The JVM options of that function as deployed, as a container of its MemorySize would size the JVM. */
    List<String> jvmOptions(String function) {
        List<String> options = new ArrayList<>(template.javaToolOptions(function));
        options.add("-XX:+UseSerialGC");
        options.add("-XX:MaxRAM=" + template.memorySizeMb(function) + "m");
        return options;
    }

    /** A JVM for that function's probes: its options, the deployment's class path, Lambda's environment. */
    ChildJvm functionJvm(String function) {
        List<String> options = new ArrayList<>(jvmOptions(function));
        options.add(CRAC_COMPAT);
        return new ChildJvm(options, classpath.classpath(), environment(function), directory);
    }

    /** What Lambda's environment holds for the function, endpoints pointing at this JVM's stand-ins. */
    private Map<String, String> environment(String function) {
        Map<String, String> environment = new HashMap<>(BenchPipeline.environment(provider));
        // The credentials and region DynamoDB Local files the pipeline's tables under.
        environment.put("AWS_REGION", "us-east-1");
        environment.put("AWS_ACCESS_KEY_ID", "local");
        environment.put("AWS_SECRET_ACCESS_KEY", "local");
        environment.put("AWS_ENDPOINT_URL_DYNAMODB", dynamoDb.toString());
        environment.put("AWS_ENDPOINT_URL_SFN", stepFunctions.endpoint());
        environment.put("AWS_ENDPOINT_URL_S3", s3.endpoint());
        environment.put("AWS_EC2_METADATA_DISABLED", "true");
        environment.put("AWS_CONFIG_FILE", directory.resolve("no-aws-config").toString());
        environment.put("AWS_SHARED_CREDENTIALS_FILE", directory.resolve("no-aws-credentials").toString());
        if (function.equals("ApiFunction")) {
            environment.put("STATE_MACHINE_ARN", LoopbackStepFunctions.STATE_MACHINE_ARN);
        }
        return environment;
    }

    @Override
    public void close() {
        pipeline.close();
        stepFunctions.close();
        s3.close();
        provider.close();
    }
}
