package dev.omniarchitect.provider;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.omniarchitect.http.AsyncHttp;
import java.time.Clock;

/** What a function instance shares with every provider it makes: one HTTP client, one mapper, one clock. */
public interface ProviderContext {

    /** The instance's one asynchronous HTTP client. */
    AsyncHttp http();

    ObjectMapper mapper();

    Clock clock();

    /**
     * The instance's SDK client of that type, built on the same HTTP client (for providers that call an AWS
     * service); null when this instance has none, for example no region for Bedrock.
     */
    <T> T sdkClient(Class<T> type);
}
