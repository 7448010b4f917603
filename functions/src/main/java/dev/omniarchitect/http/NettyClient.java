package dev.omniarchitect.http;

import dev.omniarchitect.batch.BatchLimits;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.http.async.AsyncExecuteRequest;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.SdkEventLoopGroup;

/**
 * The one Netty HTTP client of a function instance, shared by the AWS clients and the providers, on an
 * event loop group of its own. The SDK shuts a group it made itself down with Netty's 2 s quiet period and
 * waits for it, which every short-lived process (a CLI command, a test) would pay on exit; nothing runs on
 * these loops once the client is closed, so this one shuts down at once.
 */
public final class NettyClient implements SdkAsyncHttpClient {

    private final SdkEventLoopGroup loops;
    private final SdkAsyncHttpClient client;

    private NettyClient(SdkEventLoopGroup loops, SdkAsyncHttpClient client) {
        this.loops = loops;
        this.client = client;
    }

    /** Reads may wait as long as the longest item deadline; item futures cut them sooner. */
    public static NettyClient create() {
        SdkEventLoopGroup loops = SdkEventLoopGroup.builder().build();
        return new NettyClient(loops, NettyNioAsyncHttpClient.builder()
                .eventLoopGroup(loops)
                .maxConcurrency(64)
                .maxPendingConnectionAcquires(1_000)
                .connectionTimeout(Duration.ofSeconds(5))
                .connectionAcquisitionTimeout(Duration.ofSeconds(10))
                .readTimeout(Duration.ofSeconds(BatchLimits.MAX_TIMEOUT_SECONDS + 10))
                .writeTimeout(Duration.ofSeconds(30))
                .build());
    }

    @Override
    public CompletableFuture<Void> execute(AsyncExecuteRequest request) {
        return client.execute(request);
    }

    @Override
    public String clientName() {
        return client.clientName();
    }

    @Override
    public void close() {
        client.close();
        loops.eventLoopGroup().shutdownGracefully(0, 5, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
