package dev.omniarchitect.local.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.omniarchitect.job.ItemResult;
import dev.omniarchitect.job.ItemStatus;
import dev.omniarchitect.job.JobRecord;
import dev.omniarchitect.testing.LoopbackHttpServer;
import dev.omniarchitect.testing.LoopbackHttpServer.Reply;
import dev.omniarchitect.testing.LoopbackOpenAiServer;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each AI provider, on its own loopback wire format, through the whole pipeline: files, usage and cost. */
class EveryProviderTest extends PipelineTestBase {

    private LoopbackHttpServer anthropic;
    private LoopbackHttpServer ollama;
    private LoopbackHttpServer bedrock;

    @BeforeEach
    void signBedrockRequests() {
        // The local pipeline builds Bedrock on the default credential chain, as deployed; system properties are part of it.
        System.setProperty("aws.accessKeyId", "AKIDLOOPBACK");
        System.setProperty("aws.secretAccessKey", "loopback");
    }

    @AfterEach
    void stopServers() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
        anthropic.close();
        ollama.close();
        bedrock.close();
    }

    @Override
    protected Map<String, String> environment() {
        anthropic = LoopbackHttpServer.start("/v1/messages", request -> Reply.json(200, """
                {"type": "message", "role": "assistant", "model": "claude-sonnet-4-5-20250929",
                 "content": [{"type": "text", "text": "```hcl path=main.tf\\nterraform {}\\n```"}],
                 "stop_reason": "end_turn", "usage": {"input_tokens": 2000, "output_tokens": 1000}}"""));
        ollama = LoopbackHttpServer.start("/api/chat", request -> Reply.json(200, """
                {"model": "qwen2.5-coder:7b", "message": {"role": "assistant",
                 "content": "```dockerfile\\nFROM alpine:3.22\\n```"}, "done": true, "done_reason": "stop",
                 "prompt_eval_count": 40, "eval_count": 300}"""));
        bedrock = LoopbackHttpServer.start("/model/", request -> Reply.json(200, """
                {"output": {"message": {"role": "assistant",
                 "content": [{"text": "```yaml path=deployment.yaml\\nkind: Deployment\\n```"}]}},
                 "stopReason": "end_turn", "usage": {"inputTokens": 1000, "outputTokens": 1000, "totalTokens": 2000}}"""));
        Map<String, String> env = new HashMap<>(super.environment());
        env.put("ANTHROPIC_BASE_URL", anthropic.origin());
        env.put("ANTHROPIC_API_KEY", "sk-ant-loopback");
        env.put("OLLAMA_HOST", ollama.origin());
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_ENDPOINT_URL_BEDROCK_RUNTIME", bedrock.origin());
        return env;
    }

    @Test
    void everyProviderTurnsAGoodAnswerIntoFilesUsageAndCost() {
        server.replies(request -> {
            LoopbackOpenAiServer.Reply reply = LoopbackOpenAiServer.Reply.answer(
                    LoopbackOpenAiServer.defaultAnswer(request));
            return new LoopbackOpenAiServer.Reply(200,
                    reply.body().replace("loopback-model-2026", "gpt-4o-mini-2024-07-18"), Map.of());
        });

        JobRecord record = run("""
                {"options": {"repair": false}, "items": [
                  {"id": "via-openai", "kind": "kubernetes", "prompt": "p1", "provider": "openai"},
                  {"id": "via-anthropic", "kind": "terraform", "prompt": "p2", "provider": "anthropic"},
                  {"id": "via-ollama", "kind": "dockerfile", "prompt": "p3", "provider": "ollama"},
                  {"id": "via-bedrock", "kind": "kubernetes", "prompt": "p4", "provider": "bedrock"}]}""");

        // The loopback answers are stubs, not files that pass the validators: what counts here is the wire.
        assertEquals(0, record.summary().failed(), record.items().toString());
        assertResult(item(record, "via-openai"), "generated.yaml", 120, 80, 0.000066);
        assertResult(item(record, "via-anthropic"), "main.tf", 2000, 1000, 0.021);
        assertResult(item(record, "via-ollama"), "Dockerfile", 40, 300, 0.0);
        assertResult(item(record, "via-bedrock"), "deployment.yaml", 1000, 1000, 0.018);
        assertEquals("global.anthropic.claude-sonnet-4-5-20250929-v1:0", item(record, "via-bedrock").model());
        assertEquals(0.000066 + 0.021 + 0.018, record.summary().costUsd(), 1e-9);
    }

    private static void assertResult(ItemResult item, String file, long in, long out, double cost) {
        assertNotEquals(ItemStatus.FAILED, item.status(), item.id() + ": " + item.error());
        assertEquals(1, item.attempts().size(), item.id());
        assertEquals(file, item.files().get(0).path(), item.id());
        assertEquals(in, item.usage().inputTokens(), item.id());
        assertEquals(out, item.usage().outputTokens(), item.id());
        assertEquals(cost, item.costUsd(), 1e-9, item.id());
    }
}
