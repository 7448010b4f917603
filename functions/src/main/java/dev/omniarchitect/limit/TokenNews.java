package dev.omniarchitect.limit;

import java.util.OptionalLong;

/**
 * What a call's end says about the provider's tokens.
 *
 * @param correction  tokens used beyond the estimate spent (negative: given back)
 * @param perMinute   the provider's published tokens-per-minute limit
 * @param remaining   the tokens the provider says are left
 */
record TokenNews(long correction, OptionalLong perMinute, OptionalLong remaining) {
    static final TokenNews NONE = new TokenNews(0, OptionalLong.empty(), OptionalLong.empty());

    boolean empty() {
        return correction == 0 && perMinute.isEmpty() && remaining.isEmpty();
    }
}
