package dev.omniarchitect.runtime;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The functions ship one HTTP client, Netty: the SDK's Apache and URLConnection clients are excluded. */
class HttpClientClasspathTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "software.amazon.awssdk.http.apache.ApacheHttpClient",
        "software.amazon.awssdk.http.apache5.Apache5HttpClient",
        "software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient"})
    void noBlockingHttpClientIsOnTheClasspath(String className) {
        assertThrows(ClassNotFoundException.class, () -> Class.forName(className));
    }

    @ParameterizedTest
    @ValueSource(strings = "software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient")
    void theNettyClientIs(String className) {
        assertDoesNotThrow(() -> Class.forName(className));
    }
}
