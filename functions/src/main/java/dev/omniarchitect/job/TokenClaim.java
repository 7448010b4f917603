package dev.omniarchitect.job;

import java.time.Instant;

/**
 * A client token bound to the job it started.
 *
 * @param token      the caller's clientToken (or one derived from a schedule's run)
 * @param bodyHash   the {@link dev.omniarchitect.json.ContentHash} of the body that started the job
 * @param jobId      the job
 * @param claimedAt  when the token was claimed
 */
public record TokenClaim(String token, String bodyHash, String jobId, Instant claimedAt) {
}
