package dev.omniarchitect.http;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.http.async.AsyncExecuteRequest;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.async.SdkAsyncHttpResponseHandler;
import software.amazon.awssdk.http.async.SdkHttpContentPublisher;

/**
 * Plain HTTP calls on the function's one shared SDK async HTTP client (Netty), so provider calls use
 * the same connection pool and event loop as the AWS clients. Nothing here blocks, and the futures
 * complete on a separate completion executor (as the SDK's own clients do), so the work callers chain
 * onto them (parsing answers, logging) never runs on the Netty event loop.
 */
public final class AsyncHttp {

    private final SdkAsyncHttpClient client;
    private final int maxResponseBytes;
    private final Executor completions;

    public AsyncHttp(SdkAsyncHttpClient client, int maxResponseBytes, Executor completions) {
        this.client = client;
        this.maxResponseBytes = maxResponseBytes;
        this.completions = completions;
    }

    /**
     * Sends the request. The future fails with the client's exception on connection errors, with
     * {@link java.util.concurrent.TimeoutException} after {@code timeout}, and with
     * {@link ResponseTooLargeException} past the body bound; cancelling it aborts the exchange.
     */
    public CompletableFuture<HttpResponse> send(HttpRequest request, Duration timeout) {
        SdkHttpRequest.Builder sdkRequest = SdkHttpRequest.builder()
                .method(SdkHttpMethod.fromValue(request.method()))
                .uri(request.uri());
        request.headers().forEach(sdkRequest::putHeader);
        if (request.body().length > 0) {
            sdkRequest.putHeader("Content-Length", Integer.toString(request.body().length));
        }
        CompletableFuture<HttpResponse> response = new CompletableFuture<>();
        BodyCollector collector = new BodyCollector(response, maxResponseBytes);
        CompletableFuture<HttpResponse> handedOff = new CompletableFuture<>();
        response.whenCompleteAsync((value, error) -> {
            if (error != null) {
                handedOff.completeExceptionally(error);
            } else {
                handedOff.complete(value);
            }
        }, completions);
        CompletableFuture<Void> exchange = client.execute(AsyncExecuteRequest.builder()
                .request(sdkRequest.build())
                .requestContentPublisher(new BodyPublisher(request.body()))
                .responseHandler(collector)
                .build());
        exchange.whenComplete((ignored, error) -> {
            if (error != null) {
                response.completeExceptionally(error);
            }
        });
        // Whoever gives up on the response (deadline, cancel) also releases the connection.
        response.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((ignored, error) -> {
                    if (error != null) {
                        exchange.cancel(true);
                    }
                });
        return handedOff;
    }

    /** Adapts the SDK's byte-array body to the HTTP client's publisher type. */
    private static final class BodyPublisher implements SdkHttpContentPublisher {
        private final AsyncRequestBody body;
        private final long length;

        BodyPublisher(byte[] bytes) {
            this.body = AsyncRequestBody.fromBytes(bytes);
            this.length = bytes.length;
        }

        @Override
        public Optional<Long> contentLength() {
            return Optional.of(length);
        }

        @Override
        public void subscribe(Subscriber<? super ByteBuffer> subscriber) {
            body.subscribe(subscriber);
        }
    }

    /** Gathers status, headers and a bounded body into one {@link HttpResponse}. */
    private static final class BodyCollector implements SdkAsyncHttpResponseHandler {
        private final CompletableFuture<HttpResponse> result;
        private final int maxBytes;
        private volatile SdkHttpResponse head;

        BodyCollector(CompletableFuture<HttpResponse> result, int maxBytes) {
            this.result = result;
            this.maxBytes = maxBytes;
        }

        @Override
        public void onHeaders(SdkHttpResponse headers) {
            this.head = headers;
        }

        @Override
        public void onStream(Publisher<ByteBuffer> stream) {
            stream.subscribe(new Subscriber<>() {
                private final ByteArrayOutputStream body = new ByteArrayOutputStream();
                private Subscription subscription;

                @Override
                public void onSubscribe(Subscription s) {
                    subscription = s;
                    s.request(Long.MAX_VALUE);
                }

                @Override
                public void onNext(ByteBuffer buffer) {
                    if (body.size() + buffer.remaining() > maxBytes) {
                        subscription.cancel();
                        result.completeExceptionally(new ResponseTooLargeException(maxBytes));
                        return;
                    }
                    byte[] chunk = new byte[buffer.remaining()];
                    buffer.get(chunk);
                    body.write(chunk, 0, chunk.length);
                }

                @Override
                public void onError(Throwable error) {
                    result.completeExceptionally(error);
                }

                @Override
                public void onComplete() {
                    result.complete(new HttpResponse(head.statusCode(), lowerCased(head.headers()), body.toByteArray()));
                }
            });
        }

        @Override
        public void onError(Throwable error) {
            result.completeExceptionally(error);
        }

        private static Map<String, List<String>> lowerCased(Map<String, List<String>> headers) {
            Map<String, List<String>> lower = new LinkedHashMap<>();
            headers.forEach((name, values) -> lower.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
            return Map.copyOf(lower);
        }
    }
}
