package dev.omniarchitect.job;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Where client tokens are remembered, each bound to one job, for as long as jobs are kept. */
public interface ClientTokens {

    /** Binds the token if it is free; otherwise the claim that holds it. */
    CompletableFuture<Optional<TokenClaim>> claim(TokenClaim claim);

    /** Replaces a claim whose job never came to exist; false if that claim changed meanwhile. */
    CompletableFuture<Boolean> replace(TokenClaim stale, TokenClaim fresh);

    /** Frees the token after its job could not be started, so a retry can start it. */
    CompletableFuture<Void> release(TokenClaim claim);
}
