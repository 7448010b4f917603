package dev.omniarchitect.provider.bedrock;

import dev.omniarchitect.provider.ErrorCode;
import dev.omniarchitect.provider.HttpFailures;
import dev.omniarchitect.provider.JsonEndpoint;
import dev.omniarchitect.provider.Provider;
import dev.omniarchitect.provider.ProviderAnswer;
import dev.omniarchitect.provider.ProviderException;
import dev.omniarchitect.provider.ProviderRequest;
import dev.omniarchitect.provider.ProviderErrorText;
import dev.omniarchitect.provider.Usage;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.StopReason;
import software.amazon.awssdk.services.bedrockruntime.model.SystemContentBlock;

/**
 * Amazon Bedrock through the Converse API, with IAM credentials (no key): foundation-model ids and
 * inference-profile ids alike. The client runs on the instance's shared Netty client with the SDK's
 * own retries off, so the item's retry policy and deadline govern.
 */
public final class BedrockProvider implements Provider {

    public static final String NAME = "bedrock";

    private final BedrockSettings settings;
    private final BedrockRuntimeAsyncClient client;

    /**
     * @param client  null when no region is configured; every call then fails PROVIDER_NOT_CONFIGURED
     */
    public BedrockProvider(BedrockSettings settings, BedrockRuntimeAsyncClient client) {
        this.settings = settings;
        this.client = client;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String defaultModel() {
        return settings.defaultModel();
    }

    @Override
    public boolean isConfigured() {
        return client != null;
    }

    @Override
    public String configurationSource() {
        if (client == null) {
            return "not configured: set AWS_REGION (credentials come from the default AWS chain)";
        }
        return "IAM credentials, region " + settings.region()
                + (settings.endpoint() == null ? "" : ", endpoint " + settings.endpoint());
    }

    @Override
    public CompletableFuture<ProviderAnswer> generate(ProviderRequest request) {
        if (client == null) {
            return CompletableFuture.failedFuture(new ProviderException(ErrorCode.PROVIDER_NOT_CONFIGURED,
                    "bedrock is " + configurationSource()));
        }
        return client.converse(converse -> converse
                        .modelId(request.model())
                        .system(SystemContentBlock.fromText(request.kind().systemPrompt()))
                        .messages(message -> message.role(ConversationRole.USER)
                                .content(ContentBlock.fromText(request.userPrompt())))
                        .inferenceConfig(config -> config.maxTokens(request.maxTokens())
                                .temperature((float) Math.min(1.0, request.temperature())))
                        .overrideConfiguration(override -> override.apiCallTimeout(request.timeout())))
                .handle((response, error) -> {
                    if (error != null) {
                        throw failure(HttpFailures.unwrap(error));
                    }
                    return answer(response, request.model());
                });
    }

    private static ProviderAnswer answer(ConverseResponse response, String model) {
        if (response.output() == null || response.output().message() == null
                || !response.output().message().hasContent()) {
            throw JsonEndpoint.badResponse(NAME, "no output.message.content in the answer");
        }
        StringBuilder text = new StringBuilder();
        response.output().message().content().stream()
                .filter(block -> block.text() != null)
                .forEach(block -> text.append(block.text()));
        if (text.toString().isBlank()) {
            throw JsonEndpoint.badResponse(NAME, "the answer has no text");
        }
        if (response.stopReason() == StopReason.MAX_TOKENS) {
            throw JsonEndpoint.badResponse(NAME,
                    "the answer was cut off at maxTokens (stopReason max_tokens); raise options.maxTokens");
        }
        Usage usage = response.usage() == null ? Usage.NONE
                : new Usage(valueOf(response.usage().inputTokens()), valueOf(response.usage().outputTokens()));
        return new ProviderAnswer(text.toString(), model, usage, response.stopReasonAsString());
    }

    /** Maps the SDK's exceptions to the stable codes, by HTTP status as for every other provider. */
    static ProviderException failure(Throwable error) {
        if (error instanceof ApiCallTimeoutException || error instanceof ApiCallAttemptTimeoutException) {
            return new ProviderException(ErrorCode.PROVIDER_TIMEOUT, "bedrock did not answer in time", true, null, error);
        }
        if (error instanceof AwsServiceException service) {
            int status = service.statusCode();
            String code = service.awsErrorDetails() == null ? null : service.awsErrorDetails().errorCode();
            // The message is read to recognise an unknown model, never kept: it may quote the request.
            String message = String.valueOf(service.awsErrorDetails() == null ? service.getMessage()
                    : service.awsErrorDetails().errorMessage());
            ErrorCode mapped = status == 400 && message.toLowerCase(java.util.Locale.ROOT).contains("model identifier")
                    ? ErrorCode.MODEL_NOT_FOUND
                    : status == 424 ? ErrorCode.PROVIDER_UNAVAILABLE : HttpFailures.forStatus(status);
            return new ProviderException(mapped, ProviderErrorText.of(NAME, status,
                    code == null ? List.of() : List.of(code), mapped),
                    HttpFailures.isRetryable(status) || status == 424, null, error);
        }
        if (error instanceof SdkClientException client && String.valueOf(client.getMessage()).contains("credentials")) {
            return new ProviderException(ErrorCode.PROVIDER_AUTH, "bedrock: no AWS credentials found; set them in "
                    + "the environment (AWS_ACCESS_KEY_ID, AWS_PROFILE) or give the function a role", false, null,
                    error);
        }
        return HttpFailures.forThrowable(NAME, error);
    }

    private static long valueOf(Integer tokens) {
        return tokens == null ? 0 : tokens;
    }
}
