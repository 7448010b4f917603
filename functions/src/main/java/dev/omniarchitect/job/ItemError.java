package dev.omniarchitect.job;

import dev.omniarchitect.provider.ErrorCode;

/** Why an item failed: a stable code and a message fit for a user. */
public record ItemError(ErrorCode code, String message) {
}
